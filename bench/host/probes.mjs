// Latency probes inside the workbench page and its webviews: the browser stamps the user's input
// and the first frame that shows the answer, so the driver's round trips are not in the figure.
// Times are epoch milliseconds (performance.timeOrigin + now) so frames of different documents
// (the workbench, a webview) compare on one clock.

let nextId = 0;

/**
 * Stamps the first `key` keydown (or, with key 'click', the first pointerdown) the page receives
 * from now on, at the event's own time stamp: when the browser took the input, even if the page
 * was too busy to handle it at once.
 */
export async function armInput(page, key) {
  const id = `in${nextId++}`;
  await page.evaluate(({ id, key }) => {
    const probes = (window.__hostBench ??= {});
    const probe = (probes[id] = { at: undefined });
    const type = key === 'click' ? 'pointerdown' : 'keydown';
    const on = (e) => {
      if (key !== 'click' && e.key !== key) return;
      probe.at = performance.timeOrigin + e.timeStamp;
      window.removeEventListener(type, on, true);
    };
    window.addEventListener(type, on, true);
  }, { id, key });
  return { frame: page, id };
}

/**
 * Watches `frame` (the workbench or a webview's document) until `until` holds, checked on every
 * DOM change: `selector` matches at least `count` elements (default 1; with `more`, one more than
 * match now), each rendered (has a box) when `visible`, containing `text` and matching `pattern`
 * (a regular expression's source) when given. Stamps the DOM change that made it true and
 * the animation frame after it (the paint that shows it). Throws when it already holds: such a
 * probe could not fail.
 */
export async function armUntil(frame, until) {
  const id = `until${nextId++}`;
  const holds = await frame.evaluate(({ id, until }) => {
    const now = () => performance.timeOrigin + performance.now();
    const test = () => {
      let n = 0;
      for (const el of document.querySelectorAll(until.selector)) {
        if (until.visible && el.getClientRects().length === 0) continue;
        if (until.text !== undefined && !(el.textContent ?? '').includes(until.text)) continue;
        if (until.pattern !== undefined && !new RegExp(until.pattern).test(el.textContent ?? '')) continue;
        n++;
      }
      return n;
    };
    // `more`: one more match than now (a new squiggle among those already shown).
    const count = until.more ? test() + 1 : (until.count ?? 1);
    const probes = (window.__hostBench ??= {});
    const probe = (probes[id] = { dom: undefined, at: undefined });
    if (test() >= count) return true;
    const observer = new MutationObserver(() => {
      if (probe.dom !== undefined || test() < count) return;
      probe.dom = now();
      observer.disconnect();
      requestAnimationFrame(() => (probe.at = now()));
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
    return false;
  }, { id, until });
  if (holds) throw new Error(`the probe's end already holds before the input: ${JSON.stringify(until)}`);
  return { frame, id };
}

/** Waits until a probe has its stamp; returns it (epoch ms). */
export async function stampOf(probe, { timeoutMs = 60_000, what = probe.id } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = await probe.frame.evaluate((id) => window.__hostBench?.[id]?.at, probe.id);
    if (typeof at === 'number') return at;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Arms both ends, runs `act` (which gives the input), and returns both stamps (epoch ms). */
export async function stamps(page, { input, endFrame = page, until, act, timeoutMs, what }) {
  const end = await armUntil(endFrame, until);
  const start = await armInput(page, input);
  await act();
  const t0 = await stampOf(start, { timeoutMs, what: `${what}: the input` });
  const t1 = await stampOf(end, { timeoutMs, what });
  return { input: t0, shown: t1 };
}

/** {@link stamps}, as the time in ms from the input to the frame that shows its answer. */
export async function latency(page, options) {
  const { input, shown } = await stamps(page, options);
  return shown - input;
}

/** The documents inside the webviews the workbench shows (VS Code nests each in two iframes). */
export async function webviewDocuments(page) {
  const frames = [];
  for (const outer of await page.locator('iframe.webview.ready').elementHandles()) {
    const host = await outer.contentFrame();
    const inner = await host?.$('#active-frame');
    const frame = await inner?.contentFrame();
    if (frame) frames.push(frame);
  }
  return frames;
}

/** The webview document in which `selector` matches, waiting for it to render. */
export async function webviewWith(page, selector, { timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of await webviewDocuments(page)) {
      if (await frame.evaluate((s) => document.querySelector(s) !== null, selector).catch(() => false)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview showed ${selector} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
