import * as path from 'node:path';
import type { FileSystem } from '../core/fs';
import { findPostFiles } from '../core/index';
import { readHugoConfig, siteContentFolders, siteDirsFrom } from '../core/site';
import { loadSitePages, type SitePages } from '../core/site/pages';
import { loadSiteConfig, isSiteRoot, resolveValidationConfig, type ConfigLayer, type ValidationConfig } from '../core/validate';
import { dirname } from '../core/validate/files';
import { UsageError } from './args';

/** Every Markdown post below a folder (Hugo's output folders and dependencies are skipped). */
const POST_GLOBS = ['**/*.{md,markdown}'];

/** Absolute path with forward slashes, as the core expects. */
export function toPosix(p: string): string {
  return path.resolve(p).split(path.sep).join('/');
}

/** A path for humans and reports: relative to the working directory when inside it. */
export function displayPath(cwd: string, abs: string): string {
  // A normalized path below the working directory (every post of a usual check) is just its tail.
  if (cwd !== '/' && abs.startsWith(cwd) && abs.charCodeAt(cwd.length) === 47 && !/\/\.{0,2}(\/|$)/.test(abs.slice(cwd.length))) return abs.slice(cwd.length + 1);
  const rel = path.posix.relative(cwd, abs);
  return rel && !rel.startsWith('../') ? rel : abs;
}

/**
 * The post files the paths name: files as given, folders walked for `*.md`/`*.markdown`. A
 * folder that is a Hugo site root means its content folders (see {@link contentFoldersOf}).
 * With no paths: the working directory, read the same way.
 */
export async function collectPostFiles(fs: FileSystem, cwd: string, args: readonly string[], onSkip: (path: string, reason: string) => void): Promise<string[]> {
  const roots = args.length ? args.map(toPosix) : [cwd];
  const files = new Set<string>();
  for (const root of roots) {
    const st = await fs.stat(root);
    if (!st) throw new UsageError(`no such file or folder: ${displayPath(cwd, root)}`);
    if (st.isFile) {
      files.add(root);
      continue;
    }
    const { folders, ofSite } = await siteFolders(fs, root);
    for (const dir of folders) {
      // A site's content folder may have sections named public/ or resources/ (Hugo's output
      // folders elsewhere); a plain folder's are skipped as output.
      // (A site whose content folder is the site itself, `contentDir = "."`, has its output there too.)
      const contentFolders = ofSite && dir !== root ? [''] : [];
      for (const f of await findPostFiles(fs, dir, { include: POST_GLOBS, onSkip, contentFolders })) files.add(f);
    }
  }
  return [...files].sort();
}

/**
 * The folders holding a site's posts: those its Hugo config names (`contentDir`, a language's
 * `contentDir`, the sources of `content` mounts) that exist, else `content/` when it exists,
 * else the folder itself (a folder of notes, or a section of a site).
 */
export async function contentFoldersOf(fs: FileSystem, folder: string): Promise<string[]> {
  return (await siteFolders(fs, folder)).folders;
}

/** {@link contentFoldersOf}, and whether they are a site's content folders (not the folder itself as a fallback). */
async function siteFolders(fs: FileSystem, folder: string): Promise<{ folders: string[]; ofSite: boolean }> {
  const base = folder.replace(/\/+$/, '') || '/';
  const isDir = async (p: string): Promise<boolean> => (await fs.stat(p))?.isDirectory === true;
  const config = await readHugoConfig(fs, base);
  if (config) {
    const named = siteDirsFrom(config.data).contentDirs.map((d) => (d === '.' ? base : `${base}/${d}`));
    const existing = [];
    for (const dir of named) if (await isDir(dir)) existing.push(dir);
    if (existing.length) return { folders: existing, ofSite: true };
  }
  if (await isDir(`${base}/content`)) return { folders: [`${base}/content`], ofSite: true };
  // A repository of several Hugo sites in subfolders is read as those sites, not as a heap of
  // Markdown: its READMEs and the sites' archetypes are not posts.
  const subSites: string[] = [];
  for (const dir of await siteContentFolders(fs, base)) if (await isDir(`${base}/${dir}`)) subSites.push(`${base}/${dir}`);
  return subSites.length ? { folders: subSites, ofSite: true } : { folders: [base], ofSite: false };
}

