import { Worker } from 'node:worker_threads';
import { CONTROL_WORDS, READ_AHEAD, ReadStatus, type ReadAheadSetup } from './readAheadLayout';

/** Without progress from the thread for this long, the caller stops waiting and reads files itself. */
const STALL_MS = 2000;

export interface ReadAheadOptions {
  /** How long `take` waits for a thread that makes no progress (default 2 s). */
  stallMs?: number;
}

/**
 * Reads files ahead of their use on another thread (dist/readAheadWorker.js), for a caller that
 * takes them one by one in the order given: `devops-notes check` on one thread, whose own time
 * then goes to checking instead of system calls. Files it cannot serve (too big, unreadable, a
 * thread that failed or stalled) come back undefined, and the caller reads them the usual way,
 * so every message about a file stays the caller's.
 */
export class ReadAhead {
  private readonly ctl: Int32Array;
  private readonly ring: SharedArrayBuffer;
  private readonly bytes: Buffer;
  private readonly worker: Worker;
  private next = 0;
  private failed = false;

  /** Starts the thread; it waits for `start`. */
  constructor(script: string, private readonly options: ReadAheadOptions = {}) {
    this.ring = new SharedArrayBuffer(READ_AHEAD.RING_BYTES);
    this.bytes = Buffer.from(this.ring);
    const control = new SharedArrayBuffer(CONTROL_WORDS * 4);
    this.ctl = new Int32Array(control);
    const setup: ReadAheadSetup = { ring: this.ring, control };
    this.worker = new Worker(script, { workerData: setup });
    this.worker.on('error', () => (this.failed = true));
    this.worker.unref();
  }

  /** The files to read, in the order they will be taken. */
  start(paths: readonly string[]): void {
    this.worker.postMessage(paths);
  }

  /**
   * The bytes of file `i` (a view into the ring, valid until `release`), or undefined when the
   * caller must read it itself. Files must be asked for in order, each once.
   */
  take(i: number): Buffer | undefined {
    if (this.failed || i !== this.next) return undefined;
    const ctl = this.ctl;
    let published = Atomics.load(ctl, READ_AHEAD.PUBLISHED);
    let waitedSince = 0;
    while (published <= i) {
      if (Atomics.load(ctl, READ_AHEAD.FINISHED) !== 0) return this.giveUp();
      const now = Date.now();
      if (waitedSince === 0) waitedSince = now;
      else if (now - waitedSince > (this.options.stallMs ?? STALL_MS)) return this.giveUp();
      Atomics.store(ctl, READ_AHEAD.CALLER_SLEEPS, 1);
      if (Atomics.load(ctl, READ_AHEAD.PUBLISHED) === published) Atomics.wait(ctl, READ_AHEAD.PUBLISHED, published, 20);
      Atomics.store(ctl, READ_AHEAD.CALLER_SLEEPS, 0);
      const seen = Atomics.load(ctl, READ_AHEAD.PUBLISHED);
      if (seen !== published) waitedSince = 0;
      published = seen;
    }
    const slot = i % READ_AHEAD.SLOTS;
    const status = ctl[READ_AHEAD.META + slot * 3 + 2] as ReadStatus;
    if (status !== ReadStatus.Ok) {
      this.release(i);
      return undefined;
    }
    const at = ctl[READ_AHEAD.META + slot * 3];
    return this.bytes.subarray(at, at + ctl[READ_AHEAD.META + slot * 3 + 1]);
  }

  /** The caller is done with file `i`'s bytes: the thread may read over them. */
  release(i: number): void {
    if (i !== this.next) return;
    this.next = i + 1;
    // No wake-up: the thread looks for room on its own (readAheadWorker.ts, `room`).
    Atomics.store(this.ctl, READ_AHEAD.TAKEN, this.next);
  }

  /** Stops the thread (it may still be reading ahead). */
  close(): void {
    this.failed = true;
    Atomics.store(this.ctl, READ_AHEAD.STOP, 1);
    Atomics.notify(this.ctl, READ_AHEAD.STOP);
    void this.worker.terminate();
  }

  private giveUp(): undefined {
    this.close();
    return undefined;
  }
}
