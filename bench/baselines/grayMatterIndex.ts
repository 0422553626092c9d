import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { listMarkdownFiles } from '../lib/walk';

/**
 * Baseline (b): the common way extensions index front matter, as Front Matter CMS does it — read
 * each file whole as a string, pick the language from its first characters, and hand it to
 * gray-matter (a TOML parser for `+++`). Bare `{ }` JSON is not recognised by that approach
 * (gray-matter looks for `---`), which only makes this baseline do less work than a complete
 * index. Two variants, both measured in every round: gray-matter's own YAML engine (js-yaml, what
 * a plain `matter(text)` uses) and the `yaml` package as the engine (Front Matter CMS's choice).
 * Both read with `readFileSync` in a loop: their work is parsing on one thread, and blocking reads
 * from a warm page cache are the fastest way to feed it (the whole-file floor measures the others).
 */
export const GRAY_MATTER_VARIANTS = ['js-yaml', 'yaml'] as const;
export type GrayMatterVariant = (typeof GRAY_MATTER_VARIANTS)[number];

export const GRAY_MATTER_LABELS: Record<GrayMatterVariant, string> = {
  'js-yaml': "gray-matter's default YAML engine (js-yaml)",
  yaml: 'gray-matter with the yaml package',
};

const toml = { parse: (s: string) => parseToml(s) as object, stringify: () => '' };
const ENGINES: Record<GrayMatterVariant, Record<string, { parse: (s: string) => object; stringify: () => string }>> = {
  // gray-matter merges these over its defaults: YAML stays its own js-yaml engine.
  'js-yaml': { toml },
  yaml: { yaml: { parse: (s: string) => parseYaml(s) as object, stringify: () => '' }, toml },
};

export interface TagMap {
  tags: Map<string, Set<string>>;
  categories: Map<string, Set<string>>;
  posts: number;
  failed: number;
}

function add(map: Map<string, Set<string>>, values: unknown, file: string): void {
  if (!Array.isArray(values)) return;
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const key = v.toLowerCase();
    let files = map.get(key);
    if (!files) map.set(key, (files = new Set()));
    files.add(file);
  }
}

export async function grayMatterIndex(contentRoot: string, variant: GrayMatterVariant): Promise<TagMap> {
  const files = await listMarkdownFiles(contentRoot);
  const result: TagMap = { tags: new Map(), categories: new Map(), posts: 0, failed: 0 };
  const engines = ENGINES[variant];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const language = text.startsWith('+++') ? 'toml' : text.startsWith('{') ? 'json' : 'yaml';
    const delimiters = language === 'toml' ? '+++' : '---';
    let data: Record<string, unknown>;
    try {
      // Options are always passed: gray-matter caches results by text only when called without them.
      data = matter(text, { engines, language, delimiters }).data;
    } catch {
      result.failed++;
      continue;
    }
    result.posts++;
    add(result.tags, data.tags, file);
    add(result.categories, data.categories, file);
  }
  return result;
}
