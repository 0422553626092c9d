import { availableParallelism } from 'node:os';
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
 * Checks every job, in parallel on worker threads when there are many posts and more than one
 * core, else on this thread. Results come back in job order.
 */
export async function checkAll(jobs: readonly CheckJob[], maxThreads = availableParallelism()): Promise<FileOutcome[]> {
  const threads = Math.min(maxThreads, 8, Math.ceil(jobs.length / BATCH));
  if (jobs.length < MIN_POSTS_FOR_WORKERS || threads < 2 || !canStartWorkers()) return checkHere(jobs);
  return checkOnWorkers(jobs, threads);
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

function checkOnWorkers(jobs: readonly CheckJob[], threads: number): Promise<FileOutcome[]> {
  const results: FileOutcome[] = new Array(jobs.length);
  const configIds = new Map<ValidationConfig, number>();
  let next = 0;
  return new Promise((resolve, reject) => {
    let running = threads;
    const workers: Worker[] = [];
    const fail = (err: unknown) => {
      for (const w of workers) void w.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(__filename, { workerData: { role: WORKER_ROLE } });
      workers.push(worker);
      const sent = new Set<number>();
      let batchStart = 0;
      const sendNext = () => {
        if (next >= jobs.length) {
          void worker.terminate();
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
      worker.on('error', fail);
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
