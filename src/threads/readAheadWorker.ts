import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { READ_AHEAD, ReadStatus, type ReadAheadSetup } from './readAheadLayout';

/**
 * The read-ahead thread of `devops-notes check` (dist/readAheadWorker.js, see readAhead.ts). It
 * reads whole files, in the order it was given, into a shared ring of bytes, and publishes each
 * through shared counters: no messages, no copies. It loads no parser, so it starts at once.
 */
const { ring, control } = workerData as ReadAheadSetup;
const bytes = new Uint8Array(ring);
const ctl = new Int32Array(control);
const { SLOTS, MAX_FILE, PUBLISHED, TAKEN, STOP, FINISHED, CALLER_SLEEPS, META, POLL_MS } = READ_AHEAD;
const NEED = MAX_FILE + 1;

/**
 * Positions count up without wrapping (a file never straddles the ring's end: it starts at the
 * next turn instead), so the bytes in use are those from the oldest file not yet taken to `next`.
 */
const starts = new Float64Array(SLOTS);
let next = 0;

/** Waits until file `i` has a slot and NEED bytes of room; returns its position, or -1 to stop. */
function room(i: number): number {
  for (;;) {
    if (Atomics.load(ctl, STOP) !== 0) return -1;
    const taken = Atomics.load(ctl, TAKEN);
    if (i - taken < SLOTS) {
      let start = next;
      if ((start % bytes.length) + NEED > bytes.length) start += bytes.length - (start % bytes.length);
      const oldest = i > taken ? starts[taken % SLOTS] : start;
      if (start + NEED - oldest <= bytes.length) return start;
    }
    // The caller never wakes this thread: a thread it wakes runs on its core and stalls it for
    // milliseconds (BENCHMARKS.md, "Speed tricks"). Only `close` wakes it early.
    Atomics.wait(ctl, STOP, 0, POLL_MS);
  }
}

function readInto(path: string, at: number): { status: ReadStatus; length: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { status: ReadStatus.Failed, length: 0 };
  }
  let length = 0;
  try {
    for (;;) {
      const n = readSync(fd, bytes, at + length, NEED - length, null);
      if (n === 0) return { status: ReadStatus.Ok, length };
      length += n;
      if (length > MAX_FILE) return { status: ReadStatus.TooBig, length: 0 };
    }
  } catch {
    return { status: ReadStatus.Failed, length: 0 };
  } finally {
    closeSync(fd);
  }
}

function readAll(paths: readonly string[]): void {
  for (let i = 0; i < paths.length; i++) {
    const start = room(i);
    if (start < 0) break;
    const at = start % bytes.length;
    const { status, length } = readInto(paths[i], at);
    const slot = i % SLOTS;
    starts[slot] = start;
    next = start + length;
    ctl[META + slot * 3] = at;
    ctl[META + slot * 3 + 1] = length;
    ctl[META + slot * 3 + 2] = status;
    Atomics.store(ctl, PUBLISHED, i + 1);
    // One wake-up per sleep of the caller (it clears the flag itself only after waking).
    if (Atomics.load(ctl, CALLER_SLEEPS) !== 0 && Atomics.compareExchange(ctl, CALLER_SLEEPS, 1, 0) === 1) Atomics.notify(ctl, PUBLISHED);
  }
}

parentPort?.once('message', (paths: readonly string[]) => {
  try {
    readAll(paths);
  } finally {
    Atomics.store(ctl, FINISHED, 1);
    Atomics.notify(ctl, PUBLISHED);
    parentPort?.close();
  }
});
