import { parseFrontMatter, type ParsedFrontMatter } from '../frontmatter';
import { looksBinary, MAX_POST_BYTES, UNREADABLE, WEB_UTF8, type Utf8 } from '../fs';
import { frontMatterHead } from '../frontmatter/locate';
import { MAX_TAG_LENGTH, parseShortcodeTag, type ShortcodeTag } from '../render/shortcodes/syntax';
import type { ValidationConfig } from './config';
import { isFigure } from './files';
import { termOccurrences, type TermOccurrence } from './rules/taxonomies';
import type { FrontMatterDiagnostic } from './types';
import { validateDocument } from './validate';

/**
 * What the caller could read of a post: its bytes (sniffed, then decoded), the text of an open
 * editor (checked as it is), its size when it is too big to read, or why reading failed.
 */
export type PostContent = { bytes: Uint8Array } | { text: string } | { tooBig: number } | { failed: string };

/** Where a post lives and how to judge it. */
export interface PostCheckOptions {
  config: ValidationConfig;
  /** Without them, referenced files are not looked for. */
  filePath?: string;
  siteRoot?: string;
  /** The caller's I/O for `fm/missing-file` (see `listingFileExists`). */
  fileExists: (path: string) => boolean | Promise<boolean>;
  /** The caller's UTF-8 (default: the web platform's). */
  utf8?: Utf8;
}

/** What checking one post found. Offsets are into `text`. */
export interface CheckedPost {
  /** The text the offsets refer to ('' when the post could not be read). */
  text: string;
  /** The front matter, when the post was read and has one. */
  parsed?: ParsedFrontMatter;
  /** `fm/unreadable` first (at offset 0, with the configured severity; none when off), then what validation found, in order. */
  problems: FrontMatterDiagnostic[];
  /** Every taxonomy term in order, repeats included (for the spelling check once all posts are counted). */
  terms: readonly TermOccurrence[];
}

/**
 * Checks one post as the CLI and "Check All Posts" do: the read result, the size limit, the
 * binary and UTF-8 sniff, the parse, validation and the terms. Each caller keeps only its own
 * part: reading, threads and positions (line and column for the CLI, ranges for the editor).
 */
export async function checkPost(content: PostContent, options: PostCheckOptions): Promise<CheckedPost> {
  const unreadable: string[] = [];
  const post = decodePost(content, (m) => unreadable.push(m), options.utf8);
  const problems = unreadableProblems(unreadable, options.config);
  if (post === undefined) return { text: '', problems, terms: [] };
  let text = post.text;
  const { config } = options;
  // The front matter ends before any sketch, so this parse holds for the whole text too.
  const parsed = parseFrontMatter(text, { yaml: config.hugo.yaml });
  if (parsed.format === null) return { text, parsed, problems, terms: [] };
  const validate = () => validateDocument(text, { parsed, config, filePath: options.filePath, siteRoot: options.siteRoot, fileExists: options.fileExists });
  let found = await validate();
  const { sketch } = post;
  if (sketch !== undefined && 'bytes' in content && found.some((d) => d.end > sketch.from)) {
    // A problem in the body (a missing figure image): its position needs the real body.
    text = text.slice(0, sketch.from) + (options.utf8 ?? WEB_UTF8).decode(content.bytes, sketch.byte, content.bytes.length);
    found = await validate();
  }
  for (const d of found) problems.push(d);
  return { text, parsed, problems, terms: termOccurrences(parsed.fields, config.taxonomies, config.hugo.termKeys) };
}

/** `fm/unreadable` for each message, at the start of the post, with the configured severity (none when off). */
export function unreadableProblems(messages: readonly string[], config: ValidationConfig): FrontMatterDiagnostic[] {
  const severity = config.severities['fm/unreadable'];
  return severity === 'off' ? [] : messages.map((message) => ({ code: 'fm/unreadable', severity, message, start: 0, end: 0, fixes: [] }));
}

/**
 * A post's text as first checked. With `sketch`, the text is the post's front matter as written
 * followed by a sketch of its body: only the body's `figure` shortcodes, as written, one a line.
 * They are all the body is checked for (`fm/missing-file`), so the problems found are the
 * post's own; only their positions in the body differ. Decoding every body whole (110 MB of
 * strings in a check of 10k posts) was a good part of a check's time and most of its garbage.
 */
export interface DecodedPost {
  text: string;
  /** Where the sketch starts: `from` in the text, `byte` in the post's bytes. */
  sketch?: { from: number; byte: number };
}

/**
 * A post's text from what was read (see {@link DecodedPost}), or undefined after reporting why it
 * cannot be checked. Not valid UTF-8: reported, and checked as decoded. `sketch: false` decodes
 * the body whole (for a caller that shows it).
 */
