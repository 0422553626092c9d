import { foldKey, keptFields, parseFrontMatter, type FrontMatterFormat, type YamlVersion } from '../frontmatter';
import { hasLoneCr } from '../frontmatter/parse';
import { YAML11_SPECIAL } from '../frontmatter/simpleScan';
import { looksBinary, type FileSystem } from '../fs';
import { fastTomlFields } from './fastToml';
import { fastYamlFields } from './fastYaml';
import { locateFrontMatter } from './locate';
import { own, postDataFrom, wantedKeys, type PostData } from './postData';

/**
 * How much of a file to read first: front matter is usually well under 1 KB. Staying below 4 KB
 * also lets node take the buffer from its shared pool instead of allocating one per file.
 */
export const INITIAL_PREFIX_BYTES = 3072;
/** Front matter that does not close within this many bytes is reported, not read further. */
export const MAX_FRONT_MATTER_BYTES = 1024 * 1024;

/** What reading one file gave: a post, or why the file was skipped. */
export type ReadPostOutcome = { post: PostData } | { skipped: string };

// One decoder for every read: constructing one per file shows up in a 50k-file scan.
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Turns post files or editor texts into {@link PostData}, reading only the front matter.
 * Typical blocks go through the fast YAML/TOML/JSON readers; anything unusual goes through
 * the full `parseFrontMatter`, so both give the same values.
 */
export class PostReader {
  private readonly wanted: ReadonlySet<string>;
  private readonly taxonomyKeys: readonly string[];

  /**
   * @param taxonomies front matter keys whose values are taxonomy terms (e.g. `tags`, `categories`).
   * @param intern returns the shared copy of a term string (the index passes its own table).
   * @param yaml the YAML the site's Hugo reads (1.1 up to Hugo 0.151).
   */
  constructor(
    readonly taxonomies: readonly string[],
    private readonly intern: (term: string) => string = (t) => own(t) ?? t,
    readonly yaml: YamlVersion = '1.2',
  ) {
    this.wanted = wantedKeys(taxonomies);
    this.taxonomyKeys = taxonomies.map((t) => t.toLowerCase());
  }

  /** Reads a post from the whole text of a document (an editor's unsaved contents, say). */
  fromText(path: string, text: string): PostData {
    // A huge document is read like a huge file: only its first megabyte can hold front matter.
    const complete = text.length <= MAX_FRONT_MATTER_BYTES;
    const post = this.extract(path, complete ? text : text.slice(0, MAX_FRONT_MATTER_BYTES), complete);
    return post === 'needMore' ? this.unclosed(path, MAX_FRONT_MATTER_BYTES) : post;
  }

  /**
   * Reads a post from disk: a small prefix first, more only while the front matter is not closed.
   * Never rejects: unreadable, vanished and binary files come back as `skipped` with a reason.
   */
  async read(fs: FileSystem, path: string): Promise<ReadPostOutcome> {
    for (let size = INITIAL_PREFIX_BYTES; ; size = nextPrefixSize(size)) {
      let chunk: { bytes: Uint8Array; complete: boolean };
      try {
        chunk = await fs.readPrefix(path, size);
      } catch (err) {
        return { skipped: describeReadFailure(err) };
      }
      const outcome = this.fromPrefix(path, chunk, size);
      if (outcome !== 'needMore') return outcome;
    }
  }

  /**
   * A post from the first {@link INITIAL_PREFIX_BYTES} of its file, read elsewhere (a reading
   * thread), or 'needMore' when its front matter goes on past them.
   */
  fromFirstBytes(path: string, chunk: { bytes: Uint8Array; complete: boolean }): ReadPostOutcome | 'needMore' {
    return this.fromPrefix(path, chunk, INITIAL_PREFIX_BYTES);
  }

  /** {@link read} with the file system's blocking read; the caller checks that it has one. */
  readSync(fs: Required<Pick<FileSystem, 'readPrefixSync'>>, path: string): ReadPostOutcome {
    for (let size = INITIAL_PREFIX_BYTES; ; size = nextPrefixSize(size)) {
      let chunk: { bytes: Uint8Array; complete: boolean };
      try {
        chunk = fs.readPrefixSync(path, size);
      } catch (err) {
        return { skipped: describeReadFailure(err) };
      }
      const outcome = this.fromPrefix(path, chunk, size);
      if (outcome !== 'needMore') return outcome;
    }
  }

  /** A post from the first `size` bytes of its file, or 'needMore' when its front matter goes on. */
  private fromPrefix(path: string, chunk: { bytes: Uint8Array; complete: boolean }, size: number): ReadPostOutcome | 'needMore' {
    if (looksBinary(chunk.bytes)) return { skipped: 'binary file (contains NUL bytes)' };
    // Decode only up to the end of the front matter when it can be found in the bytes.
    const cut = frontMatterByteLength(chunk.bytes);
    const bytes = cut === -1 ? chunk.bytes : chunk.bytes.subarray(0, cut);
    const post = this.extract(path, decoder.decode(bytes), chunk.complete && bytes.length === chunk.bytes.length);
    if (post !== 'needMore') return { post };
    if (size >= MAX_FRONT_MATTER_BYTES) return { post: this.unclosed(path, size) };
    return 'needMore';
  }

