import { parentPort } from 'node:worker_threads';
import { readPrefixesInto, type PrefixRequest } from './prefixBatch';

/**
 * The reading thread of the post index (dist/prefixWorker.js, started by src/threads/indexThreads.ts
 * on two cores): it is sent batches of paths and answers each with the first bytes of every file,
 * in one transferred buffer, so the calling thread spends its time parsing rather than in system
 * calls. It loads no parser: it starts in a few milliseconds and has nothing to warm up.
 */
if (parentPort) {
  const port = parentPort;
  port.on('message', (request: PrefixRequest) => {
    const reply = readPrefixesInto(request);
    port.postMessage(reply, [reply.buffer, reply.lengths.buffer as ArrayBuffer]);
  });
}
