import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { parseFrontMatter } from '../core/frontmatter';
import { isAscii, isUtf8 } from 'node:buffer';
import { looksBinary } from '../core/fs';
import { frontMatterByteLength } from '../core/index/readPost';
import { LineIndex } from '../core/text/lineIndex';
import { copyString } from '../core/text/stringMemo';
import { figureShortcodes, termOccurrences, validateDocument, type FrontMatterDiagnostic, type Severity, type ValidationConfig } from '../core/validate';
import type { CliProblem } from './formats';

/** Said of a post whose bytes are not UTF-8 (it is still checked, as decoded). */
export const NOT_UTF8 = 'Not valid UTF-8: the invalid bytes read as U+FFFD (\ufffd). Save the file as UTF-8, as Hugo expects';

/** Files larger than this are reported and skipped: no post is this big, and reading it would stall. */
export const MAX_POST_BYTES = 10 * 1024 * 1024;

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
  let post: DecodedPost | undefined;
  if (readAlready) {
    try {
      post = decodePost(readAlready.bytes, report);
    } finally {
      readAlready.release();
    }
  } else {
    post = readPostSync(job.filePath, report);
  }
  if (post === undefined) return outcome;
  let text = post.text;
  let parsed = parseFrontMatter(text);
  if (parsed.format === null) return outcome;
  const validate = () => validateDocument(text, { parsed, config: job.config, filePath: job.filePath, siteRoot: job.siteRoot, fileExists });
  let diagnostics = await validate();
  if (post.bytewiseFrom !== undefined && (diagnostics.length > 0 || nonAsciiFigure(text, parsed.bodyStart))) {
    // Something to report, or a figure path the byte-wise body may have misread: check again with the real body.
    text = exactText(text, post.bytewiseFrom);
    parsed = parseFrontMatter(text);
    diagnostics = await validate();
  }
  // Terms sit in the front matter; index the whole text only when a problem lies in the body.
  const lines = new LineIndex(diagnostics.some((d) => d.end > parsed.blockEnd) ? text : text.slice(0, parsed.blockEnd));
  for (const d of diagnostics) outcome.problems.push(toProblem(job.display, d, lines));
  for (const t of termOccurrences(parsed.fields, job.config.taxonomies)) {
    const start = lines.positionAt(t.node.start);
    const end = lines.positionAt(t.node.end);
    outcome.terms.push({ taxonomy: t.taxonomy, spelling: t.spelling, key: t.key, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 });
  }
  return outcome;
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

/** A post's bytes read by someone else (the read-ahead thread), and how to say they are no longer needed. */
export interface ReadBytes {
  bytes: Buffer;
  release(): void;
}

/**
 * A post's text as checked. When `bytewiseFrom` is set, the text up to there (the front matter) is
 * the file's decoded UTF-8 and the rest holds one character per byte (latin1): a body is only
 * searched for shortcodes, whose syntax is ASCII, and skipping the UTF-8 decoding of every
 * non-ASCII body saves a good part of a big check. {@link exactText} gives the real text back.
 */
export interface DecodedPost {
  text: string;
  bytewiseFrom?: number;
}

/** The text of a post, or undefined after reporting why it cannot be checked. */
export function readPostSync(filePath: string, report: (message: string) => void): DecodedPost | undefined {
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
          report(`Skipped: ${(size / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_POST_BYTES / 1024 / 1024} MB a post may be`);
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
    return decodePost(scratch.subarray(0, filled), report);
  } catch (e) {
    report(`Skipped: cannot read the file (${errorCode(e)})`);
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A post's text from its bytes, or undefined after reporting why it cannot be checked. */
function decodePost(content: Buffer, report: (message: string) => void): DecodedPost | undefined {
  if (looksBinary(content)) {
    report('Skipped: binary file (it contains NUL bytes), not a Markdown post');
    return undefined;
  }
  // Most posts are plain ASCII: valid UTF-8 already, and a byte a character (the cheapest decode).
  if (isAscii(content)) return { text: content.toString('latin1') };
  if (!isUtf8(content)) {
    report(NOT_UTF8);
    // Buffer's decoder keeps a BOM and turns invalid bytes into U+FFFD, as decodeUtf8 does.
    return { text: content.toString('utf8') };
  }
  // The cut is right after a line break, so the head ends on a character boundary.
  const cut = frontMatterByteLength(content);
  if (cut <= 0 || cut === content.length) return { text: content.toString('utf8') };
  const head = content.toString('utf8', 0, cut);
  return { text: head + content.toString('latin1', cut), bytewiseFrom: head.length };
}

/** The real text of a post decoded with a byte-wise body (see {@link DecodedPost}). */
export function exactText(text: string, bytewiseFrom: number): string {
  return text.slice(0, bytewiseFrom) + Buffer.from(text.slice(bytewiseFrom), 'latin1').toString('utf8');
}

/**
 * Whether a `figure` shortcode's parameters hold anything but ASCII. In a byte-wise body the
 * shortcodes are found exactly where the real text has them (their delimiters and name are
 * ASCII, and no byte of a multi-byte character reads as one of those), but parameters with other
 * characters would not read as written.
 */
function nonAsciiFigure(text: string, bodyStart: number): boolean {
  for (const sc of figureShortcodes(text, bodyStart)) if (NON_ASCII.test(sc.params)) return true;
  return false;
}

// eslint-disable-next-line no-control-regex -- any character outside ASCII
const NON_ASCII = /[^\x00-\x7f]/;

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
