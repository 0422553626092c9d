import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CATEGORIES, TAG_VOCABULARY, WORDS, caseVariant, markdownBody } from './corpus';
import { Prng, postSeed } from './prng';

/**
 * Synthetic Hugo sites for the benchmarks. Every post is a pure function of (seed, post number),
 * so a site is the same on every machine. Bump GENERATOR_VERSION whenever the output changes:
 * cached sites are regenerated only when their stamp's version or seed differs.
 */
export const GENERATOR_VERSION = 4;
export const DEFAULT_SEED = 0x5eed_2024;
export const SITES_DIR = path.join(__dirname, 'sites');
const STAMP_FILE = '.bench-site.json';

export type FrontMatterKind = 'yaml' | 'toml' | 'json';
export type BrokenKind = 'bad-yaml' | 'unterminated' | 'bad-date' | 'bad-toml' | 'unterminated-json';
const BROKEN_KINDS: readonly BrokenKind[] = ['bad-yaml', 'unterminated', 'bad-date', 'bad-toml', 'unterminated-json'];

/** One generated post and what was put in it (the unit tests and benchmarks check against this). */
export interface SyntheticPost {
  /** Path relative to the site root, forward slashes. */
  relPath: string;
  text: string;
  format: FrontMatterKind;
  /** Set for the few posts that are broken on purpose. */
  broken?: BrokenKind;
  tags: string[];
  categories: string[];
  draft: boolean;
  /** Files beside a page bundle's index.md. */
  assets: { relPath: string; bytes: Uint8Array }[];
}

/** Every 397th post is broken on purpose, cycling through the kinds of breakage. */
function brokenKindOf(postNumber: number): BrokenKind | undefined {
  if (postNumber % 397 !== 200) return undefined;
  return BROKEN_KINDS[Math.floor(postNumber / 397) % BROKEN_KINDS.length];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Dates in the shapes Hugo accepts (mostly RFC 3339 with an offset, as Hugo writes them). */
function dateValue(rng: Prng, year: number): { text: string; quotedInYaml: boolean } {
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const time = `${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
  const day10 = `${year}-${pad(month)}-${pad(day)}`;
  const r = rng.next();
  if (r < 0.55) return { text: `${day10}T${time}${rng.pick(['+02:00', '-07:00', '+00:00', '+01:00'])}`, quotedInYaml: false };
  if (r < 0.75) return { text: `${day10}T${time}+02:00`, quotedInYaml: true };
  if (r < 0.9) return { text: day10, quotedInYaml: false };
  return { text: `${day10}T${time}Z`, quotedInYaml: false };
}

function title(rng: Prng, tags: string[]): string {
  const words: string[] = [];
  for (let i = rng.int(2, 6); i > 0; i--) words.push(rng.pick(WORDS));
  const phrase = words.join(' ');
  const t = `${tags[0]}: ${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}`;
  return rng.chance(0.2) ? `${t} — "${rng.pick(WORDS)}" edition` : t;
}

function pickDistinct(rng: Prng, count: number, from: readonly string[], skewed: boolean): string[] {
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(skewed ? rng.pickSkewed(from) : rng.pick(from));
  return [...chosen];
}

interface Fields {
  title: string;
  date: { text: string; quotedInYaml: boolean };
  draft: boolean;
  description: string;
  tags: string[];
  categories: string[];
  author: string;
  toc: boolean;
  weight?: number;
  slug?: string;
}

const q = (s: string): string => JSON.stringify(s);

function yamlFrontMatter(rng: Prng, f: Fields, broken: BrokenKind | undefined): string {
  const lines = ['---', `title: ${q(f.title)}`];
  if (broken === 'bad-date') lines.push(`date: ${rng.pick(['2023-13-45', '"yesterday"', '15/10/2023', '2021-02-30T25:61:00'])}`);
  else lines.push(`date: ${f.date.quotedInYaml ? q(f.date.text) : f.date.text}`);
  if (rng.chance(0.3)) lines.push(`lastmod: ${f.date.text.slice(0, 10)}`);
  lines.push(`draft: ${f.draft}`);
  lines.push(rng.chance(0.5) ? `description: ${q(f.description)}` : `description: '${f.description.replace(/'/g, "''")}'`);
  if (rng.chance(0.6)) {
    lines.push('tags:', ...f.tags.map((t) => `  - ${t}`));
  } else {
    lines.push(`tags: [${f.tags.join(', ')}]`);
  }
  lines.push('categories:', ...f.categories.map((c) => `  - ${q(c)}`));
  lines.push(`author: ${f.author}`, `toc: ${f.toc}`);
  if (f.weight !== undefined) lines.push(`weight: ${f.weight}`);
  if (f.slug) lines.push(`slug: ${f.slug}`);
  if (rng.chance(0.3)) lines.push('params:', `  cover: /images/${f.slug ?? 'cover'}.png`, '  series: notes');
  if (broken === 'bad-yaml') {
    // Typical hand-editing slips: an unclosed quote, a tab in the indentation, a stray flow list.
    const slip = rng.pick(['summary: "this quote never closes', 'tags:\n\t- tabbed', 'keywords: [docker, buildkit']);
    lines.push(slip);
  }
  if (broken !== 'unterminated') lines.push('---');
  return lines.join('\n') + '\n';
}

