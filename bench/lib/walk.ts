import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Every Markdown file under `root`, found with plain `readdir` — what the baselines use to find
 * posts, so they pay for a directory walk just as the index does.
 */
export async function listMarkdownFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    const folders: string[] = [];
    for (const e of entries) {
      if (e.isDirectory()) folders.push(path.join(dir, e.name));
      else if (e.isFile() && e.name.endsWith('.md')) out.push(path.join(dir, e.name));
    }
    await Promise.all(folders.map(visit));
  };
  await visit(root);
  return out;
}

/** Every file under `root` (for warming the page cache). */
export async function listAllFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    await Promise.all(
      entries.map(async (e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await visit(p);
        else if (e.isFile()) out.push(p);
      }),
    );
  };
  await visit(root);
  return out;
}
