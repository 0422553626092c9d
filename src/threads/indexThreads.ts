import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describeReadFailure, INITIAL_PREFIX_BYTES, type BulkPostReader, type PathOutcome } from '../core/index';
import { prefixAt, type PrefixReply, type PrefixRequest } from './prefixBatch';

/**
 * What the threads do with a batch of paths: `posts` threads (dist/indexWorker.js) read and parse
 * the posts themselves; `prefixes` threads (dist/prefixWorker.js) only read each file's first
 * bytes and the calling thread parses them.
 */
export type IndexThreadWork = 'posts' | 'prefixes';

/** Paths a thread takes at a time: enough to make a message worth it, small enough to balance. */
const BATCH: Record<IndexThreadWork, number> = { posts: 128, prefixes: 32 };
/** Batches each thread has queued, so it never waits while this thread adds results to the index. */
const IN_FLIGHT: Record<IndexThreadWork, number> = { posts: 2, prefixes: 4 };

/**
 * Reads posts on worker threads alongside the calling thread, so a cold index of a big site uses
 * the machine's cores and does much of its reading, parsing and garbage elsewhere. With `posts`
 * threads the extension host's thread reads its share in short slices (it starts at once, while
 * the threads start) and adds the threads' results to the index between them. With `prefixes`
 * threads it reads only until the first bytes arrive, then parses what the threads read.
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
  ) {}

  prepare(taxonomies: readonly string[]): void {
    this.discardPrepared();
    const workers = this.startWorkers(taxonomies);
    // Idle until a `readAll` takes them: they must not keep a CLI process alive meanwhile.
    for (const w of workers) w.unref();
    this.prepared = { workers, taxonomies: taxonomies.join('\n') };
  }

  readAll(claim: (max: number) => readonly string[], taxonomies: readonly string[], onBatch: (batch: readonly PathOutcome[]) => void, isCancelled?: () => boolean): Promise<void> {
    const workers = this.takeWorkers(taxonomies);
    this.lastThreadCount = workers.length;
    if (!workers.length) return Promise.reject(new Error(`no index thread could start (${this.workerScript})`));
    const batchSize = BATCH[this.work];
    return new Promise<void>((resolve, reject) => {
      let busy = 0;
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
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        for (const w of workers) void w.terminate().catch(() => undefined);
        if (err) reject(err);
        else resolve();
      };
      for (const worker of workers) {
        /** Paths of the requests the thread has not answered yet, oldest first (it answers in order). */
        const sent: (readonly string[])[] = [];
        /** Requests sent whose answers are not handled yet (answered ones may wait for their turn). */
        let open = 0;
        const send = (): void => {
          const batch = claim(batchSize);
          if (!batch.length) return;
          worker.postMessage(this.work === 'posts' ? batch : ({ paths: batch, maxBytes: INITIAL_PREFIX_BYTES } satisfies PrefixRequest));
          sent.push(batch);
          open++;
        };
        const handle = (paths: readonly string[], reply: unknown): void => {
          if (settled) return;
          try {
            onBatch(this.work === 'posts' ? (reply as PathOutcome[]) : prefixOutcomes(paths, reply as PrefixReply));
          } catch (err) {
            finish(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          open--;
          if (isCancelled?.()) return finish();
          send();
          if (open === 0 && --busy === 0) finish();
        };
        worker.on('message', (reply: unknown) => {
          if (settled) return;
          const paths = sent.shift() ?? [];
          answers.push(() => handle(paths, reply));
          if (!pumping) {
            pumping = true;
            setImmediate(pump);
          }
        });
        worker.on('error', (err) => finish(err));
        worker.on('exit', (code) => {
          if (sent.length > 0) finish(new Error(`an index thread stopped (exit code ${code})`));
        });
        for (let i = 0; i < IN_FLIGHT[this.work]; i++) send();
        if (open > 0) busy++;
        else void worker.terminate().catch(() => undefined);
      }
      // The calling thread took everything before any thread got a batch.
      if (busy === 0) finish();
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

/** A `prefixes` thread's reply as outcomes: first bytes, or why a file could not be read. */
function prefixOutcomes(paths: readonly string[], reply: PrefixReply): PathOutcome[] {
  const out = new Array<PathOutcome>(paths.length);
  for (let i = 0; i < paths.length; i++) {
    const prefix = prefixAt(reply, i, INITIAL_PREFIX_BYTES);
    out[i] = [paths[i], prefix ? { prefix } : { skipped: describeReadFailure(reply.errors[i]) }];
  }
  return out;
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
