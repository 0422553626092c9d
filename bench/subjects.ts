import MarkdownIt from 'markdown-it';
import { PostRenderer, type ImageResolution, type RefResolution, type ResolvedResources } from '../src/core/render';
import { createMarkdown } from '../src/core/render/markdown';
import { frontMatterCompletions } from '../src/core/assist/frontMatterAssist';
import { frontMatterCursor } from '../src/core/assist/frontMatterCursor';
import { parseFrontMatter } from '../src/core/frontmatter';
import { indexFolders, readerFor } from '../src/core/index';
import { indexThreadsFor } from '../src/threads/indexThreads';
import { nodeFileSystem } from '../src/node/nodeFileSystem';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';

/** The repository root, from wherever this code runs (bench/ under tsx, bench/sites/ bundled). */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'devops-notes') return dir;
    if (path.dirname(dir) === dir) throw new Error('the bench runs inside the devops-notes repository');
  }
}

/**
 * The index threads the extension starts (built with the other bundles into dist/): the kind and
 * number it would start on this machine (one thread reading first bytes on two cores), unless
 * BENCH_INDEX_THREADS says how many.
 */
export const indexThreads = indexThreadsFor(path.join(repoRoot(), 'dist'), availableParallelism(), threadCount());

/** `BENCH_INDEX_THREADS=n` overrides the extension's default (0: the calling thread reads alone). */
function threadCount(): number | undefined {
  const n = Number(process.env.BENCH_INDEX_THREADS);
  return process.env.BENCH_INDEX_THREADS && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * The real implementations under measurement, bound in one place. Nothing here re-implements
 * them: each entry calls the shipped core code.
 */
export interface IndexUnderTest {
  postCount(): number;
  tagCount(): number;
  postFiles(): string[];
  /** Re-reads one post that changed on disk. */
  update(file: string): Promise<void>;
  /** Reads one post's tags with the index's own reader, without touching the index. */
  readTags(file: string): Promise<readonly string[]>;
}

export const subjects = {
  /** How many files the index reads at once (indexFiles' default); the read-whole baseline uses the same. */
  readConcurrency: 64,
  /**
   * Everything the tag tree needs for a site: find the posts, read their front matter, build the
   * term maps — the index's own chunked scan (`indexFolders`, as the CLI and the extension use it),
   * with the index threads the extension uses for a big site.
   */
  async buildIndex(siteRoot: string): Promise<IndexUnderTest> {
    const index = await indexFolders(nodeFileSystem, [siteRoot], { bulkReader: indexThreads });
    const reader = readerFor(index);
    return {
      postCount: () => index.size,
      tagCount: () => index.termCount('tags'),
      postFiles: () => [...index.paths()],
      // What the live index does when a watcher reports a saved file: re-read that one post.
      async update(file) {
        const outcome = await reader.read(nodeFileSystem, file);
        if ('post' in outcome) index.set(outcome.post);
        else index.delete(file);
      },
      async readTags(file) {
        const outcome = await reader.read(nodeFileSystem, file);
        return 'post' in outcome ? (outcome.post.terms[0] ?? []) : [];
      },
    };
  },
  /**
   * Tag completion as the editor asks for it on each keystroke in a post's `tags:` list: read
   * the edited text's front matter, find the cursor's place, list the taxonomy's terms from the
   * built index (counts, most used first, the site's spelling), as src/assist does.
   */
  async termCompletion(siteRoot: string): Promise<{ posts: number; terms: number; complete(text: string, offset: number): number }> {
    const index = await indexFolders(nodeFileSystem, [siteRoot], { bulkReader: indexThreads });
    const site = { taxonomies: index.taxonomies, terms: (t: string) => index.terms(t), now: new Date('2025-01-01T00:00:00Z'), offsetMinutes: () => 0 };
    return {
      posts: index.size,
      terms: index.termCount('tags'),
      complete(text, offset) {
        const fm = parseFrontMatter(text);
        const cursor = frontMatterCursor(text, offset, fm);
        return cursor ? frontMatterCompletions(cursor, fm, site).length : 0;
      },
    };
  },
  /** The preview's renderer: front matter card, shortcodes, highlighting, data-line attributes. */
  renderer(): (text: string) => string {
    const renderer = new PostRenderer();
    const now = new Date('2025-01-01T00:00:00Z');
    return (text) => {
      const prepared = renderer.prepare(text);
      return renderer.render(prepared, resolvedAsFound(prepared.needs), { terminalAllowed: true, now }).html;
    };
  },
  /** markdown-it with the options our instance was created with, and nothing else. */
  bareMarkdownIt(): (text: string) => string {
    const md = new MarkdownIt({ ...createMarkdown().options });
    return (text) => md.render(text);
  },
  /** What the preview does on each edit (prepare and render the new text). */
  previewSession(): { render(text: string): string } {
    const render = subjects.renderer();
    return { render };
  },
};

/** Every image and ref found, as the preview's resolver would answer for a tidy site. */
function resolvedAsFound(needs: { images: string[]; refs: string[] }): ResolvedResources {
  const images = new Map<string, ImageResolution>(needs.images.map((src) => [src, { kind: 'found', url: src }]));
  const refs = new Map<string, RefResolution>(needs.refs.map((r) => [r, { found: true, href: `../${r}/`, title: r }]));
  return { images, refs };
}
