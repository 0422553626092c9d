import * as vscode from 'vscode';
import { KeyCensus, topLevelKeys } from '../core/assist/keyCensus';
import { IMAGE_FILE, learnShortcodeParams, shortcodeNameOf, type ShortcodeInfo } from '../core/assist/shortcodes';
import { decodeUtf8, type FileSystem } from '../core/fs';
import { forEachLimited } from '../core/index/timeSlicer';
import { HugoSiteLocator, readHugoConfig, type HugoSite } from '../core/site';
import { configValue } from '../core/site/hugoConfig';
import type { PostIndexService } from '../tags/postIndexService';
import { pathOf } from '../tags/postIndexService';
import { OwnedDisposable } from '../util/dispose';
import { HUGO_SECTION, siteSettings } from '../config/frontMatter';

/** Files a listing keeps at most: a static folder of a million files must not fill memory. */
const MAX_FILES = 5000;
const MAX_DEPTH = 6;

/**
 * What the editor helpers know about the workspace's Hugo sites, all kept in memory: the site
 * of a post, its shortcode templates, the image files of its static folders and page bundles,
 * the keys its posts write. Each is read once on first use and forgotten when a file watcher
 * says it changed: a keystroke never reads the disk.
 */
export class SiteCache extends OwnedDisposable {
  private readonly locator: HugoSiteLocator;
  private readonly shortcodeLists = new Map<string, Promise<ShortcodeInfo[]>>();
  private readonly staticLists = new Map<string, Promise<string[]>>();
  private readonly bundleLists = new Map<string, Promise<string[]>>();
  readonly census = new KeyCensus();
  private censusStarted: Promise<void> | undefined;
  private dateSamples: string[] | undefined;

