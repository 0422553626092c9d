import type { FileSystem } from '../fs';
import { PostIndex } from './postIndex';
import type { PostData } from './postData';
import { PostReader, type ReadPostOutcome } from './readPost';
import { findPostFiles, type FindPostsOptions } from './scanner';
import { TimeSlicer } from './timeSlicer';

/** The taxonomies Hugo defines when a site configures none. */
export const DEFAULT_TAXONOMIES: readonly string[] = Object.freeze(['tags', 'categories']);

/** Options for {@link indexFiles}. */
export interface IndexFilesOptions {
  /** Files read at once (default 64: enough to keep node's I/O threads busy). */
  concurrency?: number;
  /** Told about every file left out, with the reason (unreadable, binary, vanished). */
  onSkip?: (path: string, reason: string) => void;
  /** Told after each file; `done` counts read and skipped files. */
  onProgress?: (done: number, total: number) => void;
  /** Checked before each file; stops early when it returns true. */
  isCancelled?: () => boolean;
  /**
   * Whether to use the file system's blocking read while reads are fast (default true when it
   * has one). Each read then holds the thread for microseconds, and the work still yields to the
   * event loop every few milliseconds.
   */
  syncReads?: boolean;
  /** The clock blocking reads are timed by (default `performance.now`); tests play a slow disk with it. */
  clock?: () => number;
  /**
   * Reads the posts on other threads (see src/threads/indexThreads.ts) when there are at least
   * `bulkMinFiles` (default 500) of them; this thread then only adds what comes back to the
   * index. When it fails, the posts it did not deliver are read here.
   */
  bulkReader?: BulkPostReader;
  bulkMinFiles?: number;
}

/** A reader that shares the index's term strings (one copy of `Kubernetes` for 10k posts). */
export function readerFor(index: PostIndex): PostReader {
  return new PostReader(index.taxonomies, index.intern, index.hugo.yaml);
}

/**
 * One file's outcome, as a bulk reader hands it over, by the file's position in the claimed
 * list: the post read from it, or only the first bytes of the file (at most
 * `INITIAL_PREFIX_BYTES`) for the calling thread to read the post from.
 */
export type PathOutcome = readonly [at: number, outcome: ReadPostOutcome | { readonly prefix: { readonly bytes: Uint8Array; readonly complete: boolean } }];

/**
 * The files of a scan and who takes which: whoever wants work adds to `cursor[0]` with
 * `Atomics.add` and takes the positions from the old value on. On a `SharedArrayBuffer` other
 * threads claim through the same cursor as the calling thread, without a message per claim.
 */
export interface PathClaims {
  readonly paths: readonly string[];
  readonly cursor: Int32Array;
}

/** Reads posts, or their first bytes, somewhere else than the calling thread (worker threads, say). */
export interface BulkPostReader {
  /**
   * Claims positions of `claims.paths` through `claims.cursor` and reads them with a
   * {@link PostReader} for `taxonomies`, handing the outcomes to `onBatch` a batch at a time.
   * Resolves when it has handed over everything it claimed, or early once `isCancelled` says so;
   * rejects when it cannot go on, and then claims nothing more (the caller reads what was
   * claimed but not handed over).
   */
  readAll(
    claims: PathClaims,
    taxonomies: readonly string[],
    onBatch: (batch: readonly PathOutcome[]) => void,
    isCancelled?: () => boolean,
  ): Promise<void>;
  /**
   * Told that a `readAll` for `taxonomies` is coming (a scan is about to list the files), so
   * threads can start meanwhile instead of after.
   */
  prepare?(taxonomies: readonly string[]): void;
  /** Told that the `readAll` announced by `prepare` will not come (too few files, a cancelled scan). */
  release?(): void;
}

/**
 * Reads `paths` (absolute, forward slashes) into `index`, reading only each file's front matter,
 * yielding to the event loop between slices. A bulk reader, when given one and there are enough
 * files, claims positions of the same paths for other threads while this thread reads the rest.
 * Never rejects for a bad file: it is skipped and reported through `onSkip`. Returns how many
 * were indexed and skipped.
 */
