/**
 * A strict reader of VS Code's snippet syntax (the TextMate dialect VS Code implements):
 * tabstops `$1`/`${1}`, placeholders `${1:default}` (nested), choices `${1|a,b|}`,
 * variables `$NAME`/`${NAME}`/`${NAME:default}`/`${NAME/regex/format/flags}` and the escapes
 * `\$`, `\}`, `\\` (plus `\,` and `\|` inside choices).
 *
 * VS Code itself is lenient: whatever does not parse becomes literal text, and an unknown
 * variable silently turns into a placeholder. That is how a shell `$HOME` or `${IMAGE}` in a
 * snippet body ends up as a surprise tab stop, so this reader reports those cases as errors
 * instead. It is used by the tests and the docs generator, never on the typing path.
 */

export type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children: SnippetNode[]; transform?: SnippetTransform };

export interface SnippetTransform {
  regex: string;
  format: string;
  flags: string;
}

export interface SnippetSyntaxError {
  offset: number;
  message: string;
}

export interface ParsedSnippet {
  nodes: SnippetNode[];
  errors: SnippetSyntaxError[];
}

/**
 * Variables VS Code resolves as of engine 1.90 (editor/contrib/snippet `KnownSnippetVariableNames`).
 * Anything else in variable position is an unescaped `$` that VS Code would turn into a placeholder.
 */
export const KNOWN_SNIPPET_VARIABLES: ReadonlySet<string> = new Set([
  'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH', 'CURRENT_DATE', 'CURRENT_HOUR',
  'CURRENT_MINUTE', 'CURRENT_SECOND', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT',
  'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT', 'CURRENT_SECONDS_UNIX', 'CURRENT_TIMEZONE_OFFSET',
  'SELECTION', 'CLIPBOARD', 'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX',
  'TM_LINE_NUMBER', 'TM_FILENAME', 'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'CURSOR_INDEX',
  'CURSOR_NUMBER', 'RELATIVE_FILEPATH', 'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
  'WORKSPACE_NAME', 'WORKSPACE_FOLDER', 'RANDOM', 'RANDOM_HEX', 'UUID',
]);

const VARIABLE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;
const INTEGER = /^[0-9]+/;

class SnippetReader {
  private pos = 0;
  readonly errors: SnippetSyntaxError[] = [];

  constructor(private readonly src: string) {}

  parseAll(): SnippetNode[] {
    const nodes = this.parseSequence(false);
    return nodes;
  }

