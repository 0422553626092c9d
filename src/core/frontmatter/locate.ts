import { findJsonObjectEnd } from './json';
import type { FrontMatterFormat } from './types';

/**
 * Where a post's front matter is: the one rule every reader of front matter uses (the parser, the
 * post index, the key census, the byte cut of a file's first bytes). Offsets are UTF-16 offsets
 * into the text given. A block's text is `[contentStart, contentEnd)` (for JSON: the object itself).
 */
export type FrontMatterLocation =
  | { kind: 'none'; hasBom: boolean; bodyStart: number }
  /** The body starts at `blockEnd` (after the closing line, or after the JSON object's line). */
  | { kind: 'closed'; format: FrontMatterFormat; hasBom: boolean; blockStart: number; contentStart: number; contentEnd: number; blockEnd: number }
  /** Opened and never closed: the block runs to the end of the text. */
  | { kind: 'unterminated'; format: FrontMatterFormat; hasBom: boolean; blockStart: number; contentStart: number }
  /** A first `-` or `+` that does not start a `---` or `+++` line: `[blockStart, delimiterEnd)` is its run. */
  | { kind: 'badDelimiter'; format: 'yaml' | 'toml'; hasBom: boolean; blockStart: number; delimiterEnd: number }
  /** Only a prefix of the file was given and the answer depends on what follows it. */
  | { kind: 'needMore' };

/** Any answer but `needMore`: what a whole text always gets. */
export type FoundFrontMatter = Exclude<FrontMatterLocation, { kind: 'needMore' }>;

export const DELIMITERS: Readonly<Record<'yaml' | 'toml', string>> = { yaml: '---', toml: '+++' };
/** A line break and the delimiter: where a closing line may start. */
const AFTER_BREAK: Readonly<Record<'yaml' | 'toml', string>> = { yaml: '\n---', toml: '\n+++' };

/**
 * Finds the front matter the way Hugo's lexer does: after an optional BOM and leading blank space,
 * a `---` line opens YAML, a `+++` line opens TOML, a `{` opens a JSON object. The three
 * characters open the block whatever follows them on the line (`----`, `--- # note`: that rest is
 * the block's first line); a block closes at the first line that starts with its delimiter and
 * has nothing but blanks after it. A first `-` or `+` that is no delimiter stops Hugo's build
 * (parser/pageparser/pagelexer_intro.go, lexIntroSection and lexFrontMatterSection).
 * With `complete` false, `text` is only the start of the file: an answer that more text could
 * change is `needMore`. Lines end at `\n`; callers turn lone `\r` line ends into `\n` first.
 */
export function locateFrontMatter(text: string, complete = true): FrontMatterLocation {
  const hasBom = text.charCodeAt(0) === 0xfeff;
  let i = hasBom ? 1 : 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  if (i === text.length && !complete) return NEED_MORE;
  const c = text[i];
  if (c === '{') return locateJson(text, i, hasBom, complete);
  if (c !== '-' && c !== '+') return { kind: 'none', hasBom, bodyStart: hasBom ? 1 : 0 };
  const format = c === '-' ? 'yaml' : 'toml';
  const delimiter = DELIMITERS[format];
  if (!text.startsWith(delimiter, i)) {
    // The first line might still become a delimiter if it was cut short.
    if (!complete && text.indexOf('\n', i) === -1 && delimiter.startsWith(text.slice(i))) return NEED_MORE;
    let end = i;
    while (end < text.length && text[end] === c) end++;
    return { kind: 'badDelimiter', format, hasBom, blockStart: i, delimiterEnd: end };
  }
  const openRest = blankRestOfLine(text, i + delimiter.length);
  if (openRest === text.length && !complete) return NEED_MORE;
  const contentStart = openRest === -1 ? i + delimiter.length : Math.min(openRest + 1, text.length);
  // Only lines that start with the delimiter can close the block (found natively).
  const atLineStart = text[contentStart - 1] === '\n';
  for (let at = atLineStart && text.startsWith(delimiter, contentStart) ? contentStart : text.indexOf(AFTER_BREAK[format], contentStart) + 1; at > 0 && at < text.length; ) {
    const closeRest = blankRestOfLine(text, at + delimiter.length);
    if (closeRest !== -1) {
      // A closing line cut off by the end of a prefix might go on (`----`, `--- x`).
      if (closeRest === text.length && !complete) return NEED_MORE;
      return { kind: 'closed', format, hasBom, blockStart: i, contentStart, contentEnd: at, blockEnd: Math.min(closeRest + 1, text.length) };
    }
    at = text.indexOf(AFTER_BREAK[format], at) + 1;
  }
  return complete ? { kind: 'unterminated', format, hasBom, blockStart: i, contentStart } : NEED_MORE;
}

const NEED_MORE: FrontMatterLocation = { kind: 'needMore' };

