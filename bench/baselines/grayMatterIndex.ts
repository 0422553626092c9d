import { promises as fs } from 'node:fs';
import matter from 'gray-matter';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { forEachLimited } from '../lib/pool';
import { listMarkdownFiles } from '../lib/walk';

/**
 * Baseline (b): the common way extensions index front matter, as Front Matter CMS does it — read
 * each file whole as a string, pick the language from its first characters, and hand it to
 * gray-matter with the `yaml` package as the YAML engine (a TOML parser for `+++`). Bare `{ }`
 * JSON is not recognised by that approach (gray-matter looks for `---`), which only makes this
 * baseline do less work than a complete index.
 */
const engines = {
  yaml: { parse: (s: string) => parseYaml(s) as object, stringify: () => '' },
  toml: { parse: (s: string) => parseToml(s) as object, stringify: () => '' },
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

export async function grayMatterIndex(contentRoot: string, concurrency: number): Promise<TagMap> {
  const files = await listMarkdownFiles(contentRoot);
  const result: TagMap = { tags: new Map(), categories: new Map(), posts: 0, failed: 0 };
  await forEachLimited(files, concurrency, async (file) => {
    const text = await fs.readFile(file, 'utf8');
    const language = text.startsWith('+++') ? 'toml' : text.startsWith('{') ? 'json' : 'yaml';
    const delimiters = language === 'toml' ? '+++' : '---';
    let data: Record<string, unknown>;
    try {
      data = matter(text, { engines, language, delimiters }).data;
    } catch {
      result.failed++;
      return;
    }
    result.posts++;
    add(result.tags, data.tags, file);
    add(result.categories, data.categories, file);
  });
  return result;
}
