import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { parseFrontMatter } from '../core/frontmatter';
import { isUtf8 } from 'node:buffer';
import { looksBinary, MAX_POST_BYTES, UNREADABLE } from '../core/fs';
import { frontMatterByteLength } from '../core/frontmatter/locate';
import { LineIndex } from '../core/text/lineIndex';
import { copyString } from '../core/text/stringMemo';
import { termOccurrences, validateDocument, type FrontMatterDiagnostic, type Severity, type ValidationConfig } from '../core/validate';
import type { CliProblem } from './formats';

type Range = Pick<CliProblem, 'line' | 'column' | 'endLine' | 'endColumn'>;

/** A term of a checked post, kept for the spelling check that runs once every post is counted. */
export interface CheckedTerm extends Range {
  taxonomy: string;
  spelling: string;
  key: string;
}

/** What checking one post found. Plain data: it crosses from worker threads. */
export interface FileOutcome {
  problems: CliProblem[];
  /** Every taxonomy term in order (repeats included, for counting spellings per post). */
  terms: CheckedTerm[];
  /** The post's `fm/tag-spelling` severity, for the check after all posts are read. */
  spellingSeverity: Severity;
}

/** One post to check, with its site (already resolved) and the name reports use. */
export interface CheckJob {
  filePath: string;
  display: string;
  siteRoot: string;
  config: ValidationConfig;
}

/**
 * Reads and checks one post. Reads are synchronous on purpose: each runs on a worker thread (or
 * the CLI's otherwise idle main thread), and a plain read of a cached file costs a fraction of
 * the promise and thread-pool round trips of an asynchronous one.
 */
export async function checkPostFile(job: CheckJob, fileExists: (path: string) => boolean, readAlready?: ReadBytes): Promise<FileOutcome> {
  const outcome: FileOutcome = { problems: [], terms: [], spellingSeverity: job.config.severities['fm/tag-spelling'] };
  const report = (message: string) => {
    const severity = job.config.severities['fm/unreadable'];
    if (severity !== 'off') outcome.problems.push({ file: job.display, line: 1, column: 1, endLine: 1, endColumn: 1, severity, code: 'fm/unreadable', message });
  };
  const read = readAlready ?? readPostSync(job.filePath, report);
  if (read === undefined) return outcome;
  try {
    const post = decodePost(read.bytes, report);
    if (post === undefined) return outcome;
    let text = post.text;
    // The front matter ends before any sketch, so this parse holds for the whole text too.
    const parsed = parseFrontMatter(text, { yaml: job.config.hugo.yaml });
    if (parsed.format === null) return outcome;
    const validate = () => validateDocument(text, { parsed, config: job.config, filePath: job.filePath, siteRoot: job.siteRoot, fileExists });
    let diagnostics = await validate();
    const { sketch } = post;
    if (sketch !== undefined && diagnostics.some((d) => d.end > sketch.from)) {
      // A problem in the body (a missing figure image): its position needs the real body.
      text = text.slice(0, sketch.from) + read.bytes.toString('utf8', sketch.byte);
      diagnostics = await validate();
    }
    // Terms sit in the front matter; index the whole text only when a problem lies in the body.
    const lines = new LineIndex(diagnostics.some((d) => d.end > parsed.blockEnd) ? text : text.slice(0, parsed.blockEnd));
    for (const d of diagnostics) outcome.problems.push(toProblem(job.display, d, lines));
    for (const t of termOccurrences(parsed.fields, job.config.taxonomies, job.config.hugo.termKeys)) {
      const start = lines.positionAt(t.node.start);
      const end = lines.positionAt(t.node.end);
      outcome.terms.push({ taxonomy: t.taxonomy, spelling: t.spelling, key: t.key, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 });
    }
    return outcome;
  } finally {
    read.release();
  }
}

/**
 * An outcome that keeps no post text alive: outcomes are kept until every post is checked, and a
 * string cut from a text shares its characters in V8 (so one such string keeps the whole text).
 * Term strings come shared already (see `termOccurrences`); messages may quote the text. Outcomes
 * from workers need none of this: they arrive as copies.
 */
export function detachOutcome(outcome: FileOutcome): FileOutcome {
  for (const p of outcome.problems) p.message = copyString(p.message);
  return outcome;
}

/**
 * One read buffer per thread, grown on demand: posts are read into it and decoded straight to a
 * string, so checking 10k posts allocates no 10k buffers for the garbage collector to chase.
 */
let scratch = Buffer.allocUnsafe(256 * 1024);

