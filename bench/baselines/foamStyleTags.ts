import { promises as fs } from 'node:fs';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { forEachLimited } from '../lib/pool';

/**
 * The full-rebuild approach (Foam's tag explorer): keep each note's tags, re-parse the note that
 * changed, then recompute the whole tag → notes map from every note. It uses our own front
 * matter parser, so the difference from our incremental update is the rebuild, not the parser.
 */
export class FoamStyleTagMap {
  private readonly tagsByFile = new Map<string, string[]>();
  tags = new Map<string, string[]>();

  static async build(files: readonly string[]): Promise<FoamStyleTagMap> {
    const map = new FoamStyleTagMap();
    await forEachLimited(files, 16, async (file) => {
      map.tagsByFile.set(file, await readTags(file));
    });
    map.rebuild();
    return map;
  }

  async onFileChanged(file: string): Promise<void> {
    this.tagsByFile.set(file, await readTags(file));
    this.rebuild();
  }

  private rebuild(): void {
    const tags = new Map<string, string[]>();
    for (const [file, fileTags] of this.tagsByFile) {
      for (const tag of fileTags) {
        const files = tags.get(tag);
        if (files) files.push(file);
        else tags.set(tag, [file]);
      }
    }
    this.tags = tags;
  }
}

async function readTags(file: string): Promise<string[]> {
  const data = parseFrontMatter(await fs.readFile(file, 'utf8')).data;
  return Array.isArray(data.tags) ? data.tags.filter((t): t is string => typeof t === 'string') : [];
}
