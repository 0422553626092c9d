import { foldKey, keptFields, type FieldNode, type FrontMatterFormat, type ParsedFrontMatter, type ValueNode } from '../frontmatter';
import type { ValidationConfig } from './config';
import { LineIndex } from '../text/lineIndex';
import type { HugoDate } from './dates';
import type { EditTarget } from './edits';
import { COMMON_THEME_FIELDS, HUGO_FIELDS, type FieldSpec } from './schema';
import type { FrontMatterDiagnostic, QuickFix, RuleCode, TermSpellingProvider } from './types';

const SEVERITY_RANK = { hint: 0, info: 1, warning: 2, error: 3 } as const;

/** What the caller may tell the validator beyond the text. */
export interface ValidateOptions {
  config?: ValidationConfig;
  /** Absolute path of the document, forward slashes (for `_index.md`, titles from names, image paths). */
  filePath?: string;
  /** The workspace's spellings of taxonomy terms; without it `fm/tag-spelling` stays quiet. */
  termSpellings?: TermSpellingProvider;
  /** Clock and time zone for "add date" fixes (tests pin them). */
  now?: Date;
  /** Minutes east of UTC; defaults to this machine's zone at `now`. */
  utcOffsetMinutes?: number;
  /** A parse of `text` the caller already has. */
  parsed?: ParsedFrontMatter;
}

/** Shared state of one validation run. */
export class RuleContext {
  readonly diagnostics: FrontMatterDiagnostic[] = [];
  readonly target: EditTarget;
  /** The field whose value Hugo keeps, for each key lowercased as Go does (see `hugoKeeps`). */
  readonly byKey: Map<string, FieldNode>;
  /** Readable dates by lowercased key, for the order checks. */
  readonly dates = new Map<string, { field: FieldNode; node: ValueNode; date: HugoDate }>();
  /** Line starts of the text up to `linesEnd`, made the first time a message names a line. */
  private lines: LineIndex | undefined = undefined;
  private linesEnd = 0;

  constructor(
    readonly text: string,
    readonly parsed: ParsedFrontMatter & { format: FrontMatterFormat },
    readonly config: ValidationConfig,
    readonly options: ValidateOptions,
  ) {
    this.target = { text, parsed };
    this.byKey = keptFields(parsed.fields);
  }

  /**
   * Reports a problem at the rule's severity. `atMost` caps it, for what Hugo (or the site's Hugo
   * version) accepts: it builds, only not as the author may expect, so it is never an error.
   */
  report(code: RuleCode, start: number, end: number, message: string, fixes: QuickFix[] = [], atMost?: 'warning' | 'info' | 'hint'): void {
    let severity = this.config.severities[code];
    if (severity === 'off') return;
    if (atMost && SEVERITY_RANK[severity] > SEVERITY_RANK[atMost]) severity = atMost;
    this.diagnostics.push({ code, severity, message, start, end, fixes });
  }

  /** Whether Hugo uses this field's value (not overwritten by another spelling of its key). */
  isKept(field: FieldNode): boolean {
    return this.byKey.get(foldKey(field.key)) === field;
  }

  /** "Hugo 0.122.0 (netlify.toml)": the version judged by, for messages that depend on it. */
  get hugoName(): string {
    return `Hugo ${this.config.hugo.version}`;
  }

  isEnabled(code: RuleCode): boolean {
    return this.config.severities[code] !== 'off';
  }

  /** 1-based line of an offset, for messages that point at another place. */
  lineOf(offset: number): number {
    // Indexed once (a post repeating thousands of tags names a line in each message), and only
    // as far as the front matter: the places messages name are in it, and a body can be megabytes.
    if (this.lines === undefined || offset > this.linesEnd) {
      this.linesEnd = Math.max(offset, this.parsed.blockEnd);
      this.lines = new LineIndex(this.text.slice(0, this.linesEnd));
    }
    return this.lines.positionAt(offset).line + 1;
  }

  /** The spec of a top-level field: the user's (over Hugo's type when they give none), Hugo's, or a theme field's. */
  specOf(lowercasedKey: string): FieldSpec | undefined {
    const builtIn = HUGO_FIELDS[lowercasedKey] ?? COMMON_THEME_FIELDS[lowercasedKey];
    const user = this.config.fields[lowercasedKey];
    if (!user) return builtIn;
    return builtIn && user.type === 'any' ? { ...builtIn, ...user, type: builtIn.type } : user;
  }

  isTaxonomy(lowercasedKey: string): boolean {
    return this.config.taxonomies.includes(lowercasedKey);
  }

  /** The key as the author wrote it, quoted for messages. */
  keyText(field: FieldNode): string {
    return `"${field.key}"`;
  }
}

/** True for a value that says nothing: null, or a string of only blank space. */
export function isEmptyValue(node: ValueNode): boolean {
  if (node.kind !== 'scalar') return false;
  if (node.value === null || node.value === undefined) return node.scalarType === 'null' || node.scalarType === undefined;
  return typeof node.value === 'string' && node.value.trim() === '' && node.scalarType !== 'date';
}

/** A short description of what a value is, for "expected X, found Y" messages. */
export function describeValue(node: ValueNode): string {
  if (node.kind === 'sequence') return 'a list';
  if (node.kind === 'mapping') return 'a mapping';
  switch (node.scalarType) {
    case 'number':
      return `the number ${String(node.value)}`;
    case 'boolean':
      return `the boolean ${String(node.value)}`;
    case 'null':
      return 'nothing';
    case 'date':
      return `the date ${String(node.value)}`;
    default:
      return `the text ${JSON.stringify(node.value)}`;
  }
}