  /** Reads nodes until the end, or until an unescaped `}` when inside a placeholder/variable default. */
  private parseSequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos += 1;
        }
        continue;
      }
      if (nested && ch === '}') break;
      if (ch === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
        text += '$';
        this.pos += 1;
        continue;
      }
      text += ch;
      this.pos += 1;
    }
    flush();
    return nodes;
  }

  /** At a `$`: returns the construct it starts, or undefined when VS Code would read a literal `$`. */
  private parseDollar(): SnippetNode | undefined {
    const start = this.pos;
    const rest = this.src.slice(start + 1);
    const int = INTEGER.exec(rest);
    if (int) {
      this.pos = start + 1 + int[0].length;
      return { kind: 'tabstop', index: Number(int[0]), children: [] };
    }
    const name = VARIABLE_NAME.exec(rest);
    if (name) {
      this.pos = start + 1 + name[0].length;
      this.checkVariable(name[0], start);
      return { kind: 'variable', name: name[0], children: [] };
    }
    if (rest[0] !== '{') return undefined;
    this.pos = start + 2;
    return this.parseBraced(start);
  }

  private parseBraced(start: number): SnippetNode | undefined {
    const rest = this.src.slice(this.pos);
    const int = INTEGER.exec(rest);
    if (int) {
      const index = Number(int[0]);
      this.pos += int[0].length;
      const ch = this.src[this.pos];
      if (ch === '}') {
        this.pos += 1;
        return { kind: 'tabstop', index, children: [] };
      }
      if (ch === ':') {
        this.pos += 1;
        const children = this.parseSequence(true);
        if (!this.expect('}', start, `placeholder \${${index}:…} is not closed`)) return undefined;
        return { kind: 'tabstop', index, children };
      }
      if (ch === '|') {
        this.pos += 1;
        return this.parseChoice(index, start);
      }
      if (ch === '/') {
        this.pos += 1;
        this.parseTransform(start);
        return { kind: 'tabstop', index, children: [] };
      }
      this.fail(start, `malformed tabstop \${${index}…}: expected '}', ':', '|' or '/'`);
      return undefined;
    }
    const name = VARIABLE_NAME.exec(rest);
    if (name) {
      this.pos += name[0].length;
      this.checkVariable(name[0], start);
      const ch = this.src[this.pos];
      if (ch === '}') {
        this.pos += 1;
        return { kind: 'variable', name: name[0], children: [] };
      }
      if (ch === ':') {
        this.pos += 1;
        const children = this.parseSequence(true);
        if (!this.expect('}', start, `variable \${${name[0]}:…} is not closed`)) return undefined;
        return { kind: 'variable', name: name[0], children };
      }
      if (ch === '/') {
        this.pos += 1;
        const transform = this.parseTransform(start);
        return { kind: 'variable', name: name[0], children: [], transform };
      }
      this.fail(start, `malformed variable \${${name[0]}…}: expected '}', ':' or '/'`);
      return undefined;
    }
    this.fail(start, "'${' must start a tabstop, placeholder, choice or variable; escape a literal one as '\\${'");
    return undefined;
  }

  private parseChoice(index: number, start: number): SnippetNode | undefined {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && ',|\\'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (ch === ',') {
        options.push(current);
        current = '';
        this.pos += 1;
        continue;
      }
      if (ch === '|') {
        options.push(current);
        this.pos += 1;
        if (!this.expect('}', start, `choice \${${index}|…|} must end with '|}'`)) return undefined;
        if (options.some((o) => o.length === 0)) this.fail(start, `choice \${${index}|…|} has an empty option`);
        return { kind: 'choice', index, options };
      }
      current += ch;
      this.pos += 1;
    }
    this.fail(start, `choice \${${index}|…|} is not closed`);
    return undefined;
  }

  /** Reads `regex/format/flags}` after the first `/`. */
  private parseTransform(start: number): SnippetTransform | undefined {
    const parts: string[] = [];
    let current = '';
    // In the format part, `${1:/upcase}` holds a slash that does not end the part.
    let depth = 0;
    while (this.pos < this.src.length && parts.length < 2) {
      const ch = this.src[this.pos];
      if (ch === '\\' && this.pos + 1 < this.src.length) {
        current += ch + this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (parts.length === 1 && ch === '$' && this.src[this.pos + 1] === '{') depth++;
      else if (depth > 0 && ch === '}') depth--;
      else if (ch === '/' && depth === 0) {
        parts.push(current);
        current = '';
        this.pos += 1;
        continue;
      }
      current += ch;
      this.pos += 1;
    }
    const flags = /^[a-z]*/.exec(this.src.slice(this.pos))![0];
    this.pos += flags.length;
    if (parts.length < 2 || !this.expect('}', start, 'transform must look like ${x/regex/format/flags}')) return undefined;
    try {
      new RegExp(parts[0], flags);
    } catch (err) {
      this.fail(start, `transform regex is invalid: ${(err as Error).message}`);
    }
    return { regex: parts[0], format: parts[1], flags };
  }

  private checkVariable(name: string, at: number): void {
    if (!KNOWN_SNIPPET_VARIABLES.has(name)) {
      this.fail(at, `unknown variable $${name}: VS Code would turn it into a placeholder; escape a literal one as \\$${name}`);
    }
  }

  private expect(ch: string, start: number, message: string): boolean {
    if (this.src[this.pos] === ch) {
      this.pos += 1;
      return true;
    }
    this.fail(start, message);
    return false;
  }

  private fail(offset: number, message: string): void {
    this.errors.push({ offset, message });
    // Resynchronise at the end so one mistake is reported once.
    this.pos = Math.max(this.pos, this.src.length);
  }
}

