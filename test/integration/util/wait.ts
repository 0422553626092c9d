/**
 * Polls `check` every 100 ms until it returns a value other than undefined or false, and returns
 * it; fails naming `what` after `timeoutMs`. For state the extension reaches asynchronously
 * (a watcher event, a debounced edit), never for timing assertions.
 */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
