import { promises as fs, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { forEachLimited } from '../lib/pool';
import { listMarkdownFiles } from '../lib/walk';

/**
 * Baseline (a): find every post and read it whole — the floor for any indexer that reads whole
 * files, and so the figure an index that reads only front matter must beat. It is measured in
 * each of the ways node can read a site from a warm page cache, and a round's floor is the
 * fastest of them in that round: which is fastest depends on the machine (on two cores blocking
 * reads beat libuv's thread pool by several times; with more cores two threads may win).
 */
export const READ_ALL_VARIANTS = ['sync', 'async', 'threads'] as const;
export type ReadAllVariant = (typeof READ_ALL_VARIANTS)[number];

/** What each variant does, for the table. */
export const READ_ALL_LABELS: Record<ReadAllVariant, string> = {
  sync: 'readFileSync in a loop',
  async: 'fs.promises.readFile, 64 in flight',
  threads: 'readFileSync on 2 worker threads, half each',
};

export async function readEveryPostWhole(contentRoot: string, variant: ReadAllVariant, concurrency = 64): Promise<{ files: number; bytes: number }> {
  const files = await listMarkdownFiles(contentRoot);
  let bytes = 0;
  if (variant === 'sync') {
    for (const f of files) bytes += readFileSync(f).length;
  } else if (variant === 'async') {
    await forEachLimited(files, concurrency, async (f) => {
      bytes += (await fs.readFile(f)).length;
    });
  } else {
    const half = Math.ceil(files.length / 2);
    const counts = await Promise.all([files.slice(0, half), files.slice(half)].map(readOnThread));
    bytes = counts.reduce((a, b) => a + b, 0);
  }
  return { files: files.length, bytes };
}

/** A thread that reads its share of files with blocking reads, posting back the bytes it read. */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
let bytes = 0;
for (const f of workerData) bytes += readFileSync(f).length;
parentPort.postMessage(bytes);
`;

function readOnThread(files: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: files });
    worker.once('message', (bytes: number) => resolve(bytes));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`read thread exited ${code}`));
    });
  });
}