/** Parses a snippet body (lines already joined with `\n`). */
export function parseSnippet(body: string): ParsedSnippet {
  const reader = new SnippetReader(body);
  const nodes = reader.parseAll();
  const errors = [...reader.errors, ...checkPlaceholderDefaults(nodes)];
  return { nodes, errors };
}

/** Two different defaults for one tab stop would silently lose the second one. */
function checkPlaceholderDefaults(nodes: SnippetNode[]): SnippetSyntaxError[] {
  const defaults = new Map<number, string>();
  const errors: SnippetSyntaxError[] = [];
  walk(nodes, (node) => {
    if (node.kind === 'tabstop' && node.children.length > 0) {
      const text = expandNodes(node.children, () => undefined, new Map());
      const seen = defaults.get(node.index);
      if (seen !== undefined && seen !== text) {
        errors.push({ offset: 0, message: `tab stop $${node.index} has two different defaults: '${seen}' and '${text}'` });
      } else defaults.set(node.index, text);
    }
  });
  return errors;
}

/** Calls `visit` for every node, depth first. */
export function walk(nodes: readonly SnippetNode[], visit: (node: SnippetNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind === 'tabstop' || node.kind === 'variable') walk(node.children, visit);
  }
}

/**
 * The text VS Code would insert if the user accepted every default: placeholders keep their
 * default (mirrors repeat it), choices take their first option, variables take `resolve(name)`
 * or their default.
 */
export function expandSnippet(body: string, resolve: (name: string) => string | undefined = () => undefined): string {
  const parsed = parseSnippet(body);
  if (parsed.errors.length) throw new Error(`invalid snippet: ${parsed.errors[0].message}`);
  return expandNodes(parsed.nodes, resolve, collectDefaults(parsed.nodes, resolve));
}

function collectDefaults(nodes: SnippetNode[], resolve: (name: string) => string | undefined): Map<number, string> {
  const defaults = new Map<number, string>();
  walk(nodes, (node) => {
    if (node.kind === 'choice' && !defaults.has(node.index)) defaults.set(node.index, node.options[0]);
    if (node.kind === 'tabstop' && node.children.length && !defaults.has(node.index)) {
      defaults.set(node.index, expandNodes(node.children, resolve, defaults));
    }
  });
  return defaults;
}

function expandNodes(nodes: SnippetNode[], resolve: (name: string) => string | undefined, defaults: Map<number, string>): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.value;
        break;
      case 'choice':
        out += node.options[0];
        break;
      case 'tabstop':
        out += node.children.length ? expandNodes(node.children, resolve, defaults) : (defaults.get(node.index) ?? '');
        break;
      case 'variable': {
        const value = resolve(node.name) ?? expandNodes(node.children, resolve, defaults);
        out += node.transform ? applyTransform(value, node.transform) : value;
        break;
      }
    }
  }
  return out;
}

/** Enough of TextMate's format string for defaults: `$n`/`${n}` group references and case changes. */
function applyTransform(value: string, t: SnippetTransform): string {
  const regex = new RegExp(t.regex, t.flags);
  return value.replace(regex, (...match: unknown[]) => {
    const groups = match.slice(0, -2) as (string | undefined)[];
    return t.format.replace(/\$(\d+)|\$\{(\d+)(?::\/(upcase|downcase|capitalize))?\}/g, (_m, a: string, b: string, mod: string) => {
      const text = groups[Number(a ?? b)] ?? '';
      if (mod === 'upcase') return text.toUpperCase();
      if (mod === 'downcase') return text.toLowerCase();
      if (mod === 'capitalize') return text.charAt(0).toUpperCase() + text.slice(1);
      return text;
    });
  });
}

/** Escapes literal text so a SnippetString inserts it unchanged. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}
