import { parseFrontMatter, type FieldNode, type ValueNode } from '../frontmatter';
import { decodeUtf8, type FileSystem } from '../fs';
import { frontMatterHead } from '../frontmatter/locate';
import { findPostFiles } from '../index/scanner';
import { forEachLimited } from '../index/timeSlicer';
import { configValue } from './hugoConfig';
import { siteDirsFrom } from './siteDirs';

/**
 * What a Markdown file is to Hugo:
 * - `page`: a regular page; `list`: a section's `_index.md`;
 * - `unrendered`: a page Hugo reads but does not publish (`headless: true`, `build: {render: never}`,
 *   either set on it or through a `cascade` above it): it needs no title or date;
 * - `resource`: a file inside a leaf bundle (a folder with `index.md`): a resource of that page, not a page;
 * - `outside`: not in any content folder of the site (an archetype, a README): not a page at all.
 */
export type PageRole = 'page' | 'list' | 'unrendered' | 'resource' | 'outside';

export interface PageInfo {
  role: PageRole;
  /** Hugo's section for the archetype: the first folder below the content folder ('' at its top). */
  section: string;
  /** Whether the file is a leaf bundle's `index.*`. */
  bundleIndex: boolean;
}

/** The front matter of Hugo's own archetype, used when neither the site nor its theme has one (create/content.go, DefaultArchetypeTemplateTemplate). */
export const BUILT_IN_ARCHETYPE_KEYS: readonly string[] = Object.freeze(['title', 'date', 'draft']);

/** Archetype keys never required: `draft: true` is the switch an author flips to publish. */
const NEVER_REQUIRED = new Set(['draft']);

/** How many pages of a section carry each field (lowercased, non-empty). */
export interface SectionUsage {
  pages: number;
  carried: Map<string, number>;
}

/** Where a required field's rule came from, for messages. */
export interface SectionConvention {
  /** The archetype Hugo would use for new pages of the section (site-relative path), or undefined for Hugo's built-in one. */
  archetype?: string;
  archetypeKeys: string[];
  required: string[];
  /** Keys at least half of the section's pages carry: the site's own fields, not typos. */
  commonKeys: string[];
  usage: SectionUsage;
}

const INDEX_NAME = /^index\.(md|markdown|html?)$/i;
const LIST_NAME = /^_index\.[^./]+$/i;

/**
 * A Hugo site's pages as Hugo sorts them: which files are pages, and which fields each section's
 * pages are expected to carry (the site's own convention, see {@link conventionFor}).
 */
export class SitePages {
  /** Required fields by section, filled by {@link loadSitePages}. */
  readonly conventions = new Map<string, SectionConvention>();

  constructor(
    /** Absolute site root, forward slashes, no trailing slash. */
    readonly root: string,
    /** Absolute content folders (existing ones; the site root when it names none that exists). */
    readonly contentDirs: readonly string[],
    /** Folders (absolute) that are leaf bundles: every other file below them is a resource. */
    readonly leafBundles: ReadonlySet<string>,
    /** Folders (absolute) below which a `cascade` turns rendering off. */
    readonly unrenderedFolders: ReadonlySet<string>,
    private readonly archetypeOf: (section: string, bundle: boolean) => { path?: string; keys: string[] },
  ) {}

  /** What the file at `filePath` (absolute, forward slashes) is to Hugo. */
  pageInfo(filePath: string): PageInfo {
    const dir = this.contentDirs.filter((d) => filePath.startsWith(`${d}/`)).sort((a, b) => b.length - a.length)[0];
    if (dir === undefined) return { role: 'outside', section: '', bundleIndex: false };
    const rel = filePath.slice(dir.length + 1);
    const parts = rel.split('/');
    const name = parts[parts.length - 1];
    const section = parts.length > 1 ? parts[0] : '';
    const bundleIndex = INDEX_NAME.test(name);
    // Ancestors from the content folder down: a leaf bundle above (or around) the file owns it.
    let folder = dir;
    for (let i = 0; i < parts.length - 1; i++) {
      folder = `${folder}/${parts[i]}`;
      const isOwnFolder = i === parts.length - 2;
      if (this.leafBundles.has(folder) && !(isOwnFolder && bundleIndex)) return { role: 'resource', section, bundleIndex: false };
    }
    if (this.isUnrenderedFolder(dir, parts)) return { role: 'unrendered', section, bundleIndex };
    return { role: LIST_NAME.test(name) ? 'list' : 'page', section, bundleIndex };
  }

