import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { forEachLimited } from '../core/index';
import type { ValidationConfig } from '../core/validate';
import { cachedFileExists, checkPostFile, type CheckJob, type FileOutcome } from './checkFile';

const WORKER_ROLE = 'devops-notes-check-worker';
/** Below this many posts, starting threads costs more than it saves. */
const MIN_POSTS_FOR_WORKERS = 300;
/** Posts handed to a worker at a time: big enough to amortize messages, small enough to balance load. */
const BATCH = 64;

/** A batch sent to a worker: jobs refer to configurations by number (each sent once). */
interface BatchMessage {
  jobs: { filePath: string; display: string; siteRoot: string; config: number }[];
  configs: Record<number, ValidationConfig>;
}

/**
 * Worker threads for a check, started before the posts are found so that their start-up (each
 * loads this bundle) overlaps the folder walk. `check` uses them only for enough posts.
 */
export class CheckThreads {
  private workers: Worker[] = [];

  private readonly failed = new Set<Worker>();

  /** Starts `count` threads when the machine and this build allow it (else none). */
  constructor(count: number) {
    if (count >= 2 && canStartWorkers()) {
      for (let t = 0; t < Math.min(count, 8); t++) {
        const worker = new Worker(__filename, { workerData: { role: WORKER_ROLE } });
        // A thread that cannot start is left out (the check then runs on the others, or here).
        worker.on('error', () => this.failed.add(worker));
        this.workers.push(worker);
      }
    }
  }

  /** Checks every job (on the threads when there are enough posts), results in job order; then stops the threads. */
  async check(jobs: readonly CheckJob[]): Promise<FileOutcome[]> {
    const workers = this.workers.filter((w) => !this.failed.has(w)).slice(0, Math.ceil(jobs.length / BATCH));
    this.close(workers);
    try {
      return jobs.length < MIN_POSTS_FOR_WORKERS || workers.length < 2 ? await checkHere(jobs) : await checkOnWorkers(jobs, workers);
    } finally {
      this.close();
    }
  }

  /** Stops the threads not in `keep`. */
  close(keep: readonly Worker[] = []): void {
    for (const w of this.workers) if (!keep.includes(w)) void w.terminate();
    this.workers = [...keep];
  }
}

async function checkHere(jobs: readonly CheckJob[]): Promise<FileOutcome[]> {
  const exists = cachedFileExists();
  const out: FileOutcome[] = new Array(jobs.length);
  await forEachLimited(jobs, 1, async (job, i) => {
    out[i] = await checkPostFile(job, exists);
  });
  return out;
}

/** Workers run this same bundle; that needs a real file to start from (not tsx's in-memory module). */
function canStartWorkers(): boolean {
  return typeof __filename === 'string' && __filename.endsWith('.js');
}

function checkOnWorkers(jobs: readonly CheckJob[], workers: readonly Worker[]): Promise<FileOutcome[]> {
  const results: FileOutcome[] = new Array(jobs.length);
  const configIds = new Map<ValidationConfig, number>();
  let next = 0;
  return new Promise((resolve, reject) => {
    let running = workers.length;
    for (const worker of workers) {
      const sent = new Set<number>();
      let batchStart = 0;
      const sendNext = () => {
        if (next >= jobs.length) {
          if (--running === 0) resolve(results);
          return;
        }
        batchStart = next;
        const slice = jobs.slice(next, next + BATCH);
        next += slice.length;
        const message: BatchMessage = { jobs: [], configs: {} };
        for (const job of slice) {
          let id = configIds.get(job.config);
          if (id === undefined) configIds.set(job.config, (id = configIds.size));
          if (!sent.has(id)) {
            sent.add(id);
            message.configs[id] = job.config;
          }
          message.jobs.push({ filePath: job.filePath, display: job.display, siteRoot: job.siteRoot, config: id });
        }
        worker.postMessage(message);
      };
      worker.on('message', (outcomes: FileOutcome[]) => {
        outcomes.forEach((o, i) => (results[batchStart + i] = o));
        sendNext();
      });
      worker.on('error', (err) => reject(err instanceof Error ? err : new Error(String(err))));
      sendNext();
    }
  });
}

/** The worker side: checks each batch it is sent and answers with the outcomes. */
function serveChecks(): void {
  const exists = cachedFileExists();
  const configs = new Map<number, ValidationConfig>();
  parentPort!.on('message', (message: BatchMessage) => {
    for (const [id, config] of Object.entries(message.configs)) configs.set(Number(id), config);
    void (async () => {
      const outcomes: FileOutcome[] = [];
      for (const job of message.jobs) outcomes.push(await checkPostFile({ ...job, config: configs.get(job.config)! }, exists));
      parentPort!.postMessage(outcomes);
    })();
  });
}

/** True (after starting to serve) when this thread is a check worker rather than the CLI itself. */
export function runAsCheckWorkerIfOne(): boolean {
  if (isMainThread || (workerData as { role?: string } | null)?.role !== WORKER_ROLE) return false;
  serveChecks();
  return true;
}
