import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ReadAhead } from './readAhead';
import { yieldToEventLoop } from '../core/index';
import type { ValidationConfig } from '../core/validate';
import { cachedFileExists, checkPostFile, detachOutcome, type CheckJob, type FileOutcome } from '../cli/checkFile';
import { packOutcomes, unpackOutcomes, type PackedOutcomes } from './outcomeTransfer';

const WORKER_ROLE = 'devops-notes-check-worker';
/** Below this many posts, starting threads costs more than it saves. */
const MIN_POSTS_FOR_WORKERS = 300;
/** Posts handed to a worker at a time: big enough to amortize messages, small enough to balance load. */
const WORKER_BATCH = 64;
/** Batches a worker holds at once: it starts on the next while its last answer waits for this thread. */
const WORKER_QUEUE = 2;
/** Posts this thread checks between looks at the workers' answers (a few milliseconds' worth). */
const OWN_BATCH = 8;

/** A batch sent to a worker: jobs refer to configurations by number (each sent once). */
interface BatchMessage {
  jobs: { filePath: string; display: string; siteRoot: string; config: number }[];
  configs: Record<number, ValidationConfig>;
}

/**
 * Threads for a check: this one and `count - 1` workers, started before the posts are found so
 * that their start-up (each loads this bundle) overlaps the folder walk. `check` uses the workers
 * only for enough posts. This thread checks posts too: a worker costs its own start-up, compiled
 * code and heap, so one fewer is cheaper than an idle main thread.
 */
export class CheckThreads {
  private workers: Worker[] = [];
  /** With no workers: the thread that reads files ahead of this one. */
  private readAhead?: ReadAhead;

  private readonly failed = new Set<Worker>();

  /**
   * Starts `count - 1` workers when the machine and this build allow it (else none); with none,
   * and `readAhead`, a thread that reads files ahead of this one.
   */
  constructor(count: number, readAhead = true) {
    if (count >= 2 && canStartWorkers()) {
      for (let t = 0; t < Math.min(count, 8) - 1; t++) {
        const worker = new Worker(__filename, { workerData: { role: WORKER_ROLE } });
        // A thread that cannot start is left out (the check then runs on the others, or here).
        worker.on('error', () => this.failed.add(worker));
        this.workers.push(worker);
      }
    } else if (readAhead && canStartWorkers()) {
      this.readAhead = startReadAhead();
    }
  }

  /**
   * Checks every job (with the workers when there are enough posts), results in job order; then
   * stops the workers. `onOutcome` sees each outcome as it arrives (in no particular order), so
   * the caller's own work on them overlaps the check.
   */
  async check(jobs: readonly CheckJob[], onOutcome: OutcomeListener = () => {}): Promise<FileOutcome[]> {
    const workers = jobs.length < MIN_POSTS_FOR_WORKERS ? [] : this.workers.filter((w) => !this.failed.has(w)).slice(0, Math.ceil(jobs.length / WORKER_BATCH) - 1);
    const ahead = workers.length === 0 && jobs.length >= MIN_POSTS_FOR_WORKERS ? this.readAhead : undefined;
    this.close(workers, ahead);
    ahead?.start(jobs.map((j) => j.filePath));
    try {
      return await checkWith(jobs, workers, ahead, onOutcome);
    } finally {
      this.close();
    }
  }

  /** Stops the threads not kept. */
  close(keep: readonly Worker[] = [], keepReadAhead?: ReadAhead): void {
    for (const w of this.workers) if (!keep.includes(w)) void w.terminate();
    this.workers = [...keep];
    if (this.readAhead !== keepReadAhead) this.readAhead?.close();
    this.readAhead = keepReadAhead;
  }
}

/** Told of each post's outcome with the post's index in the jobs. */
export type OutcomeListener = (outcome: FileOutcome, index: number) => void;

/** Workers run this same bundle; that needs a real file to start from (not tsx's in-memory module). */
function canStartWorkers(): boolean {
  return typeof __filename === 'string' && __filename.endsWith('.js');
}

/**
 * Checks the jobs on this thread and the workers, each taking the next posts in turn. This
 * thread takes a few at a time and then lets the workers' answers in, so that each worker gets
 * its next batch without waiting.
 */
