import { decodeUtf8, type FileSystem } from '../fs';
import type { TermKeyStyle } from '../tags/termKey';

/**
 * The newest Hugo release whose behaviour the checks follow: the version assumed when a site pins
 * none (the same one page URLs follow). Raise it when a newer release changes what is checked.
 */
export const NEWEST_HUGO = '0.165.0'; // equal to permalinks' NEWEST_HUGO_FOR_URLS (a test holds them together)

/** The Hugo version a site is judged by, and where it was found (for the CLI summary and the editor). */
export interface HugoVersion {
  /** `major.minor.patch`, e.g. `0.122.0`. */
  version: string;
  /** Where it came from, e.g. `netlify.toml (HUGO_VERSION)`, or that it is the default. */
  source: string;
}

export const DEFAULT_HUGO_VERSION: HugoVersion = { version: NEWEST_HUGO, source: 'default: the newest Hugo' };

/** What differs between Hugo versions in what the checks judge. */
export interface HugoRules {
  /** How terms are merged into one (see `termKey`): changed in 0.123. */
  termKeys: TermKeyStyle;
  /**
   * Front matter YAML: `1.1` (gopkg.in/yaml.v2 up to 0.151: `yes`/`no`/`on`/`off` are booleans, a
   * repeated key keeps the last value) or `1.2` (goccy/go-yaml from 0.152: `yes` is text, a
   * repeated key is a syntax error).
   */
  yaml: '1.1' | '1.2';
  /** A date Hugo cannot read: silently dropped up to 0.134, a build error from 0.135. */
  badDates: 'dropped' | 'error';
}

/** The rules of a Hugo version (an unreadable version string counts as the newest). */
export function hugoRules(version: string): HugoRules {
  const v = parseVersion(version) ?? parseVersion(NEWEST_HUGO)!;
  return {
    termKeys: atLeast(v, [0, 123, 0]) ? 'lowercased' : 'urlized',
    yaml: atLeast(v, [0, 152, 0]) ? '1.2' : '1.1',
    badDates: atLeast(v, [0, 135, 0]) ? 'error' : 'dropped',
  };
}

/** `0.122`, `v0.122.0`, `0.146.0-extended`, `extended_0.121.1` → `[0, 122, 0]`…; undefined when no version is there. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const m = /(?:^|[^\d.])v?(\d+)\.(\d+)(?:\.(\d+))?(?![\d.]*\d)/.exec(` ${text.trim()}`);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** A version string as `major.minor.patch`; `latest` (and nothing) as the newest Hugo. */
export function normalizeVersion(text: string): string | undefined {
  if (/^\s*latest\s*$/i.test(text)) return NEWEST_HUGO;
  const v = parseVersion(text);
  return v ? v.join('.') : undefined;
}

function atLeast(v: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

/** A version found in one kind of file, or undefined. */
type Finder = (text: string) => { version: string; what: string } | undefined;

const VERSION = String.raw`["']?v?(\d+\.\d+(?:\.\d+)?|latest)\b`;

/** `HUGO_VERSION = "0.122.0"` (Netlify's build environment). */
const netlify: Finder = (text) => first(text, new RegExp(String.raw`^\s*HUGO_VERSION\s*=\s*${VERSION}`, 'm'), 'HUGO_VERSION');

/** `hugo-version: '0.119.0'` (the common setup action), or a `HUGO_VERSION:` variable. */
const workflow: Finder = (text) =>
  first(text, new RegExp(String.raw`^\s*hugo-version\s*:\s*${VERSION}`, 'm'), 'hugo-version') ??
  first(text, new RegExp(String.raw`^\s*HUGO_VERSION\s*:\s*${VERSION}`, 'm'), 'HUGO_VERSION');

/** `image: hugomods/hugo:0.121.0`, `…/hugo_extended:0.121.0`, or a `HUGO_VERSION:` variable. */
const gitlab: Finder = (text) =>
  first(text, new RegExp(String.raw`^\s*(?:-\s*)?(?:image|name)\s*:\s*["']?[^\s"':]*hugo[^\s"':]*:(?:[a-z]+[-_])?v?(\d+\.\d+(?:\.\d+)?)`, 'mi'), 'image tag') ??
  first(text, new RegExp(String.raw`^\s*HUGO_VERSION\s*:\s*${VERSION}`, 'm'), 'HUGO_VERSION');

/** `hugo 0.121.0` / `hugo extended_0.121.0` in asdf's `.tool-versions`. */
const toolVersions: Finder = (text) => first(text, /^\s*hugo(?:-extended)?\s+(?:extended_)?v?(\d+\.\d+(?:\.\d+)?|latest)\b/m, 'hugo');

/** `hugo = "0.121.0"` (or `hugo-extended`, `"aqua:gohugoio/hugo"`) under mise's `[tools]`. */
const mise: Finder = (text) =>
  first(text, /^\s*["']?(?:[a-z]+:)?(?:gohugoio\/)?hugo(?:-extended)?["']?\s*=\s*["']?(?:extended_)?v?(\d+\.\d+(?:\.\d+)?|latest)\b/m, 'tools.hugo');

/** The `hugo-extended` package (its version is Hugo's), or hugo-bin's `"hugo-bin": { "version": … }`. */
const packageJson: Finder = (text) => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data)) return undefined;
  const bin = data['hugo-bin'];
  if (isRecord(bin) && typeof bin.version === 'string' && normalizeVersion(bin.version)) return { version: bin.version, what: 'hugo-bin.version' };
  for (const deps of ['devDependencies', 'dependencies']) {
    const d = data[deps];
    if (isRecord(d) && typeof d['hugo-extended'] === 'string' && parseVersion(d['hugo-extended'])) return { version: d['hugo-extended'], what: `${deps}.hugo-extended` };
  }
  return undefined;
};