  /** The fields a page of `section` must carry by the site's convention (see {@link conventionFor}). */
  requiredFields(section: string): string[] {
    return this.convention(section).required;
  }

  /** Whether the pages' fields were counted (see `LoadSitePagesOptions.learnUsage`). */
  learned = false;

  convention(section: string): SectionConvention {
    let c = this.conventions.get(section);
    if (!c) {
      const archetype = this.archetypeOf(section, false);
      c = conventionFor(archetype.keys, { pages: 0, carried: new Map() }, archetype.path);
      this.conventions.set(section, c);
    }
    return c;
  }

  private isUnrenderedFolder(dir: string, parts: string[]): boolean {
    if (this.unrenderedFolders.size === 0) return false;
    let folder = dir;
    if (this.unrenderedFolders.has(folder)) return true;
    for (let i = 0; i < parts.length - 1; i++) {
      folder = `${folder}/${parts[i]}`;
      if (this.unrenderedFolders.has(folder)) return true;
    }
    return false;
  }
}

/**
 * The fields a section's pages must carry: those the archetype Hugo would use for the section
 * sets (except `draft`), and of those only the ones that at least half of the section's pages
 * carry. A docs section whose pages have no dates needs no date; a blog whose posts all have one
 * does. A section without pages yet takes the archetype as it is.
 */
export function conventionFor(archetypeKeys: readonly string[], usage: SectionUsage, archetype?: string): SectionConvention {
  const candidates = archetypeKeys.map((k) => k.toLowerCase()).filter((k) => !NEVER_REQUIRED.has(k));
  const required = usage.pages === 0 ? candidates : candidates.filter((k) => (usage.carried.get(k) ?? 0) * 2 >= usage.pages);
  const commonKeys = [...usage.carried].filter(([, n]) => n * 2 >= usage.pages).map(([k]) => k);
  return { archetype, archetypeKeys: [...archetypeKeys], required, commonKeys, usage };
}

/** Whether front matter fields turn rendering off: `headless: true`, or `build`/`_build` with `render: never` (or false, the old form). */
export function rendersNever(fields: readonly FieldNode[]): boolean {
  for (const f of fields) {
    const key = f.key.toLowerCase();
    if (key === 'headless' && isTrue(f.value)) return true;
    if ((key === 'build' || key === '_build') && f.value.kind === 'mapping') {
      const render = f.value.entries?.find((e) => e.key.toLowerCase() === 'render');
      if (render && isNever(render.value)) return true;
    }
  }
  return false;
}

/** Whether a `cascade` (a mapping, or a list of them) turns rendering off for the pages below, for every target. */
export function cascadeRendersNever(fields: readonly FieldNode[]): boolean {
  const cascade = fields.find((f) => f.key.toLowerCase() === 'cascade')?.value;
  if (!cascade) return false;
  const entries = cascade.kind === 'mapping' ? [cascade] : cascade.kind === 'sequence' ? (cascade.items ?? []) : [];
  // An entry with a `_target`/`target` applies to some pages only: those are still checked.
  return entries.some((e) => e.kind === 'mapping' && !(e.entries ?? []).some((x) => /^_?target$/i.test(x.key)) && rendersNever(e.entries ?? []));
}

function isTrue(v: ValueNode): boolean {
  return v.kind === 'scalar' && (v.value === true || (typeof v.value === 'string' && /^(1|t|true)$/i.test(v.value)));
}

function isNever(v: ValueNode): boolean {
  if (v.kind !== 'scalar') return false;
  return v.value === false || (typeof v.value === 'string' && /^(never|false)$/i.test(v.value));
}

/** Bytes read at most from each page to learn its fields: front matter sits at the start. */
const PREFIX_BYTES = 64 * 1024;

/** Options for {@link loadSitePages}. */
export interface LoadSitePagesOptions {
  /** Count which fields the pages carry (reads the start of every page); without it the archetype alone decides. */
  learnUsage?: boolean;
}

