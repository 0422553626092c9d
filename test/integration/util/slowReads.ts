import { nodeFileSystem } from '../../../src/node/nodeFileSystem';

/**
 * Node's file system whose blocking prefix reads each take `ms` of busy time on the calling
 * thread (an editor's thread has more to do), so index threads, which claim posts only once they
 * run, find some left whatever their start-up takes. Shared by the unit and integration suites.
 */
export function slowBlockingReads(ms = 1): typeof nodeFileSystem {
  return {
    ...nodeFileSystem,
    readPrefixSync(p: string, maxBytes: number) {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // Busy, as a loaded thread is.
      }
      return nodeFileSystem.readPrefixSync!(p, maxBytes);
    },
  };
}
