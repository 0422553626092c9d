import { promises as fs } from 'node:fs';
import { forEachLimited } from '../lib/pool';
import { listMarkdownFiles } from '../lib/walk';

/**
 * Baseline (a): find every post and read it whole with `fs.readFile` — the floor for any indexer
 * that reads whole files, and so the figure an index that reads only front matter must beat.
 */
export async function readEveryPostWhole(contentRoot: string, concurrency: number): Promise<{ files: number; bytes: number }> {
  const files = await listMarkdownFiles(contentRoot);
  let bytes = 0;
  await forEachLimited(files, concurrency, async (f) => {
    const data = await fs.readFile(f);
    bytes += data.length;
  });
  return { files: files.length, bytes };
}