/**
 * Reads a site's pages: its content folders (as its Hugo config names them), its leaf bundles,
 * the folders a `cascade` stops rendering, and, with `learnUsage`, which fields each section's
 * pages carry. Never rejects: unreadable files count as pages without fields.
 */
export async function loadSitePages(fs: FileSystem, siteRoot: string, hugoConfig: Record<string, unknown> | undefined, options: LoadSitePagesOptions = {}): Promise<SitePages> {
  const root = siteRoot.replace(/\/+$/, '');
  const named = siteDirsFrom(hugoConfig).contentDirs.map((d) => (d === '.' ? root : `${root}/${d}`));
  const existing: string[] = [];
  for (const d of named) if ((await fs.stat(d))?.isDirectory) existing.push(d);
  // A site that has none of its content folders (a plain folder of notes): the folder is its content.
  const contentDirs = existing.length ? existing : [root];
  const files: string[] = [];
  for (const dir of contentDirs) {
    for (const f of await findPostFiles(fs, dir, { include: ['**/*.{md,markdown}'], contentFolders: [''] })) files.push(f);
  }
  const leafBundles = new Set<string>();
  for (const f of files) if (INDEX_NAME.test(f.slice(f.lastIndexOf('/') + 1))) leafBundles.add(f.slice(0, f.lastIndexOf('/')));
  const unrendered = new Set<string>();
  for (const f of files) {
    if (!LIST_NAME.test(f.slice(f.lastIndexOf('/') + 1))) continue;
    if (cascadeRendersNever(await readFields(fs, f))) unrendered.add(f.slice(0, f.lastIndexOf('/')));
  }
  const archetypes = await archetypeReader(fs, root, hugoConfig);
  const pages = new SitePages(root, contentDirs, leafBundles, unrendered, archetypes);
  if (options.learnUsage) {
    const usage = new Map<string, SectionUsage>();
    const sample = sampleBySection(pages, files);
    const read = new Array<readonly FieldNode[]>(sample.length);
    await forEachLimited(sample, 16, async (f, i) => {
      read[i] = await readFields(fs, f);
    });
    for (let i = 0; i < sample.length; i++) {
      const f = sample[i];
      const fields = read[i];
      if (rendersNever(fields)) continue;
      const info = pages.pageInfo(f);
      let u = usage.get(info.section);
      if (!u) usage.set(info.section, (u = { pages: 0, carried: new Map() }));
      u.pages++;
      for (const key of new Set(fields.filter((x) => !isBlank(x.value)).map((x) => x.key.toLowerCase()))) u.carried.set(key, (u.carried.get(key) ?? 0) + 1);
    }
    pages.learned = true;
    for (const [section, u] of usage) {
      const a = archetypes(section, false);
      pages.conventions.set(section, conventionFor(a.keys, u, a.path));
    }
  }
  return pages;
}

/**
 * At most this many pages per section are read to learn what its pages carry, spread evenly over
 * its files in path order (the same ones every time): "at least half" is as clear from 400 pages
 * as from 10,000, and a big site's check does not read every page twice.
 */
export const USAGE_SAMPLE = 400;

/** The regular pages of each section, thinned to {@link USAGE_SAMPLE} evenly spaced ones. */
function sampleBySection(pages: SitePages, files: readonly string[]): string[] {
  const bySection = new Map<string, string[]>();
  for (const f of files) {
    const info = pages.pageInfo(f);
    if (info.role !== 'page') continue;
    let list = bySection.get(info.section);
    if (!list) bySection.set(info.section, (list = []));
    list.push(f);
  }
  const out: string[] = [];
  for (const list of bySection.values()) {
    list.sort();
    if (list.length <= USAGE_SAMPLE) out.push(...list);
    else for (let i = 0; i < USAGE_SAMPLE; i++) out.push(list[Math.floor((i * list.length) / USAGE_SAMPLE)]);
  }
  return out;
}

function isBlank(v: ValueNode): boolean {
  return v.kind === 'scalar' && (v.value === null || v.value === undefined || (typeof v.value === 'string' && v.value.trim() === '' && v.scalarType !== 'date'));
}

