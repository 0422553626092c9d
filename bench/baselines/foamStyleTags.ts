import { forEachLimited } from '../lib/pool';

/** Reads one post's tags (the benchmark passes our own post reader). */
export type ReadTags = (file: string) => Promise<readonly string[]>;

/**
 * The full-rebuild approach (Foam's tag explorer): keep each note's tags, re-read the note that
 * changed, then recompute the whole tag → notes map from every note. It reads posts with our
 * own reader, so the difference from our incremental update is the rebuild, not the parsing.
 */
export class FoamStyleTagMap {
  private readonly tagsByFile = new Map<string, readonly string[]>();
  tags = new Map<string, string[]>();

  private constructor(private readonly readTags: ReadTags) {}

  static async build(files: readonly string[], readTags: ReadTags): Promise<FoamStyleTagMap> {
    const map = new FoamStyleTagMap(readTags);
    await forEachLimited(files, 16, async (file) => {
      map.tagsByFile.set(file, await map.readTags(file));
    });
    map.rebuild();
    return map;
  }

  async onFileChanged(file: string): Promise<void> {
    this.tagsByFile.set(file, await this.readTags(file));
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
