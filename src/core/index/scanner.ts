import type { FileSystem } from '../fs';
import { compileGlobs, type GlobSet } from './glob';
import { TimeSlicer } from './timeSlicer';

/**
 * Where posts live by default: a Hugo site's `content/` (at the workspace root or one folder
 * down, e.g. `site/content/`), and plain notes folders.
 */
export const DEFAULT_INCLUDE: readonly string[] = Object.freeze([
  '{content,notes,posts,blog}/**/*.{md,markdown}',
  '*/content/**/*.{md,markdown}',
]);

/** Skipped by default on top of {@link ALWAYS_SKIPPED_FOLDERS}. */
export const DEFAULT_EXCLUDE: readonly string[] = Object.freeze([]);

/** Folders never walked into: version control and dependencies hold no posts of the user's. */
export const ALWAYS_SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Hugo's build output (`public/`) and processed assets (`resources/`) sit beside `content/` and
 * copy it; they are skipped too, but only outside a content folder (one named `content`, or one
 * in `FindPostsOptions.contentFolders`), where a section may have that name.
 */
export const HUGO_OUTPUT_FOLDERS: ReadonlySet<string> = new Set(['public', 'resources']);

/** Options for {@link findPostFiles}. */
export interface FindPostsOptions {
  /** Globs relative to the root; default {@link DEFAULT_INCLUDE}. */
  include?: readonly string[];
  /** Globs relative to the root, matched against files and folders; default {@link DEFAULT_EXCLUDE}. */
  exclude?: readonly string[];
  /** Told about every file or folder left out for a reason worth logging. */
  onSkip?: (path: string, reason: string) => void;
  /** Checked between folders; stops the walk early when it returns true. */
  isCancelled?: () => boolean;
  /** Folders read at once (default 2). */
  concurrency?: number;
  /** Walk only this folder inside `root` (globs still match paths relative to `root`). */
  under?: string;
  /**
   * Content folders besides those named `content` (relative to `root`; `''` is the root itself),
   * e.g. a Hugo config's `contentDir`: `public/` and `resources/` below them are sections.
   */
  contentFolders?: readonly string[];
}

/** Whether the folder at `rel` (relative to the root) is a content folder or inside one. */
function isInContent(rel: string, contentFolders: readonly string[] = []): boolean {
  if (rel.split('/').includes('content')) return true;
  return contentFolders.some((f) => f === '' || rel === f || rel.startsWith(`${f}/`));
}

/**
 * Finds the post files under `root` (absolute, forward slashes), in walk order. Prunes folders no
 * include glob can reach, never enters {@link ALWAYS_SKIPPED_FOLDERS}, follows symbolic links
 * once (a link back to a folder already walked is a loop and is skipped), and yields to the
 * event loop regularly so a huge tree never blocks for long.
 */
