import { promises as fs } from 'node:fs';
import type { FileSystem } from '../core/fs';

/** `FileSystem` over node's `fs`, for the CLI and the benchmarks. */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    return fs.readFile(path);
  },
  async readPrefix(path, maxBytes) {
    const handle = await fs.open(path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(maxBytes);
      let filled = 0;
      while (filled < maxBytes) {
        const { bytesRead } = await handle.read(buffer, filled, maxBytes - filled, filled);
        if (bytesRead === 0) return { bytes: buffer.subarray(0, filled), complete: true };
        filled += bytesRead;
      }
      // Exactly full: complete only if nothing follows.
      const probe = Buffer.allocUnsafe(1);
      const { bytesRead } = await handle.read(probe, 0, 1, filled);
      return { bytes: buffer.subarray(0, filled), complete: bytesRead === 0 };
    } finally {
      await handle.close();
    }
  },
  async stat(path) {
    try {
      const s = await fs.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile(), isDirectory: s.isDirectory() };
    } catch {
      return undefined;
    }
  },
  async readDirectory(path) {
    try {
      const entries = await fs.readdir(path, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isFile: e.isFile(), isDirectory: e.isDirectory(), isSymbolicLink: e.isSymbolicLink() }));
    } catch {
      return [];
    }
  },
};
