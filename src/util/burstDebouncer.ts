/** The clock a {@link BurstDebouncer} runs on (tests inject a fake one). */
export interface DebounceClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: DebounceClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A per-key debounce with a leading and a trailing edge: the first request after a pause of
 * `waitMs` runs at once (the first keystroke gets its answer without waiting); requests that
 * follow it within `waitMs` of each other are a burst, and run once, `waitMs` after the last.
 */
export class BurstDebouncer {
  /** Per key: when it was last requested, and the trailing run waiting, if any. */
  private readonly keys = new Map<string, { last: number; timer: unknown }>();

  constructor(
    private readonly waitMs: number,
    private readonly clock: DebounceClock = realClock,
  ) {}

  /** Runs `run` now if `key` was quiet for `waitMs`, else once when the burst ends. */
  request(key: string, run: () => void): void {
    const now = this.clock.now();
    const state = this.keys.get(key);
    if (state?.timer !== undefined) this.clock.clearTimeout(state.timer);
    const quiet = state === undefined || now - state.last >= this.waitMs;
    const next = { last: now, timer: undefined as unknown };
    this.keys.set(key, next);
    if (quiet) {
      // Forget the key once the window has passed, so the map does not grow with closed documents.
      next.timer = this.clock.setTimeout(() => {
        if (this.keys.get(key) === next) this.keys.delete(key);
      }, this.waitMs);
      // A trailing run still waiting (a busy event loop) is covered by this one.
      run();
      return;
    }
    next.timer = this.clock.setTimeout(() => {
      // The burst is over (waitMs since its last request): the next request is a leading one.
      if (this.keys.get(key) === next) this.keys.delete(key);
      run();
    }, this.waitMs);
  }

  /** Drops what is waiting for `key` (the document closed). */
  cancel(key: string): void {
    const state = this.keys.get(key);
    if (state?.timer !== undefined) this.clock.clearTimeout(state.timer);
    this.keys.delete(key);
  }

  dispose(): void {
    for (const key of [...this.keys.keys()]) this.cancel(key);
  }
}