function first(text: string, re: RegExp, what: string): { version: string; what: string } | undefined {
  const m = re.exec(text);
  return m && normalizeVersion(m[1]) ? { version: m[1], what } : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The version a site's Hugo config asks for at least: `module.hugoVersion.min`. */
export function configHugoVersion(data: Record<string, unknown> | undefined): string | undefined {
  const module = lower(data)?.module;
  const min = lower(lower(module)?.hugoversion)?.min;
  return typeof min === 'string' && normalizeVersion(min) ? normalizeVersion(min) : undefined;
}

function lower(v: unknown): Record<string, unknown> | undefined {
  if (!isRecord(v)) return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]));
}

/**
 * Where sites pin the Hugo that builds them, in the order they are believed: the build
 * environment first (what really runs), a declared minimum last.
 */
const PINS: readonly { file: string; find: Finder }[] = [
  { file: 'netlify.toml', find: netlify },
  { file: '.github/workflows', find: workflow },
  { file: '.gitlab-ci.yml', find: gitlab },
  { file: 'package.json', find: packageJson },
  { file: '.tool-versions', find: toolVersions },
  { file: '.mise.toml', find: mise },
  { file: 'mise.toml', find: mise },
];

/** How many folders above the site root are searched (a site in a subfolder of its repository). */
const MAX_LEVELS_UP = 3;

/**
 * The Hugo version a site pins, looked for in the site root and the folders above it up to the
 * repository root (the folder with `.git`): build files first, then `module.hugoVersion.min` of
 * the site config (`hugoConfig`, already read). Undefined when nothing pins one. Never rejects.
 */
export async function detectHugoVersion(fs: FileSystem, siteRoot: string, hugoConfig?: { path: string; data: Record<string, unknown> }): Promise<HugoVersion | undefined> {
  let dir = siteRoot.replace(/\/+$/, '') || '/';
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const found = await pinnedIn(fs, dir);
    if (found) return found;
    const entries = await fs.readDirectory(dir).catch(() => []);
    if (entries.some((e) => e.name === '.git')) break;
    const up = dir.slice(0, dir.lastIndexOf('/')) || '/';
    if (up === dir) break;
    dir = up;
  }
  const min = configHugoVersion(hugoConfig?.data);
  if (min) return { version: min, source: `${baseName(hugoConfig!.path)} (module.hugoVersion.min)` };
  return undefined;
}

async function pinnedIn(fs: FileSystem, dir: string): Promise<HugoVersion | undefined> {
  for (const pin of PINS) {
    const paths = pin.file === '.github/workflows' ? await workflowFiles(fs, `${dir}/.github/workflows`) : [`${dir}/${pin.file}`];
    for (const path of paths) {
      const text = await fs.readFile(path).then(decodeUtf8, () => undefined);
      const hit = text === undefined ? undefined : pin.find(text);
      if (hit) return { version: normalizeVersion(hit.version)!, source: `${path.slice(dir.length + 1)} (${hit.what})` };
    }
  }
  return undefined;
}

async function workflowFiles(fs: FileSystem, dir: string): Promise<string[]> {
  const entries = await fs.readDirectory(dir).catch(() => []);
  return entries
    .filter((e) => !e.isDirectory && /\.ya?ml$/i.test(e.name))
    .map((e) => `${dir}/${e.name}`)
    .sort();
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A version given in a setting or `.devops-notes.json`, checked; undefined (with why) when unusable. */
export function readVersionSetting(value: unknown): { version?: string; problem?: string } {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'string') return { problem: 'The Hugo version must be text such as "0.122.0" or "latest"' };
  const version = normalizeVersion(value);
  return version ? { version } : { problem: `"${value}" is not a Hugo version (write e.g. "0.122.0" or "latest")` };
}