  private extract(path: string, text: string, complete: boolean): PostData | 'needMore' {
    // Lone `\r` line ends (old Mac files): Hugo reads them as lines, and so does parseFrontMatter.
    if (hasLoneCr(text)) return complete || parseFrontMatter(text).terminated ? this.fromParser(path, text) : 'needMore';
    const at = locateFrontMatter(text, complete);
    if (at.kind === 'needMore') return 'needMore';
    if (at.kind === 'none') return this.build(path, null, new Map());
    if (at.kind === 'closed') {
      const fast =
        at.format === 'yaml'
          ? this.yaml === '1.1' && YAML11_SPECIAL.test(text.slice(at.contentStart, at.contentEnd))
            ? undefined
            : fastYamlFields(text, at.contentStart, at.contentEnd, this.wanted)
          : at.format === 'toml'
            ? fastTomlFields(text, at.contentStart, at.contentEnd, this.wanted)
            : fastJsonFields(text.slice(at.contentStart, at.contentEnd), this.wanted);
      if (fast) return this.build(path, at.format, fast);
    }
    return this.fromParser(path, text);
  }

  /** The full parser: exact for everything, including broken blocks (their problem is kept). */
  private fromParser(path: string, text: string): PostData {
    const parsed = parseFrontMatter(text, { yaml: this.yaml });
    const raw = new Map<string, unknown>();
    // Two spellings of a key (`Tags` and `tags`): the value Hugo keeps.
    for (const [k, f] of keptFields(parsed.fields)) if (this.wanted.has(k)) raw.set(k, f.value.value);
    return this.build(path, parsed.format, raw, parsed.errors[0]?.message);
  }

  private build(path: string, format: FrontMatterFormat | null, raw: ReadonlyMap<string, unknown>, problem?: string): PostData {
    return postDataFrom(path, format, raw, this.taxonomyKeys, this.intern, problem);
  }

  private unclosed(path: string, bytes: number): PostData {
    const mb = Math.max(1, Math.round(bytes / (1024 * 1024)));
    return this.build(path, null, new Map(), `Front matter is not closed within the first ${mb} MB; it was not read`);
  }
}

/** Read sixteen times as much while the front matter goes on, up to the limit. */
function nextPrefixSize(size: number): number {
  return Math.min(size * 16, MAX_FRONT_MATTER_BYTES);
}

const DASH = 0x2d;
const PLUS = 0x2b;
const NEWLINE = 0x0a;

/**
 * The number of bytes up to and including the line that closes a `---` or `+++` block, or up to
 * the first line break when the file has no such block; -1 when that cannot be told from these
 * bytes (JSON front matter, or a block that does not close in them). Delimiters are ASCII and the
 * cut is always right after a line break, so decoding stops on a character boundary.
 */
export function frontMatterByteLength(b: Uint8Array): number {
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === NEWLINE || b[i] === 0x0d)) i++;
  const d = b[i];
  if (d !== DASH && d !== PLUS) {
    // No delimited block can start here (a `{` is JSON: let the text decide).
    if (d === 0x7b || i === b.length) return -1;
    const nl = b.indexOf(NEWLINE, i);
    return nl === -1 ? -1 : nl + 1;
  }
  if (b[i + 1] !== d || b[i + 2] !== d) return -1;
  let nl = blankRestOfLine(b, i + 3);
  while (nl !== -1) {
    const line = nl + 1;
    if (b[line] === d && b[line + 1] === d && b[line + 2] === d) {
      const end = blankRestOfLine(b, line + 3);
      if (end !== -1) return end + 1;
    }
    nl = b.indexOf(NEWLINE, line);
  }
  return -1;
}

/** The offset of the line break when only blanks follow `from` on its line; else -1. */
function blankRestOfLine(b: Uint8Array, from: number): number {
  for (let j = from; j < b.length; j++) {
    if (b[j] === NEWLINE) return j;
    if (b[j] !== 0x20 && b[j] !== 0x09 && b[j] !== 0x0d) return -1;
  }
  return -1;
}

/** JSON front matter through the native parser; `undefined` sends it to the full parser. */
function fastJsonFields(json: string, wanted: ReadonlySet<string>): Map<string, unknown> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(data)) {
    const k = foldKey(key);
    if (!wanted.has(k)) continue;
    // `Tags` and `tags` both present: which is later in the source is lost here.
    if (out.has(k)) return undefined;
    out.set(k, value);
  }
  return out;
}

/** Why a file could not be read, from the error a read threw (or its `code` and `message`). */
export function describeReadFailure(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'deleted before it could be read';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'ESPIPE' || code === 'EAGAIN') return 'not a regular file (a named pipe, socket or device)';
  const message = (err as { message?: unknown } | null)?.message;
  return `cannot be read: ${typeof message === 'string' ? message : String(err)}`;
}