function tomlFrontMatter(rng: Prng, f: Fields, broken: BrokenKind | undefined): string {
  const lines = ['+++', `title = ${q(f.title)}`];
  lines.push(rng.chance(0.7) ? `date = ${f.date.text}` : `date = ${q(f.date.text)}`);
  lines.push(`draft = ${f.draft}`, `description = ${q(f.description)}`);
  lines.push(broken === 'bad-toml' ? `tags = [${f.tags.map(q).join(', ')}` : `tags = [${f.tags.map(q).join(', ')}]`);
  lines.push(`categories = [${f.categories.map(q).join(', ')}]`, `toc = ${f.toc}`);
  if (f.weight !== undefined) lines.push(`weight = ${f.weight}`);
  lines.push('[params]', `author = ${q(f.author)}`);
  if (broken !== 'unterminated') lines.push('+++');
  return lines.join('\n') + '\n';
}

function jsonFrontMatter(f: Fields, broken: BrokenKind | undefined): string {
  const data: Record<string, unknown> = {
    title: f.title,
    date: f.date.text,
    draft: f.draft,
    description: f.description,
    tags: f.tags,
    categories: f.categories,
    author: f.author,
  };
  const json = JSON.stringify(data, null, 2);
  // An unterminated object: the closing brace was deleted.
  return (broken === 'unterminated-json' ? json.slice(0, -1) : json) + '\n';
}

/** Bytes of a tiny stand-in PNG (signature, then filler with NULs) for page bundles. */
function fakePng(rng: Prng): Uint8Array {
  const bytes = new Uint8Array(rng.int(200, 2000));
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < bytes.length; i++) bytes[i] = rng.chance(0.2) ? 0 : rng.int(1, 255);
  return bytes;
}

/** Generates post number `postNumber` of a site with `seed`, independently of the others. */
export function generatePost(seed: number, postNumber: number): SyntheticPost {
  const rng = new Prng(postSeed(seed, postNumber));
  const broken = brokenKindOf(postNumber);
  let format: FrontMatterKind;
  if (broken === 'bad-toml') format = 'toml';
  else if (broken === 'unterminated-json') format = 'json';
  else if (broken === 'bad-yaml' || broken === 'bad-date') format = 'yaml';
  else {
    const r = rng.next();
    format = r < 0.85 ? 'yaml' : r < 0.95 ? 'toml' : 'json';
  }
  const tags = pickDistinct(rng, rng.int(3, 15), TAG_VOCABULARY, true).map((t) => caseVariant(rng, t));
  const categories = pickDistinct(rng, rng.int(1, 2), CATEGORIES, false);
  const year = rng.int(2015, 2025);
  const slugBase = `${tags[0].toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${rng.pick(WORDS)}-${postNumber}`;
  const fields: Fields = {
    title: title(rng, tags),
    date: dateValue(rng, year),
    draft: rng.chance(0.1),
    description: `Notes on ${tags.slice(0, 2).join(' and ')}: ${rng.pick(WORDS)} ${rng.pick(WORDS)} ${rng.pick(WORDS)}'s ${rng.pick(WORDS)}.`,
    tags,
    categories,
    author: rng.pick(['Alex Doe', 'Sam Roe', 'Kim Lee', 'Jo Park']),
    toc: rng.chance(0.5),
    weight: rng.chance(0.1) ? rng.int(1, 100) : undefined,
    slug: rng.chance(0.2) ? slugBase : undefined,
  };
  const frontMatter =
    format === 'yaml' ? yamlFrontMatter(rng, fields, broken) : format === 'toml' ? tomlFrontMatter(rng, fields, broken) : jsonFrontMatter(fields, broken);
  const section = rng.next();
  const bundle = section < 0.7 && rng.chance(0.06);
  const imageSrc = (): string => (bundle ? `${slugBase}-diagram.png` : `/images/diagram-${rng.int(0, STATIC_IMAGES - 1)}.png`);
  const body = markdownBody(rng, rng.int(2048, 20480), imageSrc);
  let relPath: string;
  const assets: SyntheticPost['assets'] = [];
  if (section < 0.7) {
    relPath = bundle ? `content/posts/${year}/${slugBase}/index.md` : `content/posts/${year}/${slugBase}.md`;
    if (bundle) assets.push({ relPath: `content/posts/${year}/${slugBase}/${slugBase}-diagram.png`, bytes: fakePng(rng) });
  } else {
    relPath = `content/${section < 0.9 ? 'notes' : 'til'}/${slugBase}.md`;
  }
  return { relPath, text: `${frontMatter}\n${body}`, format, broken, tags, categories, draft: fields.draft, assets };
}

