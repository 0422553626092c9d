/** How loudly a rule speaks; `off` silences it. Matches VS Code's four levels plus off. */
export type Severity = 'error' | 'warning' | 'info' | 'hint' | 'off';

/** The stable codes of every front matter rule (documented in docs/front-matter.md). */
export const RULE_CODES = [
  'fm/syntax',
  'fm/unterminated',
  'fm/required',
  'fm/type',
  'fm/enum',
  'fm/pattern',
  'fm/date-format',
  'fm/date-order',
  'fm/duplicate-key',
  'fm/unknown-key',
  'fm/tags-string',
  'fm/duplicate-tag',
  'fm/tag-spelling',
  'fm/tag-not-allowed',
  'fm/empty-value',
  'fm/missing-file',
  'fm/unreadable',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

/** One replacement in the document text: offsets are absolute UTF-16 offsets, `end` exclusive. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix as plain text edits, so the extension and the CLI can both apply it. */
export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix to apply when the user asks for "the" fix (VS Code's preferred action). */
  isPreferred?: boolean;
}

/** A problem in one document, with offsets into that document's text. */
export interface FrontMatterDiagnostic {
  code: RuleCode;
  severity: Exclude<Severity, 'off'>;
  message: string;
  start: number;
  end: number;
  fixes: QuickFix[];
}

/** How many posts use one spelling of a taxonomy term. */
export interface TermSpelling {
  spelling: string;
  count: number;
}

/**
 * The workspace's spellings of a term: `(taxonomy, termKey)` → spellings with the number of
 * posts using each. `termKey` is the term as Hugo merges it (see `termKey`). The live post index
 * supplies this in the editor; the CLI builds it from the files it checks.
 */
export type TermSpellingProvider = (taxonomy: string, termKey: string) => readonly TermSpelling[];
