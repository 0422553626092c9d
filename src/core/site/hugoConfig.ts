import { parseFrontMatter } from '../frontmatter';
import { decodeUtf8, type FileSystem } from '../fs';
import { PROJECT_CONFIG_FILE } from '../validate/config';
import { dirname } from '../validate/files';

/** Hugo's site configuration files, in the order Hugo looks for them. */
export const HUGO_CONFIG_FILES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'];

/** Hugo's configuration directory layout: root keys in `config/_default/hugo.toml`, `[module]` may sit in `module.toml`. */
export const HUGO_CONFIG_DIR = 'config/_default';
export const MODULE_CONFIG_FILES = ['module.toml', 'module.yaml', 'module.yml', 'module.json'];

/** Files where a site pins its Hugo version (see hugoVersion.ts; workflows are read, not watched). */
export const HUGO_VERSION_FILES = ['netlify.toml', '.gitlab-ci.yml', 'package.json', '.tool-versions', '.mise.toml', 'mise.toml'];

/**
 * Files whose creation, change or deletion can change a site's root, its directories or its
 * validation configuration: what the adapters watch to forget what they cached.
 */
export const SITE_CONFIG_GLOB = `**/{${[PROJECT_CONFIG_FILE, ...HUGO_CONFIG_FILES, ...MODULE_CONFIG_FILES, ...HUGO_VERSION_FILES].join(',')}}`;

/** A Hugo config as plain data, and the file it came from (for messages). */
export interface HugoConfig {
  path: string;
  /** Empty when the file is broken: Hugo's defaults apply. */
  data: Record<string, unknown>;
}

/**
 * Whether `dir` looks like a Hugo site root: it holds `.devops-notes.json`, a Hugo config file,
 * `content/`, or a `config/_default/` with a Hugo config (where a custom `contentDir` is named).
 */
export async function isSiteRoot(fs: FileSystem, dir: string): Promise<boolean> {
  const entries = await fs.readDirectory(dir);
  const isFolder = (e: (typeof entries)[number]) => e.isDirectory || e.isSymbolicLink;
  if (entries.some((e) => e.name === PROJECT_CONFIG_FILE || HUGO_CONFIG_FILES.includes(e.name) || (e.name === 'content' && isFolder(e)))) return true;
  if (!entries.some((e) => e.name === 'config' && isFolder(e))) return false;
  const inConfigDir = await fs.readDirectory(`${trimSlash(dir)}/${HUGO_CONFIG_DIR}`);
  return inConfigDir.some((e) => HUGO_CONFIG_FILES.includes(e.name));
}

/** The Hugo site a path belongs to: the nearest site root at or above `startDir`, if any. */
export async function findSiteRoot(fs: FileSystem, startDir: string): Promise<string | undefined> {
  for (let dir = trimSlash(startDir) || '/'; ; dir = dirname(dir)) {
    if (await isSiteRoot(fs, dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Reads the site's Hugo config: the first root config file Hugo would use, or else the
 * `config/_default/` directory (its `hugo.*`/`config.*` plus `module.*` as the `module` key).
 * Undefined when the site has none. Never rejects: an unreadable or broken file counts as empty.
 */
export async function readHugoConfig(fs: FileSystem, siteRoot: string): Promise<HugoConfig | undefined> {
  const root = trimSlash(siteRoot);
  const first = async (dir: string, names: readonly string[]): Promise<HugoConfig | undefined> => {
    for (const name of names) {
      const path = `${dir}/${name}`;
      const text = await readText(fs, path);
      if (text !== undefined) return { path, data: parseHugoConfig(name, text) ?? {} };
    }
    return undefined;
  };
  const rootFile = await first(root, HUGO_CONFIG_FILES);
  if (rootFile) return rootFile;
  const configDir = `${root}/${HUGO_CONFIG_DIR}`;
  const [main, module] = await Promise.all([first(configDir, HUGO_CONFIG_FILES), first(configDir, MODULE_CONFIG_FILES)]);
  if (!main && !module) return undefined;
  const data = { ...main?.data };
  if (module && Object.keys(module.data).length) data.module = module.data;
  return { path: main?.path ?? module!.path, data };
}

/**
 * A Hugo config file's text as data (format from the file name), or undefined when it does not
 * parse. Reuses the front matter parser, with its size and nesting limits, by wrapping the text
 * in its format's delimiters.
 */
export function parseHugoConfig(fileName: string, text: string): Record<string, unknown> | undefined {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  const body = text.replace(/^\uFEFF/, '');
  // A YAML file may open with a `---` document marker, which would close the wrapper at once.
  const wrapped = ext === 'toml' ? `+++\n${body}\n+++\n` : ext === 'json' ? body.trimStart() : `---\n${body.replace(/^---[ \t]*\r?\n/, '')}\n---\n`;
  const parsed = parseFrontMatter(wrapped);
  if (parsed.format === null || parsed.errors.length > 0) return undefined;
  return parsed.data;
}

/** The value of `key` in a Hugo config table: Hugo's keys are case-insensitive. */
export function configValue(table: unknown, key: string): unknown {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) return undefined;
  const lower = key.toLowerCase();
  const found = Object.keys(table).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : (table as Record<string, unknown>)[found];
}

async function readText(fs: FileSystem, path: string): Promise<string | undefined> {
  try {
    return decodeUtf8(await fs.readFile(path));
  } catch {
    return undefined;
  }
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}
