import type { FileSystem } from '../fs';
import { PostIndex } from './postIndex';
import { PostReader, type ReadPostOutcome } from './readPost';
import { findPostFiles, type FindPostsOptions } from './scanner';
import { forEachLimited, TimeSlicer } from './timeSlicer';

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
}

/** A reader that shares the index's term strings (one copy of `Kubernetes` for 10k posts). */
export function readerFor(index: PostIndex): PostReader {
  return new PostReader(index.taxonomies, index.intern);
}

/**
 * Reads `paths` (absolute, forward slashes) into `index`, reading only each file's front matter,
 * a bounded number at a time, yielding to the event loop between slices. Never rejects for a bad
 * file: it is skipped and reported through `onSkip`. Returns how many were indexed and skipped.
 */
export async function indexFiles(
  fs: FileSystem,
  index: PostIndex,
  paths: readonly string[],
  options: IndexFilesOptions = {},
): Promise<{ indexed: number; skipped: number }> {
  const reader = readerFor(index);
  const slicer = new TimeSlicer();
  let indexed = 0;
  let skipped = 0;
  const take = (path: string, outcome: ReadPostOutcome): void => {
    if ('post' in outcome) {
      index.set(outcome.post);
      indexed++;
    } else {
      skipped++;
      options.onSkip?.(path, outcome.skipped);
    }
    options.onProgress?.(indexed + skipped, paths.length);
  };
  // Blocking reads first, while the disk answers them from its cache. A cold disk or a network
  // share is slow on every read, not once: when a window of reads averages more than a cache
  // would take, or one read holds the thread too long, the rest go asynchronous (many in flight,
  // the thread free). A single stall (a garbage collection, a busy machine) does not count.
  let next = 0;
  if (fs.readPrefixSync && options.syncReads !== false) {
    const readSync = fs.readPrefixSync.bind(fs);
    let windowMs = 0;
    let windowReads = 0;
    let slow = false;
    // Only the read is timed: parsing says nothing about the disk.
    const timed = {
      readPrefixSync(path: string, maxBytes: number): { bytes: Uint8Array; complete: boolean } {
        const started = performance.now();
        try {
          return readSync(path, maxBytes);
        } finally {
          const ms = performance.now() - started;
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
    while (next < paths.length && !slow) {
      if (options.isCancelled?.()) return { indexed, skipped };
      const path = paths[next++];
      take(path, reader.readSync(timed, path));
      if (slicer.shouldYield()) await slicer.yield();
    }
  }
  await forEachLimited(paths.slice(next), options.concurrency ?? 64, async (path) => {
    if (options.isCancelled?.()) return;
    take(path, await reader.read(fs, path));
    if (slicer.shouldYield()) await slicer.yield();
  });
  return { indexed, skipped };
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
  let files: string[] = [];
  for (const root of roots) {
    const found = await findPostFiles(fs, root, { include: options.include, exclude: options.exclude, onSkip: options.onSkip, isCancelled: options.isCancelled });
    files = files.length === 0 ? found : files.concat(found);
  }
  await indexFiles(fs, index, files, options);
  return index;
}