/** A page's top-level fields, from the start of the file (a longer read when the block goes on). */
async function readFields(fs: FileSystem, path: string): Promise<readonly FieldNode[]> {
  try {
    for (const size of [FIRST_READ_BYTES, PREFIX_BYTES]) {
      const { bytes, complete } = fs.readPrefixSync ? fs.readPrefixSync(path, size) : await fs.readPrefix(path, size);
      const head = frontMatterHead(bytes);
      if (head === undefined && !complete && size < PREFIX_BYTES) continue;
      return parseFrontMatter(head?.text ?? decodeUtf8(bytes)).fields;
    }
  } catch {
    // Unreadable: a page without fields.
  }
  return [];
}

/** Most front matter fits in the first read. */
const FIRST_READ_BYTES = 4096;

/**
 * The archetype Hugo's `hugo new content` would use for a page of a section, and the keys its
 * front matter sets: `archetypes/<section>.md` (for a bundle `archetypes/<section>/index.md`
 * first), else `archetypes/default.md`, looked up in the site and then in its themes
 * (create/content.go, setArcheTypeFilenameToUse; the archetypes folders form one union), else
 * Hugo's built-in one. Read once per file.
 */
async function archetypeReader(fs: FileSystem, root: string, hugoConfig: Record<string, unknown> | undefined): Promise<(section: string, bundle: boolean) => { path?: string; keys: string[] }> {
  const dirs = [`${root}/archetypes`];
  const themesDir = typeof configValue(hugoConfig, 'themesDir') === 'string' ? String(configValue(hugoConfig, 'themesDir')).replace(/\/+$/, '') : 'themes';
  const theme = configValue(hugoConfig, 'theme');
  for (const t of Array.isArray(theme) ? theme : theme === undefined ? [] : [theme]) {
    if (typeof t === 'string' && t && !t.includes('..')) dirs.push(`${themesDir.startsWith('/') ? '' : `${root}/`}${themesDir}/${t}/archetypes`);
  }
  // Every archetype file there is, read now: lookups are then synchronous.
  const found = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const e of await fs.readDirectory(dir)) {
      const candidates = e.isDirectory ? [`${e.name}/index.md`] : /\.(md|markdown)$/i.test(e.name) ? [e.name] : [];
      for (const c of candidates) {
        const path = `${dir}/${c}`;
        if (found.has(`${dir}|${c}`)) continue;
        try {
          found.set(`${dir}|${c}`, archetypeKeys(decodeUtf8(await fs.readFile(path))));
        } catch {
          // A bundle archetype without index.md: not a page archetype.
        }
      }
    }
  }
  return (section, bundle) => {
    const names = [...(section ? (bundle ? [`${section}/index.md`, `${section}.md`] : [`${section}.md`]) : []), ...(bundle ? ['default/index.md'] : []), 'default.md'];
    for (const name of names) {
      for (const dir of dirs) {
        const keys = found.get(`${dir}|${name}`);
        if (keys) return { path: `${dir}/${name}`.slice(root.length + 1), keys };
      }
    }
    return { keys: [...BUILT_IN_ARCHETYPE_KEYS] };
  };
}

/**
 * The top-level keys an archetype's front matter sets. Archetypes are Go templates: each
 * `{{ … }}` action is read as a plain value first (`date: {{ .Date }}`), so the front matter parses.
 */
export function archetypeKeys(text: string): string[] {
  const plain = text.replace(/\{\{[\s\S]*?\}\}/g, '0');
  const parsed = parseFrontMatter(plain);
  if (parsed.errors.length === 0) return [...new Set(parsed.fields.map((f) => f.key))];
  // Still broken (an action that builds a list): top-level `key:` / `key =` lines.
  const keys = new Set<string>();
  let inTable = false;
  for (const line of plain.slice(parsed.contentStart, parsed.contentEnd).split('\n')) {
    // A TOML `[table]` is a top-level key; the keys below it are its own.
    const table = /^\[+\s*(?:"([^"]+)"|([A-Za-z_][\w-]*))/.exec(line);
    if (table && parsed.format === 'toml') {
      keys.add(table[1] ?? table[2]);
      inTable = true;
      continue;
    }
    const m = inTable ? null : /^(?:"([^"]+)"|([A-Za-z_][\w-]*))\s*[:=]/.exec(line);
    if (m) keys.add(m[1] ?? m[2]);
  }
  return [...keys];
}
