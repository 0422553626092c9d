import { decodeUtf8, type FileSystem } from '../fs';
import { parseProjectConfig, PROJECT_CONFIG_FILE, resolveValidationConfig, type ConfigLayer } from '../validate/config';
import { dirname } from '../validate/files';
import { configValue, findSiteRoot, readHugoConfig, type HugoConfig } from './hugoConfig';
import { detectHugoVersion, type HugoVersion } from './hugoVersion';
import { siteUrlConfig, type SiteUrlConfig } from './permalinks';

/**
 * Where a Hugo site keeps its posts and files: folders relative to the site root, with forward
 * slashes, each inside the site root (`.` is the root itself).
 */
export interface SiteDirs {
  /** Posts and page bundles: `contentDir` (default `content`), or the sources of `content` mounts. */
  contentDirs: string[];
  /** Served at the site's top: `staticDir`, `staticDir0`…`staticDir10` (default `static`), or the sources of `static` mounts. */
  staticDirs: string[];
  /** Hugo Pipes' files (`assetDir`, default `assets`): not served as they are, but themes load covers from them. */
  assetDirs: string[];
}

export const DEFAULT_SITE_DIRS: Readonly<SiteDirs> = Object.freeze({ contentDirs: ['content'], staticDirs: ['static'], assetDirs: ['assets'] });

/** A Hugo site: its root (absolute, forward slashes), its directories and its URL settings. */
export interface HugoSite {
  root: string;
  dirs: SiteDirs;
  /** Under the rules of the Hugo version in `hugo`. */
  urls: SiteUrlConfig;
  /** The Hugo version the site is judged by, as the validator resolves it, and where it came from. */
  hugo: HugoVersion;
}

type DirKind = keyof SiteDirs;
/** The first segment of a mount's `target`, as Hugo names its components. */
const MOUNT_COMPONENTS: ReadonlyMap<string, DirKind> = new Map([
  ['content', 'contentDirs'],
  ['static', 'staticDirs'],
  ['assets', 'assetDirs'],
]);
/** Hugo reads `staticDir` and the numbered `staticDir0` to `staticDir10` (each a folder or a list). */
const STATIC_DIR_KEYS = ['staticDir', ...Array.from({ length: 11 }, (_, i) => `staticDir${i}`)];

/**
 * The directories a Hugo config's data names, by kind; a kind it leaves to Hugo's default is
 * absent. As in Hugo, `[[module.mounts]]` whose `target` is `content`, `static` or `assets`
 * replace that kind's `contentDir`/`staticDir*`/`assetDir`. Paths that are absolute or lead out
 * of the site root are ignored: a workspace must not point the preview at `/etc`.
 */
export function namedSiteDirs(config: Record<string, unknown>): Partial<SiteDirs> {
  const languages = languageTables(config);
  // A language's own folders add to the site's (or Hugo's default), which the other languages still use.
  const withLanguages = (read: (table: unknown) => string[], fallback: readonly string[]): string[] => {
    const own = read(config);
    const perLanguage = languages.flatMap(read);
    return perLanguage.length ? [...(own.length ? own : fallback), ...perLanguage] : own;
  };
  const legacy: SiteDirs = {
    contentDirs: withLanguages((t) => dirList(configValue(t, 'contentDir')), DEFAULT_SITE_DIRS.contentDirs),
    staticDirs: withLanguages((t) => STATIC_DIR_KEYS.flatMap((k) => dirList(configValue(t, k))), DEFAULT_SITE_DIRS.staticDirs),
    assetDirs: dirList(configValue(config, 'assetDir')),
  };
  const mounted = mountedDirs(config);
  const out: Partial<SiteDirs> = {};
  for (const kind of MOUNT_COMPONENTS.values()) {
    // Mounts only below a kind's top (`static/js`) leave its plain folders in place: we map whole folders only.
    const dirs = mounted[kind]?.length ? mounted[kind] : legacy[kind];
    if (dirs.length) out[kind] = [...new Set(dirs)];
  }
  return out;
}

/** The site's directories: what its Hugo config names, Hugo's defaults for the rest. */
export function siteDirsFrom(config: Record<string, unknown> | undefined): SiteDirs {
  const named = config ? namedSiteDirs(config) : {};
  return {
    contentDirs: named.contentDirs ?? [...DEFAULT_SITE_DIRS.contentDirs],
    staticDirs: named.staticDirs ?? [...DEFAULT_SITE_DIRS.staticDirs],
    assetDirs: named.assetDirs ?? [...DEFAULT_SITE_DIRS.assetDirs],
  };
}

/** Reads the directories of the site at `siteRoot` from its Hugo config. Never rejects. */
export async function loadSiteDirs(fs: FileSystem, siteRoot: string): Promise<SiteDirs> {
  return siteDirsFrom((await readHugoConfig(fs, siteRoot))?.data);
}

