import { parseFrontMatter } from '../frontmatter';
import { decodeUtf8, type FileSystem } from '../fs';
import { parseProjectConfig, PROJECT_CONFIG_FILE, type ConfigLayer, type ProjectConfigProblem } from './config';
import { dirname } from './files';

/** Hugo's site configuration files, in the order Hugo looks for them. */
const HUGO_CONFIG_FILES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'];

/** Whether `dir` looks like a Hugo site root: it holds `.devops-notes.json`, a Hugo config file or `content/`. */
export async function isSiteRoot(fs: FileSystem, dir: string): Promise<boolean> {
  const entries = await fs.readDirectory(dir);
  return entries.some(
    (e) => e.name === PROJECT_CONFIG_FILE || HUGO_CONFIG_FILES.includes(e.name) || (e.name === 'content' && (e.isDirectory || e.isSymbolicLink)),
  );
}

/** The Hugo site a path belongs to: the nearest site root at or above `startDir`, if any. */
export async function findSiteRoot(fs: FileSystem, startDir: string): Promise<string | undefined> {
  for (let dir = startDir.replace(/\/+$/, '') || '/'; ; dir = dirname(dir)) {
    if (await isSiteRoot(fs, dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A site's configuration layers, with problems in `.devops-notes.json` (offsets into `text`). */
export interface SiteConfig {
  /** From the Hugo config's `[taxonomies]`, when it has one. */
  hugo?: ConfigLayer;
  /** From `.devops-notes.json`, when the site has one. */
  project?: ConfigLayer;
  projectFile?: { path: string; text: string; problems: ProjectConfigProblem[] };
}

/** Reads `.devops-notes.json` and the taxonomies of the Hugo config at `siteRoot`. Never rejects. */
export async function loadSiteConfig(fs: FileSystem, siteRoot: string): Promise<SiteConfig> {
  const out: SiteConfig = {};
  const read = async (path: string): Promise<string | undefined> => {
    try {
      return decodeUtf8(await fs.readFile(path));
    } catch {
      return undefined;
    }
  };
  const projectPath = `${siteRoot.replace(/\/+$/, '')}/${PROJECT_CONFIG_FILE}`;
  const projectText = await read(projectPath);
  if (projectText !== undefined) {
    const { layer, problems } = parseProjectConfig(projectText);
    out.project = layer;
    out.projectFile = { path: projectPath, text: projectText, problems };
  }
  for (const name of HUGO_CONFIG_FILES) {
    const text = await read(`${siteRoot.replace(/\/+$/, '')}/${name}`);
    if (text === undefined) continue;
    const taxonomies = hugoConfigTaxonomies(name, text);
    if (taxonomies) out.hugo = { hugoTaxonomies: taxonomies };
    break;
  }
  return out;
}

/**
 * The taxonomy keys (plural names) a Hugo config defines in `taxonomies`, or undefined when it
 * defines none (Hugo then uses tags and categories). Reuses the front matter parser by wrapping
 * the config in its format's delimiters.
 */
export function hugoConfigTaxonomies(fileName: string, text: string): string[] | undefined {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1);
  const wrapped = ext === 'toml' ? `+++\n${text}\n+++\n` : ext === 'json' ? text.trimStart() : `---\n${text}\n---\n`;
  const parsed = parseFrontMatter(wrapped);
  if (parsed.errors.length > 0) return undefined;
  const key = Object.keys(parsed.data).find((k) => k.toLowerCase() === 'taxonomies');
  const table = key ? parsed.data[key] : undefined;
  if (typeof table !== 'object' || table === null || Array.isArray(table)) return undefined;
  const plurals = Object.values(table).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return plurals.map((p) => p.toLowerCase());
}