function locateJson(text: string, at: number, hasBom: boolean, complete: boolean): FrontMatterLocation {
  const end = findJsonObjectEnd(text, at);
  if (end === -1) return complete ? { kind: 'unterminated', format: 'json', hasBom, blockStart: at, contentStart: at } : NEED_MORE;
  // The body starts on the line after the closing brace when nothing else follows it there.
  const rest = blankRestOfLine(text, end);
  if (rest === text.length && !complete) return NEED_MORE;
  return { kind: 'closed', format: 'json', hasBom, blockStart: at, contentStart: at, contentEnd: end, blockEnd: rest === -1 ? end : Math.min(rest + 1, text.length) };
}

/** The offset of the line's `\n` (or the text's end) when only blanks follow `from` on its line; else -1. */
function blankRestOfLine(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10) return j;
    if (c !== 32 && c !== 9 && c !== 13) return -1;
  }
  return text.length;
}

/** A decoder of `bytes[start, end)`, as `Utf8.decode` in core/fs (lenient: invalid bytes read as U+FFFD). */
export type DecodeBytes = (bytes: Uint8Array, start: number, end: number) => string;

const webUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const decodeWeb: DecodeBytes = (b, start, end) => webUtf8.decode(b.subarray(start, end));

/** The start of a post, decoded up to its body (see {@link frontMatterHead}). */
export interface FrontMatterHead {
  /** The text up to and including the line that closes the front matter (or the first line). */
  text: string;
  /** How many bytes of the post that text was decoded from: the body starts there. */
  byteLength: number;
}

/**
 * The start of a post up to and including the line that closes its `---` or `+++` block, or its
 * first line when it has no front matter; undefined when that cannot be told from these bytes
 * (JSON front matter, a block that does not close in them, a bad first line). Found by
 * {@link locateFrontMatter} on a decoded prefix; the cut is right after a line break, so it falls
 * on a character boundary and the text is what decoding those bytes alone gives.
 */
export function frontMatterHead(b: Uint8Array, decode: DecodeBytes = decodeWeb): FrontMatterHead | undefined {
  const i = openingAt(b);
  if (b[i] !== 0x2d && b[i] !== 0x2b) {
    // No delimited block (a `{` is JSON: left to the text).
    if (b[i] === 0x7b || i === b.length) return undefined;
    const nl = b.indexOf(0x0a, i);
    return nl === -1 ? undefined : { text: decode(b, 0, nl + 1), byteLength: nl + 1 };
  }
  // Decode up to where the block most likely closes; the text decides, and more is decoded if it
  // goes on. The bytes may be a prefix of the post: more text could change a later answer.
  const delimiter = b[i];
  for (let n = likelyCloseEnd(b, i + 3, delimiter); ; n = Math.max(likelyCloseEnd(b, n - 1, delimiter), Math.min(2 * n, b.length))) {
    const text = decode(b, 0, n);
    const at = locateFrontMatter(text, false);
    if (at.kind === 'needMore' && n < b.length) continue;
    if (at.kind !== 'closed') return undefined;
    // As many UTF-16 units as bytes: each byte became one unit (ASCII), so the offsets agree.
    const byteLength = text.length === n ? at.blockEnd : byteOffsetOfLineStart(text, at.blockEnd, b);
    return { text: text.slice(0, at.blockEnd), byteLength };
  }
}

/**
 * How many bytes of `b` most likely hold the front matter: through the first line after a `---`
 * or `+++` opening that starts with the same three characters, else all of `b`. A guess for how
 * much to decode; only {@link locateFrontMatter} on the text says where the block ends.
 */
export function likelyFrontMatterBytes(b: Uint8Array): number {
  const i = openingAt(b);
  return b[i] === 0x2d || b[i] === 0x2b ? likelyCloseEnd(b, i + 3, b[i]) : b.length;
}

/** Where the first byte that could open a block is: after a BOM and blank space, as the lexer skips them. */
function openingAt(b: Uint8Array): number {
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d) i++;
  return i;
}

/** The end (after its line break) of the first line from `from` on that starts with three `d` bytes, else of `b`. */
function likelyCloseEnd(b: Uint8Array, from: number, d: number): number {
  for (let j = from; j + 3 < b.length; j++) {
    if (b[j] !== 0x0a || b[j + 1] !== d || b[j + 2] !== d || b[j + 3] !== d) continue;
    const nl = b.indexOf(0x0a, j + 4);
    return nl === -1 ? b.length : nl + 1;
  }
  return b.length;
}

/**
 * The byte offset in `b` of the line start at `offset` in `text` (decoded from `b`): found by
 * counting line breaks, which decoding keeps one for one even around invalid bytes.
 */
function byteOffsetOfLineStart(text: string, offset: number, b: Uint8Array): number {
  let at = -1;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) at = b.indexOf(0x0a, at + 1);
  return at + 1;
}