/** Finds each post's Hugo site root and configuration once per folder. */
export class SiteResolver {
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly configs = new Map<string, Promise<ValidationConfig>>();
  private readonly pages = new Map<string, Promise<SitePages>>();

  /**
   * @param onConfigProblem told about problems in a `.devops-notes.json` (path, 1-based line and column, message).
   */
  constructor(
    private readonly fs: FileSystem,
    private readonly fallbackRoot: string,
    private readonly onConfigProblem: (file: string, line: number, column: number, message: string) => void,
  ) {}

  /** The site root of a post: the nearest folder above it with `content/`, a Hugo config or `.devops-notes.json`. */
  rootOf(filePath: string): Promise<string> {
    return this.rootAbove(dirname(filePath)).then((r) => r ?? this.fallbackRoot);
  }

  private rootAbove(dir: string): Promise<string | undefined> {
    let found = this.roots.get(dir);
    if (!found) {
      found = isSiteRoot(this.fs, dir).then((yes) => (yes ? dir : dirname(dir) === dir ? undefined : this.rootAbove(dirname(dir))));
      this.roots.set(dir, found);
    }
    return found;
  }

  /**
   * A site's pages: which files Hugo publishes, and which fields each section's pages carry
   * (read only when no `requiredFields` is configured).
   */
  pagesOf(siteRoot: string): Promise<SitePages> {
    let pages = this.pages.get(siteRoot);
    if (!pages) {
      pages = readHugoConfig(this.fs, siteRoot).then((hugo) =>
        loadSitePages(this.fs, siteRoot, hugo?.data, { learnUsage: true }),
      );
      this.pages.set(siteRoot, pages);
    }
    return pages;
  }

  /** The validation configuration of a site: defaults, its Hugo taxonomies, then `.devops-notes.json`. */
  configOf(siteRoot: string): Promise<ValidationConfig> {
    let config = this.configs.get(siteRoot);
    if (!config) {
      config = loadSiteConfig(this.fs, siteRoot).then((site) => {
        for (const p of site.projectFile?.problems ?? []) {
          const before = site.projectFile!.text.slice(0, p.start);
          const line = before.split('\n').length;
          this.onConfigProblem(site.projectFile!.path, line, p.start - before.lastIndexOf('\n'), p.message);
        }
        const layers: (ConfigLayer | undefined)[] = [site.hugo, site.project];
        return resolveValidationConfig(...layers);
      });
      this.configs.set(siteRoot, config);
    }
    return config;
  }
}

/**
 * `fs` with each folder's listing kept until `forget()`. The walk lists every folder of posts,
 * and looking for each post's site root lists the same folders again (440 of them for 10k posts,
 * a tenth of a second).
 */
export function rememberingListings(fs: FileSystem): FileSystem & { forget(): void } {
  let listings: Map<string, ReturnType<FileSystem['readDirectory']>> | undefined = new Map();
  return {
    readFile: (p) => fs.readFile(p),
    readPrefix: (p, maxBytes) => fs.readPrefix(p, maxBytes),
    readPrefixSync: fs.readPrefixSync && ((p, maxBytes) => fs.readPrefixSync!(p, maxBytes)),
    stat: (p) => fs.stat(p),
    realPath: fs.realPath && ((p) => fs.realPath!(p)),
    readDirectory: (p) => {
      if (!listings) return fs.readDirectory(p);
      let listing = listings.get(p);
      if (!listing) listings.set(p, (listing = fs.readDirectory(p)));
      return listing;
    },
    forget: () => (listings = undefined),
  };
}
