import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BulkPostReader, PathOutcome } from '../core/index';

/** Paths a thread takes at a time: enough to make a message worth it, small enough to balance. */
const BATCH = 128;
/** Batches each thread has queued, so it never waits while this thread adds results to the index. */
const IN_FLIGHT = 2;

/**
 * Reads posts on worker threads running dist/indexWorker.js, alongside the calling thread, so a
 * cold index of a big site uses the machine's cores and does much of its reading, parsing and
 * garbage elsewhere: the extension host's thread reads its share in short slices (it starts at
 * once, while the threads start) and adds the threads' results to the index between them.
 */
export class ThreadedPostReader implements BulkPostReader {
  /** Threads the last `readAll` used (0 when it could not start any). */
  lastThreadCount = 0;

  constructor(
    private readonly workerScript: string,
    private readonly maxThreads: number = defaultThreadCount(),
  ) {}

  readAll(claim: (max: number) => readonly string[], taxonomies: readonly string[], onBatch: (batch: readonly PathOutcome[]) => void, isCancelled?: () => boolean): Promise<void> {
    const workers = this.startWorkers(taxonomies);
    this.lastThreadCount = workers.length;
    if (!workers.length) return Promise.reject(new Error(`no index thread could start (${this.workerScript})`));
    return new Promise<void>((resolve, reject) => {
      let busy = 0;
      let settled = false;
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        for (const w of workers) void w.terminate().catch(() => undefined);
        if (err) reject(err);
        else resolve();
      };
      for (const worker of workers) {
        let inFlight = 0;
        const send = (): void => {
          const batch = claim(BATCH);
          if (!batch.length) return;
          worker.postMessage(batch);
          inFlight++;
        };
        worker.on('message', (batch: PathOutcome[]) => {
          if (settled) return;
          inFlight--;
          try {
            onBatch(batch);
          } catch (err) {
            finish(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          if (isCancelled?.()) return finish();
          send();
          if (inFlight === 0 && --busy === 0) finish();
        });
        worker.on('error', (err) => finish(err));
        worker.on('exit', (code) => {
          if (inFlight > 0) finish(new Error(`an index thread stopped (exit code ${code})`));
        });
        for (let i = 0; i < IN_FLIGHT; i++) send();
        if (inFlight > 0) busy++;
        else void worker.terminate().catch(() => undefined);
      }
      // The calling thread took everything before any thread got a batch.
      if (busy === 0) finish();
    });
  }

  private startWorkers(taxonomies: readonly string[]): Worker[] {
    if (!existsSync(this.workerScript)) return [];
    const workers: Worker[] = [];
    try {
      for (let t = 0; t < this.maxThreads; t++) workers.push(new Worker(this.workerScript, { workerData: { taxonomies: [...taxonomies] } }));
    } catch {
      // A host that forbids threads: use those that started, if any.
    }
    return workers;
  }
}

/**
 * Threads for a machine with `cores` cores: none on two cores or fewer, where a second thread
 * reading beside the calling one cost more CPU than it saved (its start, its own JIT warm-up,
 * copying results across, and both threads opening files at once) and the calling thread already
 * keeps the editor responsive by reading in short slices; then one per core beyond two, at most
 * three, leaving a core to the editor itself.
 */
export function defaultThreadCount(cores = availableParallelism()): number {
  return Math.max(0, Math.min(3, cores - 2));
}
