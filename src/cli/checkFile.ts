import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { listingFileExists, MAX_POST_BYTES, type Utf8 } from '../core/fs';
import { LineIndex } from '../core/text/lineIndex';
import { copyString } from '../core/text/stringMemo';
import { checkPost, type FrontMatterDiagnostic, type PostContent, type Severity, type ValidationConfig } from '../core/validate';
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
export async function checkPostFile(job: CheckJob, fileExists: (path: string) => boolean, readAlready?: ReadPost): Promise<FileOutcome> {
  const outcome: FileOutcome = { problems: [], terms: [], spellingSeverity: job.config.severities['fm/tag-spelling'] };
  const read = readAlready ?? readPostSync(job.filePath);
  try {
    const { text, parsed, problems, terms } = await checkPost(read.content, { config: job.config, filePath: job.filePath, siteRoot: job.siteRoot, fileExists, utf8: NODE_UTF8 });
    // Terms sit in the front matter; index the whole text only when a problem lies in the body.
    const blockEnd = parsed?.blockEnd ?? 0;
    const lines = new LineIndex(problems.some((d) => d.end > blockEnd) ? text : text.slice(0, blockEnd));
    for (const d of problems) outcome.problems.push(toProblem(job.display, d, lines));
    for (const t of terms) {
      const start = lines.positionAt(t.node.start);
      const end = lines.positionAt(t.node.end);
      outcome.terms.push({ taxonomy: t.taxonomy, spelling: t.spelling, key: t.key, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 });
    }
    return outcome;
  } finally {
    read.release();
  }
}

/** Node's UTF-8: a native validity check that builds no string, and Buffer's decoder (it keeps a BOM and turns invalid bytes into U+FFFD, as the web decoder does). */
const NODE_UTF8: Utf8 = {
  isValid: (bytes) => isUtf8(bytes),
  decode: (bytes, start, end) => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('utf8', start, end),
};

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

/** What was read of a post, and how to say it is no longer needed (bytes may sit in a shared buffer). */
export interface ReadPost {
  content: PostContent;
  release(): void;
}

const NOTHING_TO_RELEASE = (): void => {};

/** A post's bytes (valid until this thread reads the next post), its size when too big to check, or why it could not be read. */
export function readPostSync(filePath: string): ReadPost {
  let fd: number;
  try {
    fd = openSync(filePath, 'r');
  } catch (e) {
    return { content: { failed: errorCode(e) }, release: NOTHING_TO_RELEASE };
  }
  try {
    let filled = 0;
    for (;;) {
      if (filled === scratch.length) {
        if (scratch.length > MAX_POST_BYTES) return { content: { tooBig: fstatSync(fd).size }, release: NOTHING_TO_RELEASE };
        const bigger = Buffer.allocUnsafe(Math.min(scratch.length * 4, MAX_POST_BYTES + 1));
        scratch.copy(bigger, 0, 0, filled);
        scratch = bigger;
      }
      const n = readSync(fd, scratch, filled, scratch.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return { content: { bytes: scratch.subarray(0, filled) }, release: NOTHING_TO_RELEASE };
  } catch (e) {
    return { content: { failed: errorCode(e) }, release: NOTHING_TO_RELEASE };
  } finally {
    closeSync(fd);
  }
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** Whether a file exists, from one listing per folder (see `listingFileExists`), read synchronously. */
export function cachedFileExists(): (path: string) => boolean {
  return listingFileExists((dir) => {
    try {
      return new Set(
        readdirSync(dir, { withFileTypes: true })
          .filter((e) => !e.isDirectory())
          .map((e) => e.name),
      );
    } catch {
      return new Set<string>();
    }
  });
}

function toRange(lines: LineIndex, start: number, end: number): Range {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function toProblem(file: string, d: FrontMatterDiagnostic, lines: LineIndex): CliProblem {
  return { file, ...toRange(lines, d.start, d.end), severity: d.severity, code: d.code, message: d.message };
}