export async function findPostFiles(fs: FileSystem, root: string, options: FindPostsOptions = {}): Promise<string[]> {
  const include = compileGlobs(options.include ?? DEFAULT_INCLUDE);
  const exclude = compileGlobs(options.exclude ?? DEFAULT_EXCLUDE);
  const skip = options.onSkip ?? (() => undefined);
  const base = root.replace(/\/+$/, '');
  const found: string[] = [];
  const slicer = new TimeSlicer();
  const visitedReal = new Set<string>();
  const rootReal = await realPathOf(fs, base);
  if (rootReal !== undefined) visitedReal.add(rootReal);

  const start = options.under?.replace(/\/+$/, '');
  const startRel = start && start.startsWith(`${base}/`) ? start.slice(base.length + 1) : '';
  const contentFolders = options.contentFolders ?? [];
  if (startRel && !isPostFolder(startRel, include, exclude, contentFolders)) return [];
  const queue: { abs: string; rel: string; inContent: boolean }[] = [
    { abs: startRel ? `${base}/${startRel}` : base, rel: startRel, inContent: isInContent(startRel, contentFolders) },
  ];
  const namedContent = new Set(contentFolders);
  const walkOne = async (dir: { abs: string; rel: string; inContent: boolean }): Promise<void> => {
    const entries = await fs.readDirectory(dir.abs);
    // A leaf bundle (a folder below a content folder with an index.md): its other Markdown files,
    // and everything below it, are resources of that one page, not pages (Hugo 0.111.3 makes no
    // page, and no term, of them).
    const leafBundle = dir.inContent && !isContentRoot(dir.rel, namedContent) && entries.some((e) => !e.isDirectory && LEAF_INDEX.test(e.name));
    for (const e of entries) {
      if (leafBundle && !LEAF_INDEX.test(e.name)) continue;
      if (slicer.shouldYield()) await slicer.yield();
      const abs = `${dir.abs}/${e.name}`;
      const rel = dir.rel ? `${dir.rel}/${e.name}` : e.name;
      let isDir = e.isDirectory;
      let isFile = e.isFile;
      if (e.isSymbolicLink) {
        const target = await fs.stat(abs);
        if (!target) {
          skip(abs, 'broken symbolic link');
          continue;
        }
        isDir = target.isDirectory;
        isFile = target.isFile;
        if (isDir && !(await enterLinkedFolder(fs, abs, visitedReal, skip))) continue;
      }
      if (isDir) {
        if (skippedFolder(e.name, dir.inContent) || exclude.matches(rel) || !include.couldMatchBelow(rel)) continue;
        queue.push({ abs, rel, inContent: dir.inContent || e.name === 'content' || namedContent.has(rel) });
      } else if (isFile && include.matches(rel) && !exclude.matches(rel)) {
        found.push(abs);
      }
    }
  };

  // Two folder reads in flight. node turns a finished read into its list of entries on this
  // thread, in one go, and finished reads are handled back to back: with eight in flight, three
  // big folders (10k entries each) held the thread for 100 ms at a time; with two, about 30 ms,
  // for the same total time on a local disk.
  const workers = Math.max(1, options.concurrency ?? 2);
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      if (options.isCancelled?.()) queue.length = 0;
      while (active < workers && queue.length > 0) {
        const dir = queue.shift()!;
        active++;
        walkOne(dir).then(
          () => {
            active--;
            pump();
          },
          (err: unknown) => {
            // readDirectory reports unreadable folders as empty; anything else is a bug to surface.
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    pump();
  });
  // Not sorted: sorting 50k paths blocks for a few hundred milliseconds; callers that show a
  // list sort what they show.
  return found;
}

/** The page file of a leaf bundle. */
const LEAF_INDEX = /^index\.(md|markdown)$/i;

/** Whether the folder at `rel` is a content folder itself (its index.md is the home page, not a bundle). */
function isContentRoot(rel: string, named: ReadonlySet<string>): boolean {
  return rel === '' ? named.has('') : named.has(rel) || rel === 'content' || rel.endsWith('/content');
}

function skippedFolder(name: string, inContent: boolean): boolean {
  return ALWAYS_SKIPPED_FOLDERS.has(name) || (!inContent && HUGO_OUTPUT_FOLDERS.has(name));
}

/** Whether the walk would enter the folder at `rel` (relative to the root). */
function isPostFolder(rel: string, include: GlobSet, exclude: GlobSet, contentFolders: readonly string[]): boolean {
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    const sub = parts.slice(0, i + 1).join('/');
    if (skippedFolder(parts[i], isInContent(parts.slice(0, i).join('/'), contentFolders)) || exclude.matches(sub) || !include.couldMatchBelow(sub)) return false;
  }
  return true;
}

/**
 * Whether the file at `rel` (relative to a root) is a post under the given globs: the same answer
 * the walk gives, for one file (a file watcher event, an editor's document).
 */
export function isPostPath(rel: string, include: GlobSet, exclude: GlobSet, contentFolders: readonly string[] = []): boolean {
  const slash = rel.lastIndexOf('/');
  if (slash !== -1 && !isPostFolder(rel.slice(0, slash), include, exclude, contentFolders)) return false;
  return include.matches(rel) && !exclude.matches(rel);
}

async function realPathOf(fs: FileSystem, path: string): Promise<string | undefined> {
  if (!fs.realPath) return undefined;
  try {
    return await fs.realPath(path);
  } catch {
    return undefined;
  }
}

/**
 * A linked folder is walked when it leads somewhere new. Its target must not be, contain, or lie
 * inside the root or another followed link: that would be a loop (a link to a parent) or the same
 * posts twice (a link to a folder that is walked anyway). Without `realPath` links are not followed.
 */
async function enterLinkedFolder(fs: FileSystem, abs: string, visited: Set<string>, skip: (p: string, r: string) => void): Promise<boolean> {
  const real = await realPathOf(fs, abs);
  if (real === undefined) {
    skip(abs, 'symbolic link to a folder not followed (its target cannot be resolved)');
    return false;
  }
  for (const v of visited) {
    if (real === v || real.startsWith(`${v}/`) || v.startsWith(`${real}/`)) {
      skip(abs, `symbolic link not followed: it points to ${real}, a folder already walked (or a loop)`);
      return false;
    }
  }
  visited.add(real);
  return true;
}