/** Shared images under static/images/ that posts outside bundles show. */
const STATIC_IMAGES = 20;

/** Section pages, site config and static images: what a real Hugo site has besides posts. */
function siteFiles(seed: number): { relPath: string; text: string | Uint8Array }[] {
  const rng = new Prng(seed);
  const images = Array.from({ length: STATIC_IMAGES }, (_, k) => ({ relPath: `static/images/diagram-${k}.png`, text: fakePng(rng) }));
  return [
    ...images,
    { relPath: 'hugo.toml', text: 'baseURL = "https://example.com/"\ntitle = "Synthetic DevOps Notes"\n[taxonomies]\ntag = "tags"\ncategory = "categories"\n' },
    { relPath: 'content/posts/_index.md', text: '---\ntitle: Posts\n---\n' },
    { relPath: 'content/notes/_index.md', text: '---\ntitle: Notes\n---\n' },
    { relPath: 'content/til/_index.md', text: '---\ntitle: Today I learned\n---\n' },
  ];
}

interface SiteStamp {
  generatorVersion: number;
  seed: number;
  posts: number;
  bytes: number;
}

export function siteDir(posts: number): string {
  return path.join(SITES_DIR, String(posts));
}

/** Writes a site of `posts` posts unless an identical one (same version and seed) is cached. */
export function ensureSite(posts: number, seed = DEFAULT_SEED): { dir: string; generated: boolean; bytes: number } {
  const dir = siteDir(posts);
  const stampPath = path.join(dir, STAMP_FILE);
  if (existsSync(stampPath)) {
    try {
      const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as SiteStamp;
      if (stamp.generatorVersion === GENERATOR_VERSION && stamp.seed === seed && stamp.posts === posts) {
        return { dir, generated: false, bytes: stamp.bytes };
      }
    } catch {
      // A torn stamp: regenerate.
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const made = new Set<string>();
  const write = (rel: string, data: string | Uint8Array): number => {
    const file = path.join(dir, rel);
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(file, data);
    return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  };
  let bytes = 0;
  for (const f of siteFiles(seed)) bytes += write(f.relPath, f.text);
  for (let i = 0; i < posts; i++) {
    const post = generatePost(seed, i);
    bytes += write(post.relPath, post.text);
    for (const a of post.assets) write(a.relPath, a.bytes);
  }
  // The stamp goes last, so an interrupted run regenerates.
  const stamp: SiteStamp = { generatorVersion: GENERATOR_VERSION, seed, posts, bytes };
  writeFileSync(stampPath, JSON.stringify(stamp) + '\n');
  return { dir, generated: true, bytes };
}

/**
 * Takes a site's stamp away while a benchmark edits its posts, and returns a function that puts
 * it back: if the run dies mid-edit, the next run regenerates the site instead of trusting it.
 */
export function markSiteEditing(dir: string): () => void {
  const stampPath = path.join(dir, STAMP_FILE);
  const aside = `${stampPath}.editing`;
  if (existsSync(stampPath)) renameSync(stampPath, aside);
  return () => {
    if (existsSync(aside)) renameSync(aside, stampPath);
  };
}

/** A single post of about `bytes` (front matter, prose, fences, shortcodes) for render timings. */
export function largePost(bytes: number, seed = DEFAULT_SEED): string {
  const head = generatePost(seed, 1).text.split('\n\n')[0];
  const rng = new Prng(postSeed(seed, bytes));
  return `${head}\n\n${markdownBody(rng, bytes - head.length, () => '/images/diagram-0.png')}`;
}

// Run as a script (`npm run bench:sites`), not when bundled into the bench worker.
if (require.main === module && /generate\.ts$/.test(process.argv[1] ?? '')) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  for (const n of sizes.length ? sizes : [1000, 10000, 50000]) {
    const started = Date.now();
    const r = ensureSite(n);
    const mb = (r.bytes / 1e6).toFixed(0);
    process.stdout.write(`${n} posts: ${r.generated ? `generated in ${Date.now() - started} ms` : 'cached'} (${mb} MB) at bench/sites/${n}\n`);
  }
}
