import type { FileSystem } from '../fs';
import { ALWAYS_SKIPPED_FOLDERS, HUGO_OUTPUT_FOLDERS } from '../index/scanner';
import { readHugoConfig } from './hugoConfig';
import { siteDirsFrom } from './siteDirs';

/** Posts by extension, below a content folder. */
const POSTS_BELOW = '**/*.{md,markdown}';

/**
 * The content folders (relative to `root`, a workspace folder) of the Hugo sites at `root` and in
 * its immediate subfolders, as their Hugo configs place them: `contentDir`, a language's
 * `contentDir`, or the sources of `content` mounts. Only sites with a Hugo config count (without
 * one, Hugo reads `content/`, which the default globs cover already). A content folder that is
 * the site root itself (`contentDir = "."`) is left out: it would make every Markdown file a post.
 * Sorted, without repeats. Never rejects.
 */
export async function siteContentFolders(fs: FileSystem, root: string): Promise<string[]> {
  const base = root.replace(/\/+$/, '');
  const sites = [''];
  for (const e of await fs.readDirectory(base)) {
    if ((e.isDirectory || e.isSymbolicLink) && !e.name.startsWith('.') && !ALWAYS_SKIPPED_FOLDERS.has(e.name) && !HUGO_OUTPUT_FOLDERS.has(e.name)) sites.push(`${e.name}/`);
  }
  const folders = new Set<string>();
  await Promise.all(
    sites.map(async (prefix) => {
      const config = await readHugoConfig(fs, `${base}/${prefix}`.replace(/\/$/, ''));
      if (!config) return;
      for (const dir of siteDirsFrom(config.data).contentDirs) {
        // A folder whose name has glob characters is left to the user's own include setting.
        if (dir !== '.' && !/[*?[\]{}]/.test(dir)) folders.add(`${prefix}${dir}`);
      }
    }),
  );
  return [...folders].sort();
}

/** The glob of the posts below a content folder (relative to the same root). */
export function contentFolderGlob(folder: string): string {
  return `${folder}/${POSTS_BELOW}`;
}

/** Globs of the posts of {@link siteContentFolders}. Sorted. */
export async function siteContentGlobs(fs: FileSystem, root: string): Promise<string[]> {
  return (await siteContentFolders(fs, root)).map(contentFolderGlob).sort();
}
