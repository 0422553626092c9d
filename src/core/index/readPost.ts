import { keptFields, parseFrontMatter, type FrontMatterFormat, type ParsedFrontMatter, type YamlVersion } from '../frontmatter';
import { likelyFrontMatterBytes, locateFrontMatter } from '../frontmatter/locate';
import { hasLoneCr, parseLocatedFrontMatter } from '../frontmatter/parse';
import { looksBinary, type FileSystem } from '../fs';
import { own, postDataFrom, wantedKeys, type FieldValues, type PostData } from './postData';

/**
 * How much of a file to read first: front matter is usually well under 1 KB. Staying below 4 KB
 * also lets node take the buffer from its shared pool instead of allocating one per file.
 */
export const INITIAL_PREFIX_BYTES = 3072;
/** How much of a prefix is decoded first (BENCHMARKS.md, "A first kilobyte"). */
const FIRST_DECODE_BYTES = 1024;
/** Front matter that does not close within this many bytes is reported, not read further. */
export const MAX_FRONT_MATTER_BYTES = 1024 * 1024;

/** What reading one file gave: a post, or why the file was skipped. */
export type ReadPostOutcome = { post: PostData } | { skipped: string };

// One decoder for every read: constructing one per file shows up in a 50k-file scan.
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Turns post files or editor texts into {@link PostData}, reading only the front matter, with the
 * same parser as the validator and the CLI.
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
    // Most front matter ends in the first kilobyte, most often where it seems to: decode up to
    // there first, the rest only when it goes on.
    const first = Math.min(likelyFrontMatterBytes(chunk.bytes), FIRST_DECODE_BYTES);
    const partial = chunk.bytes.length > first;
    let post = this.extract(path, decoder.decode(partial ? chunk.bytes.subarray(0, first) : chunk.bytes), chunk.complete && !partial);
    if (post === 'needMore' && partial) post = this.extract(path, decoder.decode(chunk.bytes), chunk.complete);
    if (post !== 'needMore') return { post };
    if (size >= MAX_FRONT_MATTER_BYTES) return { post: this.unclosed(path, size) };
    return 'needMore';
  }

  private extract(path: string, text: string, complete: boolean): PostData | 'needMore' {
    // Lone `\r` line ends (old Mac files): Hugo reads them as lines, and so does parseFrontMatter.
    if (hasLoneCr(text)) return complete || parseFrontMatter(text).terminated ? this.fromParsed(path, parseFrontMatter(text, { yaml: this.yaml })) : 'needMore';
    const at = locateFrontMatter(text, complete);
    if (at.kind === 'needMore') return 'needMore';
    return this.fromParsed(path, parseLocatedFrontMatter(text, at, this.yaml));
  }

  /** A post from its parsed front matter; a broken block's first problem is kept. */
  private fromParsed(path: string, parsed: ParsedFrontMatter): PostData {
    // Two spellings of a key (`Tags` and `tags`): the value Hugo keeps.
    const kept = keptFields(parsed.fields, this.wanted);
    return this.build(path, parsed.format, { get: (key) => kept.get(key)?.value.value }, parsed.errors[0]?.message);
  }

  private build(path: string, format: FrontMatterFormat | null, raw: FieldValues, problem?: string): PostData {
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