async function checkWith(jobs: readonly CheckJob[], workers: readonly Worker[], ahead: ReadAhead | undefined, onOutcome: OutcomeListener): Promise<FileOutcome[]> {
  const results: FileOutcome[] = new Array(jobs.length);
  const deliver = (outcome: FileOutcome, index: number) => {
    results[index] = outcome;
    onOutcome(outcome, index);
  };
  const queue = { next: 0 };
  const configIds = new Map<ValidationConfig, number>();
  let failure: Error | undefined;
  const served = workers.map((worker) =>
    serveWorker(worker, jobs, queue, configIds, deliver).catch((err: unknown) => {
      failure = err instanceof Error ? err : new Error(String(err));
      // A worker that fails loses its posts: the check has failed, and the others stop taking more.
      queue.next = jobs.length;
    }),
  );
  const exists = cachedFileExists();
  while (queue.next < jobs.length && failure === undefined) {
    const start = queue.next;
    queue.next = Math.min(jobs.length, start + OWN_BATCH);
    for (let i = start; i < queue.next; i++) {
      // Alone, this thread takes the files from the read-ahead thread (in job order).
      const bytes = ahead?.take(i);
      const readAlready = bytes && { content: { bytes }, release: () => ahead!.release(i) };
      deliver(detachOutcome(await checkPostFile(jobs[i], exists, readAlready)), i);
    }
    if (workers.length > 0) await yieldToEventLoop();
  }
  await Promise.all(served);
  if (failure) throw failure;
  return results;
}

/** The read-ahead thread, when its script sits next to this bundle (DEVOPS_NOTES_READ_AHEAD=0: none). */
function startReadAhead(): ReadAhead | undefined {
  if (process.env.DEVOPS_NOTES_READ_AHEAD === '0') return undefined;
  const script = join(dirname(__filename), 'readAheadWorker.js');
  return existsSync(script) ? new ReadAhead(script) : undefined;
}

/** Keeps one worker busy with batches from `queue` until it is empty; resolves when its last answer is in. */
function serveWorker(
  worker: Worker,
  jobs: readonly CheckJob[],
  queue: { next: number },
  configIds: Map<ValidationConfig, number>,
  deliver: (outcome: FileOutcome, index: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const sentConfigs = new Set<number>();
    /** Where each batch the worker holds starts, oldest first (it answers in order). */
    const held: number[] = [];
    const sendNext = () => {
      if (queue.next >= jobs.length) return;
      const start = queue.next;
      queue.next = Math.min(jobs.length, start + WORKER_BATCH);
      const message: BatchMessage = { jobs: [], configs: {} };
      for (let i = start; i < queue.next; i++) {
        const job = jobs[i];
        let id = configIds.get(job.config);
        if (id === undefined) configIds.set(job.config, (id = configIds.size));
        if (!sentConfigs.has(id)) {
          sentConfigs.add(id);
          message.configs[id] = job.config;
        }
        message.jobs.push({ filePath: job.filePath, display: job.display, siteRoot: job.siteRoot, config: id });
      }
      held.push(start);
      worker.postMessage(message);
    };
    worker.on('message', (packed: PackedOutcomes) => {
      const start = held.shift()!;
      sendNext();
      unpackOutcomes(packed).forEach((o, i) => deliver(o, start + i));
      if (held.length === 0) resolve();
    });
    worker.on('error', (err) => reject(err instanceof Error ? err : new Error(String(err))));
    for (let k = 0; k < WORKER_QUEUE; k++) sendNext();
    if (held.length === 0) resolve();
  });
}

/** The worker side: checks each batch it is sent, in order, and answers with the packed outcomes. */
function serveChecks(): void {
  const exists = cachedFileExists();
  const configs = new Map<number, ValidationConfig>();
  let previous = Promise.resolve();
  parentPort!.on('message', (message: BatchMessage) => {
    for (const [id, config] of Object.entries(message.configs)) configs.set(Number(id), config);
    previous = previous.then(async () => {
      const outcomes: FileOutcome[] = [];
      for (const job of message.jobs) outcomes.push(await checkPostFile({ ...job, config: configs.get(job.config)! }, exists));
      const packed = packOutcomes(outcomes);
      parentPort!.postMessage(packed, [packed.terms.buffer as ArrayBuffer]);
    });
  });
}

/** True (after starting to serve) when this thread is a check worker rather than the CLI itself. */
export function runAsCheckWorkerIfOne(): boolean {
  if (isMainThread || (workerData as { role?: string } | null)?.role !== WORKER_ROLE) return false;
  serveChecks();
  return true;
}
