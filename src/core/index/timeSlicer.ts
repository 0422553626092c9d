/**
 * Splits long synchronous work into slices so the thread that runs it (the extension host,
 * shared with every other extension) keeps answering. Call `shouldYield()` often and
 * `await yield()` when it says so.
 */
export class TimeSlicer {
  private sliceStart = performance.now();

  /** @param budgetMs how long one slice may run before yielding. */
  constructor(private readonly budgetMs = 10) {}

  shouldYield(): boolean {
    return performance.now() - this.sliceStart > this.budgetMs;
  }

  async yield(): Promise<void> {
    await yieldToEventLoop();
    this.sliceStart = performance.now();
  }
}

/** Lets queued I/O callbacks and timers run (a macrotask, not a microtask). */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (cb: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight. A rejection of `fn` stops the
 * run and rejects; callers that must not stop catch inside `fn`.
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
