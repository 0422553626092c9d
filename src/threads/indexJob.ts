import type { MessagePort } from 'node:worker_threads';

/**
 * What an index thread is sent once per scan (indexThreads.ts): every path, and the shared words
 * it claims them through. The thread takes `batch` positions at a time with `Atomics.add` on
 * `cursor[0]` (the calling thread claims from the same cursor), so no request is a message.
 */
export interface IndexJob {
  readonly paths: readonly string[];
  /** On a SharedArrayBuffer: word 0 is the next position nobody has claimed. */
  readonly cursor: Int32Array;
  /**
   * On a SharedArrayBuffer: word `slot` is how many more batches this thread may answer before
   * the calling thread has taken its earlier answers (it adds one per answer taken), so a thread
   * never queues more than a few batches of bytes.
   */
  readonly credits: Int32Array;
  readonly slot: number;
  readonly batch: number;
  /** First bytes to read of each file (`prefixes` threads). */
  readonly maxBytes: number;
}

/** An answer: the outcomes of positions `start` …, or `done` once the cursor is past the end. */
export type IndexJobReply<T> = { readonly start: number; readonly result: T } | { readonly done: true };

/** How long a thread with no credit sleeps before it looks again (it is woken when credit comes). */
const WAIT_MS = 50;

/**
 * A thread's side of a job: claims batches until none is left and answers each with what `read`
 * made of its paths (`transfer` lists buffers to move rather than copy), then says `done`.
 */
export function serveIndexJob<T>(port: MessagePort, job: IndexJob, read: (paths: readonly string[]) => T, transfer: (result: T) => ArrayBuffer[] = () => []): void {
  const { paths, cursor, credits, slot } = job;
  const batch = Math.max(1, job.batch | 0);
  for (;;) {
    while (Atomics.load(credits, slot) <= 0) Atomics.wait(credits, slot, 0, WAIT_MS);
    Atomics.sub(credits, slot, 1);
    if (Atomics.load(cursor, 0) >= paths.length) break;
    const start = Atomics.add(cursor, 0, batch);
    if (start >= paths.length) break;
    const result = read(paths.slice(start, Math.min(start + batch, paths.length)));
    port.postMessage({ start, result } satisfies IndexJobReply<T>, transfer(result));
  }
  port.postMessage({ done: true } satisfies IndexJobReply<T>);
}

/** Whether a message is a job (anything else is ignored). */
export function isIndexJob(value: unknown): value is IndexJob {
  const job = value as Partial<IndexJob> | null;
  return (
    typeof job === 'object' && job !== null && Array.isArray(job.paths) && job.paths.every((p) => typeof p === 'string') &&
    job.cursor instanceof Int32Array && job.credits instanceof Int32Array && Number.isInteger(job.slot) && Number.isInteger(job.batch) && Number.isInteger(job.maxBytes)
  );
}
