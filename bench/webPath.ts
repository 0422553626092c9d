// Cold index of a generated site through the web entry's file-system path against the desktop's
// Node path, in the same run (alternating rounds, median of each):
//
//   npx tsx bench/webPath.ts [posts=10000] [rounds=5]      (needs `npm run build` for the threads)
//
// Node path: indexFolders over node's fs with the index threads, as the desktop entry and
// benchmark 1a do. Web path: the same indexFolders over a FileSystem with the web entry's
// semantics (src/preview/workspaceFileSystem.ts over vscode.workspace.fs): whole-file reads for a
// prefix, no blocking reads, no realPath, no threads, and time slices that yield with setTimeout
// (a web worker has no setImmediate). The file bytes still come from node's fs here: what this
// measures is the code path, not the cost of vscode.workspace.fs's messages to the workbench.
import { promises as fsp } from 'node:fs';
import type { FileSystem } from '../src/core/fs';
import { indexFolders } from '../src/core/index';
import { nodeFileSystem } from '../src/node/nodeFileSystem';
import { ensureSite } from './generate';
import { indexThreads } from './subjects';

/** What WorkspaceFileSystem does, over node's fs instead of vscode.workspace.fs. */
const webLikeFileSystem: FileSystem = {
  readFile: (path) => fsp.readFile(path),
  async readPrefix(path, maxBytes) {
    const bytes = await fsp.readFile(path);
    return bytes.length <= maxBytes ? { bytes, complete: true } : { bytes: bytes.subarray(0, maxBytes), complete: false };
  },
  stat: async (path) => {
    try {
      const s = await fsp.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile(), isDirectory: s.isDirectory() };
    } catch {
      return undefined;
    }
  },
  readDirectory: async (path) => {
    try {
      return (await fsp.readdir(path, { withFileTypes: true })).map((e) => ({ name: e.name, isFile: e.isFile(), isDirectory: e.isDirectory(), isSymbolicLink: e.isSymbolicLink() }));
    } catch {
      return [];
    }
  },
};

/** Runs `fn` as in a web worker: no setImmediate, so the index's time slices yield with setTimeout. */
async function withoutSetImmediate<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as { setImmediate?: unknown };
  const saved = g.setImmediate;
  g.setImmediate = undefined;
  try {
    return await fn();
  } finally {
    g.setImmediate = saved;
  }
}

/** The longest gap between timer ticks while `fn` runs: how long the thread stayed busy at once. */
async function withLongestBlock<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; longestBlockMs: number }> {
  let last = performance.now();
  let longest = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t0, longestBlockMs: longest };
  } finally {
    clearInterval(tick);
  }
}

async function main(): Promise<void> {
  const posts = Number(process.argv[2] ?? 10000);
  const rounds = Number(process.argv[3] ?? 5);
  const { dir } = ensureSite(posts);
  const runs = { node: [] as number[], web: [] as number[], webBlock: [] as number[], nodeBlock: [] as number[] };
  const sizes = new Set<string>();
  // A first, unmeasured build of each warms the page cache and the code.
  await indexFolders(nodeFileSystem, [dir], { bulkReader: indexThreads });
  await withoutSetImmediate(() => indexFolders(webLikeFileSystem, [dir]));
  for (let r = 0; r < rounds; r++) {
    const n = await withLongestBlock(() => indexFolders(nodeFileSystem, [dir], { bulkReader: indexThreads }));
    const w = await withLongestBlock(() => withoutSetImmediate(() => indexFolders(webLikeFileSystem, [dir])));
    runs.node.push(n.ms);
    runs.nodeBlock.push(n.longestBlockMs);
    runs.web.push(w.ms);
    runs.webBlock.push(w.longestBlockMs);
    sizes.add(`${n.value.size}/${n.value.termCount('tags')} vs ${w.value.size}/${w.value.termCount('tags')}`);
  }
  indexThreads?.release?.();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const max = (xs: number[]) => Math.max(...xs);
  console.log(`cold index of ${posts} posts, ${rounds} alternating rounds (posts/tags indexed: ${[...sizes].join('; ')})`);
  console.log(`  node path (node fs + index threads): median ${median(runs.node).toFixed(0)} ms, longest block ${max(runs.nodeBlock).toFixed(1)} ms`);
  console.log(`  web path (workspace.fs semantics, one thread, time slices): median ${median(runs.web).toFixed(0)} ms, longest block ${max(runs.webBlock).toFixed(1)} ms`);
  console.log(`  web / node: ${(median(runs.web) / median(runs.node)).toFixed(2)}×`);
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
