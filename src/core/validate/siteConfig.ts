import { decodeUtf8, type FileSystem } from '../fs';
import { configValue, parseHugoConfig, readHugoConfig } from '../site/hugoConfig';
import { siteUrlConfig, type SiteUrlConfig } from '../site/permalinks';
import { disableKindsOf } from '../site/disableKinds';
import { detectHugoVersion } from '../site/hugoVersion';
import { namedSiteDirs, siteDirsFrom, type SiteDirs } from '../site/siteDirs';
import { parseProjectConfig, PROJECT_CONFIG_FILE, type ConfigLayer, type ProjectConfigProblem } from './config';

export { findSiteRoot, isSiteRoot } from '../site/hugoConfig';

/** A site's configuration layers, with problems in `.devops-notes.json` (offsets into `text`). */
export interface SiteConfig {
  /** From the Hugo config (its `[taxonomies]`, the folders it names) and the Hugo version the site pins. */
  hugo?: ConfigLayer;
  /** From `.devops-notes.json`, when the site has one. */
  project?: ConfigLayer;
  projectFile?: { path: string; text: string; problems: ProjectConfigProblem[] };
  /** The site's folders from its Hugo config, Hugo's defaults where it names none. */
  dirs: SiteDirs;
}

/** Reads `.devops-notes.json` and the Hugo config at `siteRoot`. Never rejects. */
export async function loadSiteConfig(fs: FileSystem, siteRoot: string): Promise<SiteConfig> {
  const projectPath = `${siteRoot.replace(/\/+$/, '')}/${PROJECT_CONFIG_FILE}`;
  const [projectText, hugoConfig] = await Promise.all([
    fs.readFile(projectPath).then(decodeUtf8, () => undefined),
    readHugoConfig(fs, siteRoot),
  ]);
  const out: SiteConfig = { dirs: siteDirsFrom(hugoConfig?.data) };
  if (projectText !== undefined) {
    const { layer, problems } = parseProjectConfig(projectText);
    out.project = layer;
    out.projectFile = { path: projectPath, text: projectText, problems };
  }
  const layer = hugoConfig ? hugoConfigLayer(hugoConfig.data) : {};
  const version = await detectHugoVersion(fs, siteRoot, hugoConfig).catch(() => undefined);
  if (version) layer.hugoVersion = version;
  if (Object.keys(layer).length) out.hugo = layer;
  return out;
}

/**
 * What a Hugo config tells the validator: its taxonomies, and the folders it names. Its static
 * (and asset) folders replace the default `staticDirs`; the settings and `.devops-notes.json`
 * come later and still win when they set `staticDirs`.
 */
export function hugoConfigLayer(data: Record<string, unknown>): ConfigLayer {
  const layer: ConfigLayer = {};
  const taxonomies = taxonomiesOf(data);
  if (taxonomies) layer.hugoTaxonomies = taxonomies;
  const named = namedSiteDirs(data);
  if (named.staticDirs || named.assetDirs) {
    const dirs = siteDirsFrom(data);
    layer.staticDirs = [...dirs.staticDirs, ...dirs.assetDirs];
  }
  if (named.contentDirs) layer.contentDirs = named.contentDirs;
  // Page URLs follow the version the site is judged by, known only once every layer is read.
  const urls = new Map<string, SiteUrlConfig>();
  layer.siteUrlsFor = (hugoVersion) => {
    let found = urls.get(hugoVersion);
    if (!found) urls.set(hugoVersion, (found = siteUrlConfig(data, { hugoVersion })));
    return found;
  };
  const disableKinds = disableKindsOf(data);
  if (disableKinds.length) layer.disableKinds = disableKinds;
  return layer;
}

/**
 * The taxonomy keys (plural names) a Hugo config defines in `taxonomies`, or undefined when it
 * defines none (Hugo then uses tags and categories).
 */
export function hugoConfigTaxonomies(fileName: string, text: string): string[] | undefined {
  const data = parseHugoConfig(fileName, text);
  return data ? taxonomiesOf(data) : undefined;
}

function taxonomiesOf(data: Record<string, unknown>): string[] | undefined {
  const table = configValue(data, 'taxonomies');
  if (typeof table !== 'object' || table === null || Array.isArray(table)) return undefined;
  const plurals = Object.values(table).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return plurals.map((p) => p.toLowerCase());
}
