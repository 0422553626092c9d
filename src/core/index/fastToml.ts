/**
 * A fast reader for the TOML that front matter is made of: bare keys, one-line strings, numbers,
 * booleans, dates, arrays (across lines too) and `[table]` headers. Like the YAML reader it is
 * exact or it declines (returns `undefined`, and the caller uses the full parser). Because one
 * syntax error anywhere makes the full TOML parser give up on the whole block, this reader checks
 * every line it skips as well, not just the fields it keeps.
 */

import { hasLoneCrOrSurrogate } from '../frontmatter/simpleScan';

const DECLINE = Symbol('decline');
type Result<T> = T | typeof DECLINE;

// eslint-disable-next-line no-control-regex -- control characters are what this finds
const UNSUPPORTED_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const BARE_KEY = /[A-Za-z0-9_-]/;
const INTEGER = /^[+-]?(?:0|[1-9](?:_?[0-9])*)$/;
const PREFIXED_INTEGER = /^(?:0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|0o[0-7](?:_?[0-7])*|0b[01](?:_?[01])*)$/;
const FLOAT = /^[+-]?(?:0|[1-9](?:_?[0-9])*)(?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const SPECIAL_FLOAT = /^[+-]?(?:inf|nan)$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-](\d{2}):(\d{2}))?)?$/;
const LOCAL_TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;
/** Bigger or deeper blocks go to the full parser, which applies the hard limits (frontmatter/limits.ts). */
const MAX_BLOCK_LENGTH = 64 * 1024;
const MAX_DEPTH = 20;

/**
 * Reads the top-level fields named in `wanted` (lowercased) from the TOML in
 * `text.slice(start, end)`; `undefined` when the block needs the full parser.
 */
export function fastTomlFields(text: string, start: number, end: number, wanted: ReadonlySet<string>): Map<string, unknown> | undefined {
  if (end - start > MAX_BLOCK_LENGTH) return undefined;
  const block = text.slice(start, end);
  if (UNSUPPORTED_CHARS.test(block) || hasLoneCrOrSurrogate(block)) return undefined;
  const r = new TomlReader(block, wanted).read();
  return r === DECLINE ? undefined : r;
}

class TomlReader {
  private p = 0;
  private readonly fields = new Map<string, unknown>();
  /** Keys with values per table path ('' is the top level). */
  private readonly keysByTable = new Map<string, Set<string>>([['', new Set()]]);
  /** Every table path, declared or implied by a dotted header. */
  private readonly tables = new Set<string>(['']);
  private readonly declared = new Set<string>();
  private table = '';

  constructor(
    private readonly s: string,
    private readonly wanted: ReadonlySet<string>,
  ) {}

  read(): Result<Map<string, unknown>> {
    const s = this.s;
    while (this.p < s.length) {
      this.skipSpaces();
      const c = s[this.p];
      if (c === undefined) break;
      if (c === '\n' || c === '\r' || c === '#') {
        if (!this.endOfLine()) return DECLINE;
        continue;
      }
      const ok = c === '[' ? this.header() : this.keyValue();
      if (!ok || !this.endOfLine()) return DECLINE;
    }
    return this.fields;
  }

  private skipSpaces(): void {
    while (this.s[this.p] === ' ' || this.s[this.p] === '\t') this.p++;
  }

  /** Optional blanks and comment, then a line break or the end. */
  private endOfLine(): boolean {
    this.skipSpaces();
    if (this.s[this.p] === '#') {
      const nl = this.s.indexOf('\n', this.p);
      this.p = nl === -1 ? this.s.length : nl;
    }
    if (this.p >= this.s.length) return true;
    if (this.s[this.p] === '\r') this.p++;
    if (this.s[this.p] !== '\n') return false;
    this.p++;
    return true;
  }

  private bareKey(): string | undefined {
    const from = this.p;
    while (this.p < this.s.length && BARE_KEY.test(this.s[this.p])) this.p++;
    return this.p > from ? this.s.slice(from, this.p) : undefined;
  }

