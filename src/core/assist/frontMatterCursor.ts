import type { FrontMatterFormat, ParsedFrontMatter } from '../frontmatter';

/**
 * Where the cursor is inside a front matter block while the user types, read from the lines
 * around it (the block is often not valid YAML/TOML/JSON at that moment, so the parser's tree
 * cannot be trusted for this).
 */
export interface FrontMatterCursor {
  format: FrontMatterFormat;
  kind: 'key' | 'value';
  /** For values: the top-level key that owns them, as written. */
  key?: string;
  /** True inside a list: a YAML block or flow list, a TOML or JSON array. */
  list: boolean;
  /** What is typed of the key or item so far, without its opening quote. */
  prefix: string;
  /** The quote the user opened the item with, if any. */
  quote: '' | '"' | "'";
  /** The text to replace (absolute offsets): the item typed so far, its quotes included. */
  start: number;
  end: number;
  /** For keys: whether a separator (`:`, `=`) already follows on the line. */
  hasSeparator?: boolean;
}

const WORD = /[\w.-]/;

/** The cursor's place in the front matter of `fm`, or undefined outside it or where we offer nothing. */
export function frontMatterCursor(text: string, offset: number, fm: ParsedFrontMatter): FrontMatterCursor | undefined {
  if (!fm.format || offset < fm.contentStart) return undefined;
  // An unterminated block runs to the end of the text; a closed one ends before its closing line.
  if (fm.terminated && offset > fm.contentEnd) return undefined;
  if (fm.format === 'json') return jsonCursor(text, offset, fm.contentStart);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const lineEnd = endOfLine(text, offset);
  const after = text.slice(offset, lineEnd);
  return fm.format === 'yaml' ? yamlCursor(text, offset, lineStart, before, after, fm.contentStart) : tomlCursor(text, offset, lineStart, before, after, fm.contentStart);
}

function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
}

function wordEnd(text: string, offset: number, limit: number): number {
  let e = offset;
  while (e < limit && WORD.test(text[e])) e++;
  return e;
}

