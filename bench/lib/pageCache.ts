import { promises as fs } from 'node:fs';
import { forEachLimited } from './pool';
import { listAllFiles } from './walk';

/**
 * Reads every file of a site once so that all contenders then run against a warm OS page cache.
 * Dropping the cache needs privileges a developer machine or CI may not grant, so the harness
 * measures warm for everyone instead of cold for some.
 */
export async function warmPageCache(root: string): Promise<{ files: number; bytes: number }> {
  const files = await listAllFiles(root);
  let bytes = 0;
  await forEachLimited(files, 32, async (f) => {
    const data = await fs.readFile(f);
    bytes += data.length;
  });
  return { files: files.length, bytes };
}