  constructor(private readonly posts: PostIndexService) {
    super();
    this.locator = new HugoSiteLocator(posts.fileSystem, siteSettings);
    const templates = this._register(vscode.workspace.createFileSystemWatcher('**/layouts/{shortcodes,_shortcodes}/**'));
    const forgetTemplates = () => this.shortcodeLists.clear();
    this._register(templates.onDidCreate(forgetTemplates));
    this._register(templates.onDidChange(forgetTemplates));
    this._register(templates.onDidDelete(forgetTemplates));
    const files = this._register(vscode.workspace.createFileSystemWatcher('**/*.{png,jpg,jpeg,gif,webp,svg,avif,bmp,ico}', false, true, false));
    const forgetFiles = () => {
      this.staticLists.clear();
      this.bundleLists.clear();
    };
    this._register(files.onDidCreate(forgetFiles));
    this._register(files.onDidDelete(forgetFiles));
    const configs = this._register(vscode.workspace.createFileSystemWatcher('**/{hugo,config}.{toml,yaml,yml,json}'));
    const forgetAll = () => {
      this.locator.clear();
      this.shortcodeLists.clear();
      forgetFiles();
    };
    this._register(configs.onDidCreate(forgetAll));
    this._register(configs.onDidChange(forgetAll));
    this._register(configs.onDidDelete(forgetAll));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(HUGO_SECTION) && this.locator.clear()));
    this._register(
      posts.onDidChangePosts((e) => {
        this.dateSamples = undefined;
        if (!this.censusStarted) return;
        for (const uri of e.removed) this.census.delete(pathOf(uri));
        void forEachLimited(e.changed, 4, (uri) => this.censusRead(pathOf(uri)));
      }),
    );
  }

  get fs(): FileSystem {
    return this.posts.fileSystem;
  }

  siteOf(path: string): Promise<HugoSite | undefined> {
    return this.locator.siteOf(path);
  }

  /** Starts counting the keys of every post in the background (once). */
  startCensus(): Promise<void> {
    this.censusStarted ??= (async () => {
      await this.posts.ready();
      await forEachLimited([...this.posts.index.paths()], 8, (path) => this.censusRead(path));
    })().catch((err: unknown) => this.posts.log('warn', `counting front matter keys failed: ${String(err)}`));
    return this.censusStarted;
  }

  private async censusRead(path: string): Promise<void> {
    try {
      let size = 4096;
      for (;;) {
        const chunk = await this.fs.readPrefix(path, size);
        const keys = topLevelKeys(decodeUtf8(chunk.bytes), chunk.complete);
        if (keys) return this.census.set(path, keys);
        if (size >= 256 * 1024) return this.census.set(path, []);
        size *= 8;
      }
    } catch {
      this.census.delete(path);
    }
  }

  /** Up to 2000 dates as the site's posts write them (to learn the site's date format). */
  dates(): string[] {
    if (!this.dateSamples) {
      const out: string[] = [];
      for (const post of this.posts.index.posts()) {
        if (post.date) out.push(post.date);
        if (out.length >= 2000) break;
      }
      this.dateSamples = out;
    }
    return this.dateSamples;
  }

  /** The site's and its theme's shortcode templates, with the parameters they read. */
  shortcodes(site: HugoSite): Promise<ShortcodeInfo[]> {
    let list = this.shortcodeLists.get(site.root);
    if (!list) {
      list = this.readShortcodes(site).catch(() => []);
      this.shortcodeLists.set(site.root, list);
    }
    return list;
  }

  private async readShortcodes(site: HugoSite): Promise<ShortcodeInfo[]> {
    const config = await readHugoConfig(this.fs, site.root);
    const theme = configValue(config?.data, 'theme');
    const themes = (Array.isArray(theme) ? theme : theme ? [theme] : []).filter((t): t is string => typeof t === 'string' && /^[\w.-]+$/.test(t));
    const roots: { dir: string; origin: 'site' | 'theme' }[] = [
      { dir: site.root, origin: 'site' },
      ...themes.map((t) => ({ dir: `${site.root}/themes/${t}`, origin: 'theme' as const })),
    ];
    const out: ShortcodeInfo[] = [];
    const seen = new Set<string>();
    for (const { dir, origin } of roots) {
      for (const sub of ['layouts/_shortcodes', 'layouts/shortcodes']) {
        const base = `${dir}/${sub}`;
        for (const rel of await this.listFiles(base, () => true)) {
          const name = shortcodeNameOf(rel);
          if (!name || seen.has(name)) continue;
          seen.add(name);
          let params: ShortcodeInfo['params'] = [];
          try {
            params = learnShortcodeParams(decodeUtf8(await this.fs.readFile(`${base}/${rel}`)));
          } catch {
            // An unreadable template still names a shortcode.
          }
          out.push({ name, origin, params, template: `${base}/${rel}`, doc: `The ${origin === 'site' ? 'site\'s' : 'theme\'s'} shortcode, \`${sub}/${rel}\`.` });
        }
      }
    }
    return out;
  }

  /** Image files of the site's static folders, as site URLs (`/img/a.png`). */
  staticImages(site: HugoSite): Promise<string[]> {
    let list = this.staticLists.get(site.root);
    if (!list) {
      list = (async () => {
        const out: string[] = [];
        for (const dir of site.dirs.staticDirs) out.push(...(await this.listFiles(`${site.root}/${dir}`, (n) => IMAGE_FILE.test(n))).map((p) => `/${p}`));
        return [...new Set(out)];
      })().catch(() => []);
      this.staticLists.set(site.root, list);
    }
    return list;
  }

  /** Image files beside a post (a page bundle's), relative to its folder. */
  bundleImages(postPath: string): Promise<string[]> {
    const folder = postPath.slice(0, postPath.lastIndexOf('/'));
    let list = this.bundleLists.get(folder);
    if (!list) {
      // Only a bundle (index.md / _index.md) owns the files below its folder.
      const isBundle = /\/_?index\.(?:md|markdown)$/i.test(postPath);
      list = this.listFiles(folder, (n) => IMAGE_FILE.test(n), isBundle ? 3 : 1).catch(() => []);
      this.bundleLists.set(folder, list);
    }
    return list;
  }

  /** Files under `root` (relative paths), breadth first, bounded. */
  private async listFiles(root: string, keep: (name: string) => boolean, depth = MAX_DEPTH): Promise<string[]> {
    const out: string[] = [];
    let level: string[] = [''];
    for (let d = 0; d < depth && level.length && out.length < MAX_FILES; d++) {
      const next: string[] = [];
      for (const rel of level) {
        let entries: Awaited<ReturnType<FileSystem['readDirectory']>>;
        try {
          entries = await this.fs.readDirectory(rel ? `${root}/${rel}` : root);
        } catch {
          continue;
        }
        for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const path = rel ? `${rel}/${e.name}` : e.name;
          if (e.isDirectory && !e.name.startsWith('.')) next.push(path);
          else if (e.isFile && keep(e.name) && out.length < MAX_FILES) out.push(path);
        }
      }
      level = next;
    }
    return out;
  }

  /** Paths of the site's pages from its content folders, for `ref`/`relref`. */
  pagesOf(site: HugoSite): string[] {
    const roots = site.dirs.contentDirs.map((d) => (d === '.' ? site.root : `${site.root}/${d}`));
    const out: string[] = [];
    for (const path of this.posts.index.paths()) {
      const root = roots.find((r) => path.startsWith(`${r}/`));
      if (root) out.push(path.slice(root.length + 1));
    }
    return out.sort();
  }

  /** Post paths of the index (for resolving refs). */
  postPaths(): string[] {
    return [...this.posts.index.paths()];
  }
}
