import { parentPort, workerData } from 'node:worker_threads';
import { PostReader } from '../core/index/readPost';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { isIndexJob, serveIndexJob } from './indexJob';

/**
 * A thread of the post index (dist/indexWorker.js, started by src/threads/indexThreads.ts): it is
 * sent every path of a scan once, claims batches of them through a shared cursor and answers each
 * with what {@link PostReader} made of them. Blocking reads are right here: this thread has
 * nothing else to answer.
 */
const taxonomies = (workerData as { taxonomies?: unknown } | null)?.taxonomies;
if (parentPort && Array.isArray(taxonomies) && taxonomies.every((t) => typeof t === 'string')) {
  const port = parentPort;
  // The message copies every string anyway: no need to intern or copy them here.
  const reader = new PostReader(taxonomies as string[], (term) => term);
  const fs = { readPrefixSync: nodeFileSystem.readPrefixSync!.bind(nodeFileSystem) };
  port.once('message', (job: unknown) => {
    if (!isIndexJob(job)) return;
    serveIndexJob(port, job, (paths) => paths.map((path) => reader.readSync(fs, path)));
  });
}