function unquoteKey(raw: string): string {
  const k = raw.trim();
  return /^(["']).*\1$/.test(k) ? k.slice(1, -1) : k;
}

/** An item typed from `itemStart` to the cursor: its quote, prefix and the range to replace. */
function item(text: string, itemStart: number, offset: number, lineEnd: number): Pick<FrontMatterCursor, 'prefix' | 'quote' | 'start' | 'end'> {
  let start = itemStart;
  while (start < offset && (text[start] === ' ' || text[start] === '\t')) start++;
  const q = text[start];
  const quote = q === '"' || q === "'" ? q : '';
  const prefix = text.slice(start + quote.length, offset);
  let end = quote ? offset : wordEnd(text, offset, lineEnd);
  if (quote) {
    const close = text.indexOf(quote, offset);
    // Swallow the rest of the quoted item when it closes on this line.
    if (close !== -1 && close < lineEnd && !/[,\]]/.test(text.slice(offset, close))) end = close + 1;
  }
  return { prefix, quote, start, end };
}

function yamlCursor(text: string, offset: number, lineStart: number, before: string, after: string, contentStart: number): FrontMatterCursor | undefined {
  const lineEnd = offset + after.length;
  if (/^[A-Za-z_][\w.-]*$|^$/.test(before) && !after.trimStart().startsWith('-')) {
    const end = wordEnd(text, offset, lineEnd);
    return { format: 'yaml', kind: 'key', list: false, prefix: before, quote: '', start: lineStart, end, hasSeparator: /^\s*:/.test(text.slice(end, lineEnd)) };
  }
  const keyLine = /^([^\s#:-][^:]*?)\s*:(?:\s+|$)/.exec(before);
  if (keyLine) {
    const valueStart = lineStart + keyLine[0].length;
    return valueCursor('yaml', unquoteKey(keyLine[1]), text, valueStart, offset, lineEnd);
  }
  // A block list item or the continuation of a flow list: find the top-level key above.
  const owner = ownerAbove(text, lineStart, contentStart, /^([^\s#:-][^:]*?)\s*:(?:\s+|$)/);
  if (!owner) return undefined;
  const dash = /^(\s*)-(?:\s+|$)/.exec(before);
  if (dash) {
    const rest = before.slice(dash[0].length);
    if (rest.startsWith('[') || rest.includes(':')) return undefined;
    return { format: 'yaml', kind: 'value', key: owner.key, list: true, ...item(text, lineStart + dash[0].length, offset, lineEnd) };
  }
  return valueCursor('yaml', owner.key, text, owner.valueStart, offset, lineEnd);
}

function tomlCursor(text: string, offset: number, lineStart: number, before: string, after: string, contentStart: number): FrontMatterCursor | undefined {
  const lineEnd = offset + after.length;
  // Keys inside a [table] are not top-level: we offer nothing there.
  const above = text.slice(contentStart, lineStart);
  if (/^\s*\[\[?[^\]\n"=]*\]\]?\s*$/m.test(above)) return undefined;
  if (/^\s*[A-Za-z_]?[\w-]*$/.test(before)) {
    const end = wordEnd(text, offset, lineEnd);
    const indent = /^\s*/.exec(before)![0].length;
    // A bare word on an indented line may be the item of a multi-line array.
    const owner = indent ? ownerAbove(text, lineStart, contentStart, /^\s*([A-Za-z_"'][^=]*?)\s*=\s*/) : undefined;
    if (!owner || !opensList(text, owner.valueStart, lineStart)) {
      return { format: 'toml', kind: 'key', list: false, prefix: before.trim(), quote: '', start: lineStart + indent, end, hasSeparator: /^\s*=/.test(text.slice(end, lineEnd)) };
    }
  }
  const keyLine = /^\s*([A-Za-z_"'][^=]*?)\s*=\s*/.exec(before);
  if (keyLine) return valueCursor('toml', unquoteKey(keyLine[1]), text, lineStart + keyLine[0].length, offset, lineEnd);
  const owner = ownerAbove(text, lineStart, contentStart, /^\s*([A-Za-z_"'][^=]*?)\s*=\s*/);
  return owner ? valueCursor('toml', owner.key, text, owner.valueStart, offset, lineEnd) : undefined;
}

/** True when the value from `valueStart` to `upTo` has an unclosed `[`. */
function opensList(text: string, valueStart: number, upTo: number): boolean {
  return depthOf(text.slice(valueStart, upTo)) > 0;
}

/** Bracket depth of a value fragment, ignoring brackets inside quotes. */
function depthOf(fragment: string): number {
  let depth = 0;
  let quote = '';
  for (const c of fragment) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
  }
  return depth;
}

/** The value of `key` from `valueStart` to the cursor: a scalar, or an item of a flow list. */
function valueCursor(format: FrontMatterFormat, key: string, text: string, valueStart: number, offset: number, lineEnd: number): FrontMatterCursor | undefined {
  const typed = text.slice(valueStart, offset);
  if (depthOf(typed) > 0) {
    // The current item starts after the last `[` or `,` outside quotes.
    let itemStart = valueStart;
    let quote = '';
    for (let i = valueStart; i < offset; i++) {
      const c = text[i];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '[' || c === ',' || c === '\n') itemStart = i + 1;
    }
    return { format, kind: 'value', key, list: true, ...item(text, itemStart, offset, lineEnd) };
  }
  if (typed.includes('\n') || /[\]{}]/.test(typed)) return undefined;
  return { format, kind: 'value', key, list: false, ...item(text, valueStart, offset, lineEnd) };
}

/** The nearest line above that starts a top-level `key:`/`key =`, with where its value starts. */
function ownerAbove(text: string, lineStart: number, contentStart: number, pattern: RegExp): { key: string; valueStart: number } | undefined {
  let end = lineStart - 1;
  while (end > contentStart) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(Math.max(start, contentStart), end).replace(/\r$/, '');
    if (/^\S/.test(line) && !line.startsWith('#')) {
      const m = pattern.exec(line);
      return m ? { key: unquoteKey(m[1]), valueStart: Math.max(start, contentStart) + m[0].length } : undefined;
    }
    end = start - 1;
  }
  return undefined;
}

/** JSON: a scan from the object's `{` to the cursor, tracking strings, depth and the current top-level key. */
function jsonCursor(text: string, offset: number, contentStart: number): FrontMatterCursor | undefined {
  const stack: string[] = [];
  let expectKey = false;
  let topKey: string | undefined;
  let lastString: string | undefined;
  let tokenStart = -1;
  for (let i = contentStart; i < offset; i++) {
    const c = text[i];
    if (c === '"') {
      const startQuote = i;
      let j = i + 1;
      // JSON strings end at their quote; one left open ends at the line break (typing in progress).
      while (j < offset && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= offset) {
        // The cursor is inside this string.
        tokenStart = startQuote;
        break;
      }
      lastString = jsonString(text.slice(i + 1, j));
      i = j;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push(c);
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ':') {
      if (stack.length === 1) topKey = lastString;
      expectKey = false;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] === '{';
    }
  }
  const lineEnd = endOfLine(text, offset);
  if (stack.length === 0) return undefined;
  const inString = tokenStart !== -1;
  let start = offset;
  if (inString) start = tokenStart;
  else while (start > contentStart && /[\w-]/.test(text[start - 1])) start--;
  const prefix = text.slice(inString ? start + 1 : start, offset);
  let end = offset;
  if (inString) {
    const close = text.indexOf('"', offset);
    if (close !== -1 && close < lineEnd) end = close + 1;
  } else end = wordEnd(text, offset, lineEnd);
  const quote = inString ? '"' : '';
  if (stack.length === 1 && expectKey) {
    return { format: 'json', kind: 'key', list: false, prefix, quote, start, end, hasSeparator: /^\s*:/.test(text.slice(end, lineEnd)) };
  }
  if (!topKey) return undefined;
  if (stack.length === 1) return { format: 'json', kind: 'value', key: topKey, list: false, prefix, quote, start, end };
  if (stack.length === 2 && stack[1] === '[') return { format: 'json', kind: 'value', key: topKey, list: true, prefix, quote, start, end };
  return undefined;
}

/** A JSON string's content, unescaped when it is valid, as written otherwise. */
function jsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
