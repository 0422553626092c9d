import { parseFrontMatter } from '../frontmatter';
import { decodeUtf8, type FileSystem } from '../fs';
import { pageUrlOf, type PageUrl } from './permalinks';
import type { HugoSiteLocator } from './siteDirs';

/** Enough of a post to hold its front matter. */
const FRONT_MATTER_PREFIX = 64 * 1024;
/** Branch bundle files that make a folder a section. */
const SECTION_FILES = ['_index.md', '_index.markdown', '_index.html'];

/**
 * The URL Hugo gives the post at `filePath` (absolute, forward slashes), through the injected
 * file system: its site from `sites`, its front matter (`frontMatter`, else read from the file),
 * and which of its folders are sections (an `_index` file). Undefined outside a site's content
 * folders or when the file cannot be read. Never rejects.
 */
export async function postUrl(fs: FileSystem, sites: HugoSiteLocator, filePath: string, frontMatter?: Readonly<Record<string, unknown>>): Promise<PageUrl | undefined> {
  try {
    const site = await sites.siteOf(filePath);
    if (!site) return undefined;
    let data = frontMatter;
    if (!data) {
      const { bytes } = await fs.readPrefix(filePath, FRONT_MATTER_PREFIX);
      data = parseFrontMatter(decodeUtf8(bytes)).data;
    }
    const rel = filePath.slice(site.root.length + 1);
    const source = site.urls.contentSources.find((s) => s.dir === '.' || rel.startsWith(`${s.dir}/`));
    if (!source) return undefined;
    // Folders between the content folder and the post: a handful of stats for `:sections`.
    const contentRoot = source.dir === '.' ? site.root : `${site.root}/${source.dir}`;
    const folders = filePath.slice(contentRoot.length + 1).split('/').slice(0, -1);
    const sections = new Set<string>();
    await Promise.all(
      folders.map(async (_, i) => {
        const dir = folders.slice(0, i + 1).join('/');
        for (const name of SECTION_FILES) {
          const stat = await fs.stat(`${contentRoot}/${dir}/${name}`).catch(() => undefined);
          if (stat?.isFile) sections.add(dir);
        }
      }),
    );
    return pageUrlOf(site.urls, site.root, filePath, data, { isSection: (dir) => sections.has(dir) });
  } catch {
    return undefined;
  }
}
