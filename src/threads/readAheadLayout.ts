/** The shared memory of the read-ahead thread (readAhead.ts, readAheadWorker.ts). */
export const READ_AHEAD = {
  /** Bytes of the ring the files are read into. */
  RING_BYTES: 8 * 1024 * 1024,
  /** Files read ahead at most. */
  SLOTS: 512,
  /** Larger files are left to the calling thread (the ring keeps this much room for each read). */
  MAX_FILE: 1024 * 1024,
  /**
   * Control words (Int32): files published by the thread, files taken by the caller, stop flag,
   * thread finished flag, and whether the caller sleeps (a wake-up is a system call, made only
   * for a sleeper).
   */
  PUBLISHED: 0,
  TAKEN: 1,
  STOP: 2,
  FINISHED: 3,
  CALLER_SLEEPS: 4,
  /** Then per slot: offset in the ring, length, status (see `ReadStatus`). */
  META: 5,
  /** How long the thread sleeps while the ring is full before it looks again. */
  POLL_MS: 4,
} as const;

/** How a file was read: whole, too big for the ring, or failed (the caller reads it again to say why). */
export const enum ReadStatus {
  Ok = 0,
  TooBig = 1,
  Failed = 2,
}

/** What the thread starts with; the paths follow in one message (they are known later). */
export interface ReadAheadSetup {
  ring: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

/** Int32 words of the control memory: the counters and flags, then three per slot. */
export const CONTROL_WORDS = READ_AHEAD.META + READ_AHEAD.SLOTS * 3;
