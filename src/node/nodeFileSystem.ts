import { close as closeFd, closeSync, constants, open as openFd, openSync, promises as fs, read as readFd, readSync } from 'node:fs';
import type { FileSystem } from '../core/fs';

/**
 * Opening a FIFO (a named pipe) for reading blocks until something writes to it: a `post.md`
 * that is a FIFO would hang the reader, the index's update queue and even process exit. With
 * O_NONBLOCK the open returns at once and a read finds no data. (Windows has no such flag.)
 */
export const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** `FileSystem` over node's `fs`, for the CLI and the benchmarks. */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    return fs.readFile(path, { flag: READ_FLAGS });
  },
  readPrefix(path, maxBytes) {
    // Callback API and one read of maxBytes + 1 (the extra byte tells whether more follows):
    // FileHandle promises plus a separate probe read cost about twice as much per file, which
    // is most of a cold index of 10k posts.
    return new Promise((resolve, reject) => {
      openFd(path, READ_FLAGS, (openError, fd) => {
        if (openError) return reject(openError);
        const buffer = Buffer.allocUnsafe(maxBytes + 1);
        readFd(fd, buffer, 0, maxBytes + 1, 0, (readError, bytesRead) => {
          closeFd(fd, () => undefined);
          if (readError) return reject(readError);
          resolve(prefixOf(buffer, bytesRead, maxBytes));
        });
      });
    });
  },
  readPrefixSync(path, maxBytes) {
    const buffer = Buffer.allocUnsafe(maxBytes + 1);
    return prefixOf(buffer, readPrefixInto(path, buffer, 0, maxBytes), maxBytes);
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
  async realPath(path) {
    return (await fs.realpath(path)).replace(/\\/g, '/');
  },
};

/**
 * Reads up to `maxBytes + 1` bytes from the start of a file into `target` at `offset`, blocking;
 * returns how many were read. Throws like `openSync`/`readSync`.
 */
export function readPrefixInto(path: string, target: Uint8Array, offset: number, maxBytes: number): number {
  const fd = openSync(path, READ_FLAGS);
  try {
    return readSync(fd, target, offset, maxBytes + 1, 0);
  } finally {
    closeSync(fd);
  }
}

/** A read of up to `maxBytes + 1` bytes as a prefix: the extra byte tells whether more follows. */
function prefixOf(buffer: Buffer, bytesRead: number, maxBytes: number): { bytes: Uint8Array; complete: boolean } {
  return { bytes: buffer.subarray(0, Math.min(bytesRead, maxBytes)), complete: bytesRead <= maxBytes };
}
