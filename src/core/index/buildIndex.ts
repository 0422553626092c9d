import type { FileSystem } from '../fs';
import { PostIndex } from './postIndex';
import { PostReader } from './readPost';
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
  await forEachLimited(paths, options.concurrency ?? 64, async (path) => {
    if (options.isCancelled?.()) return;
    const outcome = await reader.read(fs, path);
    if ('post' in outcome) {
      index.set(outcome.post);
      indexed++;
    } else {
      skipped++;
      options.onSkip?.(path, outcome.skipped);
    }
    options.onProgress?.(indexed + skipped, paths.length);
    if (slicer.shouldYield()) await slicer.yield();
  });
  return { indexed, skipped };
}

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