export async function indexFiles(
  fs: FileSystem,
  index: PostIndex,
  paths: readonly string[],
  options: IndexFilesOptions = {},
): Promise<{ indexed: number; skipped: number }> {
  const counts = { indexed: 0, skipped: 0 };
  /** Positions read here or handed over (a bulk reader that fails leaves the rest to this thread). */
  const done = new Uint8Array(paths.length);
  const take = (at: number, outcome: ReadPostOutcome): void => {
    done[at] = 1;
    if ('post' in outcome) {
      index.set(outcome.post);
      counts.indexed++;
    } else {
      counts.skipped++;
      options.onSkip?.(paths[at], outcome.skipped);
    }
    options.onProgress?.(counts.indexed + counts.skipped, paths.length);
  };
  const bulkReader = options.bulkReader;
  const useBulk = bulkReader !== undefined && paths.length >= (options.bulkMinFiles ?? 500);
  if (bulkReader && !useBulk) bulkReader.release?.();
  // Shared only when other threads claim too (a host without shared memory has no threads).
  const cursor = new Int32Array(useBulk && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
  const claimOne = (): number | undefined => {
    if (Atomics.load(cursor, 0) >= paths.length) return undefined;
    const at = Atomics.add(cursor, 0, 1);
    return at < paths.length ? at : undefined;
  };

  const reader = readerFor(index);
  let bulk: Promise<void> | undefined;
  let parseOnly = false;
  if (bulkReader && useBulk) {
    const onBatch = (batch: readonly PathOutcome[]): void => {
      for (const [at, outcome] of batch) {
        if (done[at] || at >= paths.length) continue;
        if ('prefix' in outcome) {
          // Reading is done elsewhere, faster than this thread parses: it only parses from now on.
          parseOnly = true;
          // Front matter that goes on past the first bytes stays not `done`: read here afterwards.
          const post = reader.fromFirstBytes(paths[at], outcome.prefix);
          if (post !== 'needMore') take(at, post);
        } else if (!('post' in outcome) || index.hugo.yaml !== '1.1') {
          // Reading threads read YAML 1.2: a site whose Hugo reads 1.1 leaves their posts not
          // `done`, and they are read here afterwards.
          take(at, 'post' in outcome ? { post: adopt(outcome.post, index.intern) } : outcome);
        }
      }
    };
    // When it fails, what it claimed and did not hand over is still not `done`, for this thread.
    bulk = bulkReader.readAll({ paths, cursor }, index.taxonomies, onBatch, options.isCancelled).catch(() => undefined);
  }
  await readHere(fs, reader, paths, claimOne, take, options, () => parseOnly);
  if (bulk) {
    await bulk;
    // What a failed bulk reader claimed and never handed over, the longer front matter (both
    // claimed, not `done`), and what nobody claimed (this thread stopped reading once the bulk
    // reader delivered first bytes).
    const claimed = Math.min(Atomics.load(cursor, 0), paths.length);
    const left: number[] = [];
    for (let at = 0; at < claimed; at++) if (!done[at]) left.push(at);
    let i = 0;
    await readHere(fs, reader, paths, () => (i < left.length ? left[i++] : claimOne()), take, options);
  }
  return counts;
}

/**
 * Reads the paths `claim` hands out on this thread. Blocking reads first, while the disk answers
 * them from its cache. A cold disk or a network share is slow on every read, not once: when a
 * window of reads averages more than a cache would take, or one read holds the thread too long,
 * the rest go asynchronous (many in flight, the thread free). A single stall (a garbage
 * collection, a busy machine) does not count.
 */
async function readHere(
  fs: FileSystem,
  reader: PostReader,
  paths: readonly string[],
  claim: () => number | undefined,
  take: (at: number, outcome: ReadPostOutcome) => void,
  options: IndexFilesOptions,
  stop: () => boolean = () => false,
): Promise<void> {
  const slicer = new TimeSlicer();
  if (fs.readPrefixSync && options.syncReads !== false) {
    const readSync = fs.readPrefixSync.bind(fs);
    const now = options.clock ?? (() => performance.now());
    let windowMs = 0;
    let windowReads = 0;
    let slow = false;
    // Only the read is timed: parsing says nothing about the disk.
    const timed = {
      readPrefixSync(path: string, maxBytes: number): { bytes: Uint8Array; complete: boolean } {
        const started = now();
        try {
          return readSync(path, maxBytes);
        } finally {
          const ms = now() - started;
          windowMs += ms;
          if (ms > SYNC_READ_MAX_MS) slow = true;
          if (++windowReads === SYNC_READ_WINDOW) {
            if (windowMs > SYNC_READ_WINDOW * SYNC_READ_AVERAGE_MS) slow = true;
            windowMs = 0;
            windowReads = 0;
          }
        }
      },
    };
    while (!slow) {
      if (options.isCancelled?.() || stop()) return;
      const at = claim();
      if (at === undefined) return;
      take(at, reader.readSync(timed, paths[at]));
      if (slicer.shouldYield()) await slicer.yield();
    }
  }
  const worker = async (): Promise<void> => {
    for (let at = stop() ? undefined : claim(); at !== undefined; at = stop() ? undefined : claim()) {
      if (options.isCancelled?.()) return;
      take(at, await reader.read(fs, paths[at]));
      if (slicer.shouldYield()) await slicer.yield();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 64) }, worker));
}

/**
 * A post that came from another thread, made to share this index's term strings (the copy a
 * message makes is fresh, and 10k posts that say `Kubernetes` should keep one string).
 */
function adopt(post: PostData, intern: (s: string) => string): PostData {
  const terms = post.terms as string[][];
  for (const list of terms) for (let j = 0; j < list.length; j++) list[j] = intern(list[j]);
  return post;
}

/** Reads are judged in windows of this many. */
const SYNC_READ_WINDOW = 32;
/** A window of blocking reads averaging more than this (ms) did not come from a cache. */
const SYNC_READ_AVERAGE_MS = 0.5;
/** One blocking read longer than this (ms) ends them at once: the thread must stay responsive. */
const SYNC_READ_MAX_MS = 40;

/** Options for {@link indexFolders}: which files, which taxonomies, and the reporting hooks. */
export interface IndexFoldersOptions extends IndexFilesOptions, Pick<FindPostsOptions, 'include' | 'exclude'> {
  /** Front matter keys holding terms; default {@link DEFAULT_TAXONOMIES}. */
  taxonomies?: readonly string[];
}

/**
 * Finds and indexes every post under the given roots: what the CLI (`devops-notes tags`) and the
 * benchmarks call with `nodeFileSystem`. Skipped files are reported through `onSkip`.
 */
export async function indexFolders(fs: FileSystem, roots: readonly string[], options: IndexFoldersOptions = {}): Promise<PostIndex> {
  const index = new PostIndex(options.taxonomies ?? DEFAULT_TAXONOMIES);
  options.bulkReader?.prepare?.(index.taxonomies);
  let files: string[] = [];
  for (const root of roots) {
    const found = await findPostFiles(fs, root, { include: options.include, exclude: options.exclude, onSkip: options.onSkip, isCancelled: options.isCancelled });
    files = files.length === 0 ? found : files.concat(found);
  }
  await indexFiles(fs, index, files, options);
  return index;
}