/** A post's bytes, and how to say they are no longer needed (they may sit in a shared buffer). */
export interface ReadBytes {
  bytes: Buffer;
  release(): void;
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

const NOTHING_TO_RELEASE = (): void => {};

/** A post's bytes (valid until this thread reads the next post), or undefined after reporting why it cannot be checked. */
export function readPostSync(filePath: string, report: (message: string) => void): ReadBytes | undefined {
  let fd: number;
  try {
    fd = openSync(filePath, 'r');
  } catch (e) {
    report(`Skipped: cannot read the file (${errorCode(e)})`);
    return undefined;
  }
  try {
    let filled = 0;
    for (;;) {
      if (filled === scratch.length) {
        if (scratch.length > MAX_POST_BYTES) {
          const size = fstatSync(fd).size;
          report(UNREADABLE.tooBig(size));
          return undefined;
        }
        const bigger = Buffer.allocUnsafe(Math.min(scratch.length * 4, MAX_POST_BYTES + 1));
        scratch.copy(bigger, 0, 0, filled);
        scratch = bigger;
      }
      const n = readSync(fd, scratch, filled, scratch.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return { bytes: scratch.subarray(0, filled), release: NOTHING_TO_RELEASE };
  } catch (e) {
    report(`Skipped: cannot read the file (${errorCode(e)})`);
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A post's text from its bytes (see {@link DecodedPost}), or undefined after reporting why it cannot be checked. */
export function decodePost(content: Buffer, report: (message: string) => void): DecodedPost | undefined {
  if (looksBinary(content)) {
    report(UNREADABLE.binary);
    return undefined;
  }
  if (!isUtf8(content)) {
    // Still checked, as decoded; the editor says the same (core/fs.ts).
    report(UNREADABLE.notUtf8);
    // Buffer's decoder keeps a BOM and turns invalid bytes into U+FFFD, as decodeUtf8 does.
    return { text: content.toString('utf8') };
  }
  // The cut is right after the line break that closes the front matter: a character boundary.
  const cut = frontMatterByteLength(content);
  if (cut <= 0 || cut === content.length) return { text: content.toString('utf8') };
  const head = content.toString('utf8', 0, cut);
  return { text: head + figureSketch(content, cut), sketch: { from: head.length, byte: cut } };
}

const OPEN = Buffer.from('{{');
const CLOSE_ANGLE = Buffer.from('>}}');
const CLOSE_PERCENT = Buffer.from('%}}');
const FIGURE = [0x66, 0x69, 0x67, 0x75, 0x72, 0x65]; // figure

/**
 * The `figure` shortcodes in the bytes from `from`, each as written and on a line of its own:
 * found as `figureShortcodes` finds them in the text (the same steps, on bytes, searched
 * natively), so it finds the same ones in the sketch. Each runs from `{{` to `}}`, so it is
 * whole characters and decodes as written.
 */
function figureSketch(b: Buffer, from: number): string {
  let sketch = '';
  for (let at = b.indexOf(OPEN, from); at !== -1; at = b.indexOf(OPEN, at + 2)) {
    const open = b[at + 2];
    if (open !== 0x3c && open !== 0x25) continue;
    let i = at + 3;
    while (b[i] === 0x20 || b[i] === 0x09) i++;
    if (!isFigureAt(b, i) || isWordOrDash(b[i + 6])) continue;
    const close = b.indexOf(open === 0x3c ? CLOSE_ANGLE : CLOSE_PERCENT, i + 6);
    if (close === -1) break;
    sketch += `\n${b.toString('utf8', at, close + 3)}`;
    at = close;
  }
  return sketch;
}

function isFigureAt(b: Buffer, i: number): boolean {
  for (let k = 0; k < FIGURE.length; k++) if (b[i + k] !== FIGURE[k]) return false;
  return true;
}

/** Whether a byte is an ASCII letter, digit, `_` or `-` (what /[\w-]/ matches); false past the end. */
function isWordOrDash(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d);
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * Whether a file exists, answered from one cached listing per folder: posts share `static/`
 * folders and bundles, so this costs a handful of directory reads instead of a stat per image.
 */
export function cachedFileExists(): (path: string) => boolean {
  const listings = new Map<string, Set<string>>();
  return (p) => {
    const slash = p.lastIndexOf('/');
    const dir = p.slice(0, slash) || '/';
    let listing = listings.get(dir);
    if (!listing) {
      try {
        listing = new Set(
          readdirSync(dir, { withFileTypes: true })
            .filter((e) => !e.isDirectory())
            .map((e) => e.name),
        );
      } catch {
        listing = new Set();
      }
      listings.set(dir, listing);
    }
    return listing.has(p.slice(slash + 1));
  };
}

function toRange(lines: LineIndex, start: number, end: number): Range {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function toProblem(file: string, d: FrontMatterDiagnostic, lines: LineIndex): CliProblem {
  return { file, ...toRange(lines, d.start, d.end), severity: d.severity, code: d.code, message: d.message };
}
