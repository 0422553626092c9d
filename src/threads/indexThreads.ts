import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describeReadFailure, INITIAL_PREFIX_BYTES, type BulkPostReader, type PathClaims, type PathOutcome, type ReadPostOutcome } from '../core/index';
import type { IndexJob, IndexJobReply } from './indexJob';
import { prefixAt, type PrefixReply } from './prefixBatch';

/**
 * What the threads do with a batch of paths: `posts` threads (dist/indexWorker.js) read and parse
 * the posts themselves; `prefixes` threads (dist/prefixWorker.js) only read each file's first
 * bytes and the calling thread parses them.
 */
export type IndexThreadWork = 'posts' | 'prefixes';

/** Paths a thread claims at a time: enough to make an answer worth a message, small enough to balance. */
const BATCH: Record<IndexThreadWork, number> = { posts: 128, prefixes: 32 };
/** Answers each thread may have waiting, so it never waits while this thread adds results to the index. */
const IN_FLIGHT: Record<IndexThreadWork, number> = { posts: 2, prefixes: 4 };
/** Without an answer from any thread for this long, the threads are stopped and this thread reads the rest. */
const STALL_MS = 2000;

/**
 * Reads posts on worker threads alongside the calling thread, so a cold index of a big site uses
 * the machine's cores and does much of its reading, parsing and garbage elsewhere. Each thread is
 * sent the scan's paths once and claims batches through the cursor the calling thread claims from
 * (`PathClaims`), so the calling thread sends no requests. With `posts` threads the extension
 * host's thread reads its share in short slices (it starts at once, while the threads start) and
 * adds the threads' results to the index between them. With `prefixes` threads it reads only until
 * the first bytes arrive, then parses what the threads read.
 */
export class ThreadedPostReader implements BulkPostReader {
  /** Threads the last `readAll` used (0 when it could not start any). */
  lastThreadCount = 0;
  /** Threads started by `prepare` for the next `readAll`, with the taxonomies they were given. */
  private prepared: { workers: Worker[]; taxonomies: string } | undefined;

  constructor(
    private readonly workerScript: string,
    private readonly maxThreads: number = defaultThreadCount(),
    readonly work: IndexThreadWork = 'posts',
    private readonly stallMs: number = STALL_MS,
  ) {}

  prepare(taxonomies: readonly string[]): void {
    this.discardPrepared();
    const workers = this.startWorkers(taxonomies);
    // Idle until a `readAll` takes them: they must not keep a CLI process alive meanwhile.
    for (const w of workers) w.unref();
    this.prepared = { workers, taxonomies: taxonomies.join('\n') };
  }