  /** `[a]` or `[a.b]`; arrays of tables and quoted keys decline. */
  private header(): boolean {
    this.p++;
    if (this.s[this.p] === '[') return false;
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const k = this.bareKey();
      if (k === undefined) return false;
      parts.push(k);
      this.skipSpaces();
      if (this.s[this.p] === '.') {
        this.p++;
        continue;
      }
      if (this.s[this.p] !== ']') return false;
      this.p++;
      break;
    }
    // `[tags]` makes a wanted key a table: leave that odd case to the parser.
    if (parts.length > MAX_DEPTH || this.wanted.has(parts[0].toLowerCase())) return false;
    const path = parts.join('.');
    if (this.declared.has(path)) return false;
    for (let i = 1; i <= parts.length; i++) {
      const parent = parts.slice(0, i - 1).join('.');
      if (this.keysByTable.get(parent)?.has(parts[i - 1])) return false;
      this.tables.add(parts.slice(0, i).join('.'));
    }
    this.declared.add(path);
    this.table = path;
    if (!this.keysByTable.has(path)) this.keysByTable.set(path, new Set());
    return true;
  }

  private keyValue(): boolean {
    const key = this.bareKey();
    if (key === undefined) return false;
    this.skipSpaces();
    if (this.s[this.p] !== '=') return false;
    this.p++;
    this.skipSpaces();
    const keys = this.keysByTable.get(this.table) ?? new Set<string>();
    const path = this.table === '' ? key : `${this.table}.${key}`;
    if (keys.has(key) || this.tables.has(path)) return false;
    keys.add(key);
    const want = this.table === '' && this.wanted.has(key.toLowerCase());
    const v = this.value(want, 0);
    if (v === DECLINE) return false;
    if (want) {
      // `Tags` beside `tags`: which one Hugo keeps is the full parser's to tell.
      if (this.fields.has(key.toLowerCase())) return false;
      this.fields.set(key.toLowerCase(), v);
    }
    return true;
  }

  private value(want: boolean, depth: number): Result<unknown> {
    const s = this.s;
    const c = s[this.p];
    if (c === '"') return s.startsWith('"""', this.p) ? DECLINE : this.basicString();
    if (c === "'") return s.startsWith("'''", this.p) ? DECLINE : this.literalString();
    if (c === '[') return depth >= MAX_DEPTH ? DECLINE : this.array(want, depth + 1);
    if (c === undefined || c === '{') return DECLINE;
    const from = this.p;
    while (this.p < s.length && !' \t\r\n,]#'.includes(s[this.p])) this.p++;
    // `1979-05-27 07:32:00`: a date, a space, then a time is one value.
    if (s[this.p] === ' ' && /^\d{4}-\d{2}-\d{2}$/.test(s.slice(from, this.p)) && /^\d{2}:/.test(s.slice(this.p + 1, this.p + 4))) {
      this.p++;
      while (this.p < s.length && !' \t\r\n,]#'.includes(s[this.p])) this.p++;
    }
    const token = s.slice(from, this.p);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (isDateTime(token)) return token;
    const digits = token.replace(/[^0-9]/g, '');
    if ((INTEGER.test(token) || PREFIXED_INTEGER.test(token)) && digits.length <= 15) return want ? DECLINE : 0;
    if ((FLOAT.test(token) && digits.length <= 15) || SPECIAL_FLOAT.test(token)) return want ? DECLINE : 0;
    return DECLINE;
  }

  private basicString(): Result<string> {
    const s = this.s;
    let out = '';
    let run = ++this.p;
    for (; this.p < s.length; this.p++) {
      const c = s[this.p];
      if (c === '"') {
        out += s.slice(run, this.p++);
        return out;
      }
      if (c === '\n' || c === '\r') return DECLINE;
      if (c !== '\\') continue;
      out += s.slice(run, this.p);
      const e = s[this.p + 1];
      const simple = e === undefined ? undefined : TOML_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        this.p++;
      } else if (e === 'u' || e === 'U') {
        const n = e === 'u' ? 4 : 8;
        const hex = s.slice(this.p + 2, this.p + 2 + n);
        if (hex.length !== n || !/^[0-9A-Fa-f]+$/.test(hex)) return DECLINE;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return DECLINE;
        out += String.fromCodePoint(code);
        this.p += 1 + n;
      } else {
        return DECLINE;
      }
      run = this.p + 1;
    }
    return DECLINE;
  }

  private literalString(): Result<string> {
    const from = ++this.p;
    for (; this.p < this.s.length; this.p++) {
      const c = this.s[this.p];
      if (c === "'") return this.s.slice(from, this.p++);
      if (c === '\n' || c === '\r') return DECLINE;
    }
    return DECLINE;
  }

  /** An array, across lines, comments and a trailing comma allowed; inline tables decline. */
  private array(want: boolean, depth: number): Result<unknown[]> {
    this.p++;
    const items: unknown[] = [];
    for (;;) {
      if (!this.skipArraySpace()) return DECLINE;
      if (this.s[this.p] === ']') {
        this.p++;
        return items;
      }
      const v = this.value(want, depth);
      if (v === DECLINE || (want && Array.isArray(v))) return DECLINE;
      items.push(v);
      if (!this.skipArraySpace()) return DECLINE;
      if (this.s[this.p] === ',') this.p++;
      else if (this.s[this.p] !== ']') return DECLINE;
    }
  }

  /** Blanks, line breaks and comments between array items. */
  private skipArraySpace(): boolean {
    for (;;) {
      this.skipSpaces();
      const c = this.s[this.p];
      if (c === '#') {
        const nl = this.s.indexOf('\n', this.p);
        if (nl === -1) return false;
        this.p = nl;
      } else if (c === '\r' || c === '\n') {
        this.p++;
      } else {
        return c !== undefined;
      }
    }
  }
}

const TOML_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

/** TOML's date, date-time and time forms, with their fields in range. */
function isDateTime(token: string): boolean {
  const time = LOCAL_TIME.exec(token);
  if (time) return inTimeRange(time[1], time[2], time[3]);
  const m = DATE_TIME.exec(token);
  if (!m) return false;
  const [, y, mo, d, h, mi, sec, offset, oh, om] = m;
  const month = Number(mo);
  if (month < 1 || month > 12 || Number(d) < 1 || Number(d) > daysIn(Number(y), month)) return false;
  if (h !== undefined && !inTimeRange(h, mi, sec)) return false;
  if (offset !== undefined && offset !== 'Z' && (Number(oh) > 23 || Number(om) > 59)) return false;
  return true;
}

function inTimeRange(h: string, m: string, s: string): boolean {
  return Number(h) <= 23 && Number(m) <= 59 && Number(s) <= 59;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
