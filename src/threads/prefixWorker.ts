import { parentPort } from 'node:worker_threads';
import { isIndexJob, serveIndexJob } from './indexJob';
import { readPrefixesInto } from './prefixBatch';

/**
 * The reading thread of the post index (dist/prefixWorker.js, started by src/threads/indexThreads.ts
 * on two cores): it is sent every path of a scan once, claims batches of them through a shared
 * cursor and answers each with the first bytes of every file, in one transferred buffer, so the
 * calling thread spends its time parsing rather than in system calls. It loads no parser: it
 * starts in a few milliseconds and has nothing to warm up.
 */
if (parentPort) {
  const port = parentPort;
  port.once('message', (job: unknown) => {
    if (!isIndexJob(job)) return;
    serveIndexJob(port, job, (paths) => readPrefixesInto({ paths, maxBytes: job.maxBytes }), (reply) => [reply.buffer, reply.lengths.buffer as ArrayBuffer]);
  });
}