/**
 * A folder path from a Hugo config, normalized (forward slashes, no `.`/`..` segments, no
 * trailing slash), or undefined when it is not a non-empty relative path that stays inside the
 * site root. Absolute paths are legal in Hugo; we refuse them on purpose.
 */
export function siteRelativeDir(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const path = raw.trim().replace(/\\/g, '/');
  if (!path || path.includes('\0') || path.startsWith('/') || /^[A-Za-z]:/.test(path)) return undefined;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.pop() === undefined) return undefined;
  }
  return segments.join('/') || '.';
}

/**
 * The Hugo version a site is judged by, with the validator's precedence (see
 * `resolveValidationConfig`): `.devops-notes.json` over the settings' layer over what the site's
 * build files pin, else the newest Hugo. Never rejects.
 */
export async function siteHugoVersion(fs: FileSystem, siteRoot: string, hugoConfig?: HugoConfig, settings?: ConfigLayer): Promise<HugoVersion> {
  const root = siteRoot.replace(/\/+$/, '');
  const [detected, projectText] = await Promise.all([
    detectHugoVersion(fs, root, hugoConfig).catch(() => undefined),
    fs.readFile(`${root}/${PROJECT_CONFIG_FILE}`).then(decodeUtf8, () => undefined),
  ]);
  const project = projectText === undefined ? undefined : parseProjectConfig(projectText).layer;
  const { version, source } = resolveValidationConfig(detected ? { hugoVersion: detected } : undefined, settings?.hugoVersion ? { hugoVersion: settings.hugoVersion } : undefined, project?.hugoVersion ? { hugoVersion: project.hugoVersion } : undefined).hugo;
  return { version, source };
}

/**
 * Finds the Hugo site of a post and reads its directories and URL settings (under the site's
 * Hugo version), each folder's answer kept until `clear()` (call it when a site config file or
 * the version setting changes). For adapters that resolve many posts.
 */
export class HugoSiteLocator {
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly dirs = new Map<string, Promise<Omit<HugoSite, 'root'>>>();

  /** `settings`: the editor's settings for a site root (their Hugo version counts), if any. */
  constructor(
    private readonly fs: FileSystem,
    private readonly settings?: (siteRoot: string) => ConfigLayer | undefined,
  ) {}

  /** The site holding `filePath` (absolute, forward slashes), or undefined outside any site. */
  async siteOf(filePath: string): Promise<HugoSite | undefined> {
    const folder = dirname(filePath);
    let root = this.roots.get(folder);
    if (!root) {
      // Folders a long session visits add up; starting over costs a few directory reads.
      if (this.roots.size > 5000) this.roots.clear();
      root = findSiteRoot(this.fs, folder).catch(() => undefined);
      this.roots.set(folder, root);
    }
    const found = await root;
    if (found === undefined) return undefined;
    let read = this.dirs.get(found);
    if (!read) {
      // One read of the config for all three; readHugoConfig and siteHugoVersion never reject.
      read = readHugoConfig(this.fs, found).then(async (config) => {
        const hugo = await siteHugoVersion(this.fs, found, config, this.settingsOf(found));
        return { dirs: siteDirsFrom(config?.data), urls: siteUrlConfig(config?.data, { hugoVersion: hugo.version }), hugo };
      });
      this.dirs.set(found, read);
    }
    return { root: found, ...(await read) };
  }

  clear(): void {
    this.roots.clear();
    this.dirs.clear();
  }

  private settingsOf(root: string): ConfigLayer | undefined {
    try {
      return this.settings?.(root);
    } catch {
      return undefined;
    }
  }
}

/** Sources of the mounts whose target is a whole content, static or assets folder, by kind. */
function mountedDirs(config: Record<string, unknown>): Partial<SiteDirs> {
  const out: Partial<SiteDirs> = {};
  for (const mount of asList(configValue(configValue(config, 'module'), 'mounts'))) {
    const target = siteRelativeDir(configValue(mount, 'target'));
    const source = siteRelativeDir(configValue(mount, 'source'));
    const kind = target === undefined ? undefined : MOUNT_COMPONENTS.get(target);
    if (kind && source !== undefined) (out[kind] ??= []).push(source);
  }
  return out;
}

/** The per-language tables of `[languages]` (each may set its own contentDir and staticDir). */
function languageTables(config: Record<string, unknown>): unknown[] {
  const languages = configValue(config, 'languages');
  return typeof languages === 'object' && languages !== null && !Array.isArray(languages) ? Object.values(languages) : [];
}

/** A folder or a list of folders, keeping only the safe ones. */
function dirList(value: unknown): string[] {
  return asList(value).flatMap((v) => siteRelativeDir(v) ?? []);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