export function decodePost(content: PostContent, report: (message: string) => void, utf8: Utf8 = WEB_UTF8, sketch = true): DecodedPost | undefined {
  if ('failed' in content) {
    report(UNREADABLE.cannotRead(content.failed));
    return undefined;
  }
  if ('tooBig' in content || ('bytes' in content && content.bytes.length > MAX_POST_BYTES)) {
    report(UNREADABLE.tooBig('tooBig' in content ? content.tooBig : (content as { bytes: Uint8Array }).bytes.length));
    return undefined;
  }
  if ('text' in content) return { text: content.text };
  const bytes = content.bytes;
  if (looksBinary(bytes)) {
    report(UNREADABLE.binary);
    return undefined;
  }
  if (!utf8.isValid(bytes)) {
    // Still checked, as decoded; the live check says the same.
    report(UNREADABLE.notUtf8);
    return { text: utf8.decode(bytes, 0, bytes.length) };
  }
  const head = sketch ? frontMatterHead(bytes, utf8.decode) : undefined;
  if (head === undefined || head.byteLength === bytes.length) return { text: utf8.decode(bytes, 0, bytes.length) };
  return { text: head.text + figureSketch(bytes, head.byteLength, utf8), sketch: { from: head.text.length, byte: head.byteLength } };
}

const BRACE = 0x7b;
const LT = 0x3c;
const PERCENT = 0x25;

/**
 * The `figure` shortcodes in the bytes from `from`, each as written and on a line of its own,
 * found as `forEachShortcode` finds them in the text (so the validator finds the same ones in the
 * sketch): every `{{<` and `{{%` is read by the one tag parser, from a few decoded bytes.
 */
function figureSketch(b: Uint8Array, from: number, utf8: Utf8): string {
  let sketch = '';
  for (let at = indexOfBraces(b, from); at !== -1; ) {
    if (b[at + 2] !== LT && b[at + 2] !== PERCENT) {
      at = indexOfBraces(b, at + 2);
      continue;
    }
    const close = indexOfCloser(b, at + 3, b[at + 2]);
    if (close !== -1 && !namedFigure(b, at + 3) && isPlain(b, at + 2, close)) {
      // Most tags are no figure and hold nothing that could make them end later or hide a tag:
      // whether they parse or not, the next tag is searched for after them. Nothing to decode.
      at = indexOfBraces(b, close + 3);
      continue;
    }
    const found = close === -1 ? undefined : tagAt(b, at, close, utf8);
    if (found === undefined) {
      at = indexOfBraces(b, at + 2);
      continue;
    }
    if (isFigure(found.tag)) sketch += `\n${found.text}`;
    at = indexOfBraces(b, found.byteEnd);
  }
  return sketch;
}

/**
 * The tag at `at` (which holds `{{<` or `{{%`, `close` the first closing delimiter after it), read
 * as `parseShortcodeTag` reads it in the whole text. Most tags end at that delimiter, so only that
 * much is decoded.
 * Only a quote, a raw string or a comment can hold a closing delimiter; then, when the short read
 * fails, the tag is read again from as many bytes as the parser's bound can reach.
 */
function tagAt(b: Uint8Array, at: number, close: number, utf8: Utf8): { tag: ShortcodeTag; text: string; byteEnd: number } | undefined {
  // Only the name and the end count here (the validator reads the sketch's figures again).
  let text = utf8.decode(b, at, close + 3);
  let tag = parseShortcodeTag(text, 0, text.length, false);
  if (!tag && (text.includes('"') || text.includes('`') || text.includes('/*'))) {
    // At least MAX_TAG_LENGTH characters and the closer after them (a character is at most 3 bytes per UTF-16 unit).
    text = utf8.decode(b, at, Math.min(b.length, at + 3 * (MAX_TAG_LENGTH + 4)));
    tag = parseShortcodeTag(text, 0, text.length, false);
  }
  if (!tag) return undefined;
  return { tag, text: text.slice(0, tag.end), byteEnd: at + utf8Length(text, tag.end) };
}

/** Whether the tag name after `{{<` (at `from`, after white space as the parser skips it) starts with `figure`. */
function namedFigure(b: Uint8Array, from: number): boolean {
  let i = from;
  while (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d) i++;
  return b[i] === 0x66 && b[i + 1] === 0x69 && b[i + 2] === 0x67 && b[i + 3] === 0x75 && b[i + 4] === 0x72 && b[i + 5] === 0x65;
}

/** No quote, raw-string quote, comment opening (`/*`) or `{{` in the bytes from `from` to `to`. */
function isPlain(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c === 0x22 || c === 0x60 || (c === 0x2f && b[i + 1] === 0x2a) || (c === BRACE && b[i + 1] === BRACE)) return false;
  }
  return true;
}

/** Where `{{` next starts from `from`, or -1 (as `text.indexOf('{{', from)` finds it in the text). */
function indexOfBraces(b: Uint8Array, from: number): number {
  for (let i = b.indexOf(BRACE, from); i !== -1; i = b.indexOf(BRACE, i + 1)) if (b[i + 1] === BRACE) return i;
  return -1;
}

/** Where `>}}` (for `<`) or `%}}` (for `%`) next starts from `from`, or -1. */
function indexOfCloser(b: Uint8Array, from: number, delimiter: number): number {
  const first = delimiter === LT ? 0x3e : PERCENT;
  for (let i = b.indexOf(first, from); i !== -1; i = b.indexOf(first, i + 1)) if (b[i + 1] === 0x7d && b[i + 2] === 0x7d) return i;
  return -1;
}

/** The UTF-8 length of `text` up to `end` (UTF-16 units; a surrogate pair is 4 bytes). */
function utf8Length(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
