// `--profile`: CPU profiles of the window's extension host (over its inspector, code-server's
// --inspect-extensions) and Chromium traces of the workbench page around the timed steps, with the
// epoch stamps of every timed sample, so a figure can be split into where its time went.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ws as WebSocket } from 'playwright-core/lib/utilsBundle';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A CDP session over a WebSocket to a node inspector (the extension host's). */
async function inspectorSession({ port, pid }, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let target;
  for (;;) {
    try {
      const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      target = list.find((t) => t.webSocketDebuggerUrl);
      if (target) break;
    } catch {
      // The host has not opened its inspector yet.
    }
    if (Date.now() > deadline) throw new Error(`no extension host inspector on port ${port}`);
    await sleep(250);
  }
  const socket = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let next = 1;
  const waiting = new Map();
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data));
    const w = msg.id !== undefined && waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(`${w.method}: ${msg.error.message}`));
    else w.resolve(msg.result);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject, method });
      socket.send(JSON.stringify({ id, method, params }));
    });
  const session = { send, close: () => socket.close() };
  // The default port could be another process's: make sure it is the window's host.
  const { result } = await send('Runtime.evaluate', { expression: 'process.pid', returnByValue: true });
  if (result.value !== pid) {
    session.close();
    throw new Error(`the inspector on port ${port} is process ${result.value}, not the extension host ${pid}`);
  }
  return session;
}

/**
 * The host's monotonic clock against the epoch (ms), read in the host: CPU profile time stamps
 * are monotonic microseconds (V8's and libuv's clocks are both CLOCK_MONOTONIC on Linux).
 */
async function hostClockOffset(session) {
  const { result } = await session.send('Runtime.evaluate', { expression: 'Date.now() - Number(process.hrtime.bigint() / 1000n) / 1000', returnByValue: true });
  return result.value;
}

/**
 * Starts the profilers for one step; `stop()` writes `<dir>/<name>.cpuprofile` (the host, when
 * it has an inspector), `<name>.trace.json` (the page) and `<name>.marks.json` (the samples'
 * stamps, the host clock's offset) and returns their paths.
 */
export async function startProfiles({ dir, name, browser, page, inspector }) {
  const host = inspector ? await inspectorSession(inspector) : undefined;
  if (host) {
    await host.send('Profiler.enable');
    await host.send('Profiler.setSamplingInterval', { interval: 200 });
    await host.send('Profiler.start');
  }
  await browser.startTracing(page, { screenshots: false, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel', 'input', 'latencyInfo', 'disabled-by-default-v8.cpu_profiler'] });
  const marks = [];
  return {
    /** A timed sample: its label and its input and answer stamps (epoch ms). */
    mark: (label, input, shown) => marks.push({ label, input, shown, ms: shown - input }),
    async stop() {
      const written = [];
      const trace = await browser.stopTracing();
      writeFileSync(path.join(dir, `${name}.trace.json`), trace);
      written.push(`${name}.trace.json`);
      let hostOffsetMs;
      if (host) {
        const { profile } = await host.send('Profiler.stop');
        hostOffsetMs = await hostClockOffset(host);
        host.close();
        writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
        written.push(`${name}.cpuprofile`);
      }
      // Chromium's trace time stamps are CLOCK_MONOTONIC microseconds too: this process's own offset maps them.
      const traceOffsetMs = Date.now() - Number(process.hrtime.bigint() / 1000n) / 1000;
      writeFileSync(path.join(dir, `${name}.marks.json`), `${JSON.stringify({ hostOffsetMs, traceOffsetMs, marks }, null, 2)}\n`);
      written.push(`${name}.marks.json`);
      return written;
    },
  };
}