  readAll(claims: PathClaims, taxonomies: readonly string[], onBatch: (batch: readonly PathOutcome[]) => void, isCancelled?: () => boolean): Promise<void> {
    if (!(claims.cursor.buffer instanceof SharedArrayBuffer)) return Promise.reject(new Error('index threads need a cursor in shared memory'));
    const workers = this.takeWorkers(taxonomies);
    this.lastThreadCount = workers.length;
    if (!workers.length) return Promise.reject(new Error(`no index thread could start (${this.workerScript})`));
    const credits = new Int32Array(new SharedArrayBuffer(4 * workers.length)).fill(IN_FLIGHT[this.work]);
    return new Promise<void>((resolve, reject) => {
      let running = workers.length;
      let settled = false;
      // Answers are handled one per turn of the event loop. Node hands a port's queued messages
      // over in one go, and the threads keep answering while this thread works, so handling them
      // as they come would hold the thread (and the editor) for as long as the threads keep up.
      const answers: (() => void)[] = [];
      let pumping = false;
      const pump = (): void => {
        answers.shift()?.();
        if (answers.length > 0 && !settled) setImmediate(pump);
        else pumping = false;
      };
      let lastHeard = performance.now();
      const watchdog = setInterval(() => {
        if (answers.length === 0 && performance.now() - lastHeard > this.stallMs) finish(new Error(`an index thread stalled for ${this.stallMs} ms`));
      }, Math.max(10, this.stallMs / 4));
      watchdog.unref();
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        clearInterval(watchdog);
        const stopped = Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
        // A thread that failed may still claim until it has stopped: the caller reads what is
        // left only once none can.
        if (err) void stopped.then(() => reject(err));
        else resolve();
      };
      const fail = (err: unknown): void => finish(err instanceof Error ? err : new Error(String(err)));
      workers.forEach((worker, slot) => {
        /** The thread said it is done (it may exit before that answer's turn comes). */
        let done = false;
        const handle = (reply: IndexJobReply<unknown>): void => {
          if (settled) return;
          if ('done' in reply) {
            if (--running === 0) finish();
            return;
          }
          try {
            onBatch(this.work === 'posts' ? postOutcomes(reply.start, reply.result as ReadPostOutcome[]) : prefixOutcomes(reply.start, reply.result as PrefixReply));
          } catch (err) {
            fail(err);
            return;
          }
          if (isCancelled?.()) return finish();
          Atomics.add(credits, slot, 1);
          Atomics.notify(credits, slot);
        };
        worker.on('message', (reply: IndexJobReply<unknown>) => {
          if (settled) return;
          lastHeard = performance.now();
          if ('done' in reply) done = true;
          answers.push(() => handle(reply));
          if (!pumping) {
            pumping = true;
            setImmediate(pump);
          }
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (!done) fail(new Error(`an index thread stopped (exit code ${code})`));
        });
        const job: IndexJob = { paths: claims.paths, cursor: claims.cursor, credits, slot, batch: BATCH[this.work], maxBytes: INITIAL_PREFIX_BYTES };
        worker.postMessage(job);
      });
    });
  }

  /** Stops threads that `prepare` started and no `readAll` took (too few files, a cancelled scan). */
  release(): void {
    this.discardPrepared();
  }

  private takeWorkers(taxonomies: readonly string[]): Worker[] {
    const prepared = this.prepared;
    this.prepared = undefined;
    // `posts` threads were told the taxonomies when they started; `prefixes` threads need none.
    if (prepared && (this.work === 'prefixes' || prepared.taxonomies === taxonomies.join('\n'))) {
      for (const w of prepared.workers) w.ref();
      return prepared.workers;
    }
    for (const w of prepared?.workers ?? []) void w.terminate().catch(() => undefined);
    return this.startWorkers(taxonomies);
  }

  private discardPrepared(): void {
    for (const w of this.prepared?.workers ?? []) void w.terminate().catch(() => undefined);
    this.prepared = undefined;
  }

  private startWorkers(taxonomies: readonly string[]): Worker[] {
    if (!existsSync(this.workerScript)) return [];
    const workers: Worker[] = [];
    try {
      for (let t = 0; t < this.maxThreads; t++) {
        workers.push(new Worker(this.workerScript, this.work === 'posts' ? { workerData: { taxonomies: [...taxonomies] } } : {}));
      }
    } catch {
      // A host that forbids threads: use those that started, if any.
    }
    return workers;
  }
}

/** A `prefixes` thread's reply for positions `start` … as outcomes: first bytes, or why a file could not be read. */
function prefixOutcomes(start: number, reply: PrefixReply): PathOutcome[] {
  const out = new Array<PathOutcome>(reply.lengths.length);
  for (let i = 0; i < out.length; i++) {
    const prefix = prefixAt(reply, i, INITIAL_PREFIX_BYTES);
    out[i] = [start + i, prefix ? { prefix } : { skipped: describeReadFailure(reply.errors[i]) }];
  }
  return out;
}

/** A `posts` thread's reply for positions `start` … as outcomes. */
function postOutcomes(start: number, reply: readonly ReadPostOutcome[]): PathOutcome[] {
  return reply.map((outcome, i) => [start + i, outcome] as const);
}

/** `posts` threads for a machine with `cores` cores: none up to two, then one per core beyond two, at most three (README.md). */
export function defaultThreadCount(cores = availableParallelism()): number {
  return Math.max(0, Math.min(3, cores - 2));
}

/**
 * The index threads for this machine, from the folder holding the built workers (`dist/`): `posts`
 * threads from three cores on (see {@link defaultThreadCount}); on two cores one `prefixes`
 * thread, which starts in milliseconds and takes the system calls off the calling thread; none on
 * one core. `threads` overrides the count (0: none), keeping the kind of work for this machine.
 */
export function indexThreadsFor(distDir: string, cores = availableParallelism(), threads?: number): ThreadedPostReader | undefined {
  const work: IndexThreadWork = cores >= 3 ? 'posts' : 'prefixes';
  const count = threads ?? (work === 'posts' ? defaultThreadCount(cores) : cores >= 2 ? 1 : 0);
  if (count <= 0) return undefined;
  return new ThreadedPostReader(path.join(distDir, work === 'posts' ? 'indexWorker.js' : 'prefixWorker.js'), count, work);
}
