// `npm run bench -- --host`: the extension in the real editor. Drives code-server in Debian's
// Chromium with playwright-core, as the e2e tier does (test/e2e/workbench.mjs,
// scripts/code-server.mjs), on a fresh copy of a bench site per window, and times what a user
// waits for against VS Code's own features in a window without the extension, in the same round.
// It returns raw samples; bench/host/main.ts turns them into rows.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { ensureCodeServer, startCodeServer } from '../../scripts/code-server.mjs';
import { goToLine } from '../../test/e2e/previewSteps.mjs';
import { isExtensionError, launchBrowser, openDevOpsNotesView, openFile, openWorkbench, runCommand, runContextMenuItem, waitForExtensionsIdle } from '../../test/e2e/workbench.mjs';
import { startProfiles } from './profile.mjs';
import { latency, stamps, webviewWith } from './probes.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ctrl = (key) => `${process.platform === 'darwin' ? 'Meta' : 'Control'}+${key}`;

/** Rows of the Posts by Tag tree; term rows show their post count as the description. */
const TREE_ROWS = '.part.sidebar .pane-body .monaco-list-row';
const TERM_COUNT = `${TREE_ROWS} .label-description`;
const PALETTE_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';
/**
 * Error squiggles: the breaking key's (fm/syntax, JSON's trailing comma) is one. Warnings are left
 * out: a post's term-spelling advice follows the index, which takes in the broken and the undone
 * text a moment after each, so the count taken before a key could miss a warning that the checks
 * after the undo show again, and "the squiggle gone after undo" then waited in vain (seen with
 * --squiggles=7, in old and new builds alike).
 */
const SQUIGGLES = '.editor-instance .monaco-editor .view-overlays [class*="squiggly-error"]';
/** Memory is read this long after the work it follows, once the host's own timers have run. */
const SETTLE_MS = 3000;

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every file under `dir` (relative path → SHA-1 of its bytes), to prove an undo gave back every byte. */
function hashTree(dir) {
  const out = new Map();
  for (const rel of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!rel.isFile()) continue;
    const full = path.join(rel.parentPath ?? rel.path, rel.name);
    out.set(path.relative(dir, full), createHash('sha1').update(readFileSync(full)).digest('hex'));
  }
  return out;
}

/** Processes of code-server's process group (it runs detached: its pid is the group id). */
function groupProcesses(pgid) {
  const out = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      const rssKB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
      out.push({ pid: Number(pid), cmdline, rssKB });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** RSS (MB) of the window's extension host: the one process of the server started with --type=extensionHost. */
function extensionHostRssMB(server) {
  const hosts = groupProcesses(server.process.pid).filter((p) => p.cmdline.includes('--type=extensionHost'));
  if (hosts.length !== 1) throw new Error(`expected one extension host process, found ${hosts.length}`);
  return { pid: hosts[0].pid, rssMB: hosts[0].rssKB / 1024 };
}

/** "2026-12-07 16:13:03.283" as the host wrote it (local time) → epoch ms. */
function logTime(stamp) {
  const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)\.(\d+)/.exec(stamp);
  return m ? new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]).getTime() : NaN;
}

/** The lines of the window's log file whose name ends with `name` (the first window's: exthost1). */
function logLines(userDataDir, name) {
  const logs = path.join(userDataDir, 'logs');
  if (!existsSync(logs)) return [];
  const file = readdirSync(logs, { recursive: true }).map(String).find((f) => f.endsWith(name));
  return file ? readFileSync(path.join(logs, file), 'utf8').split('\n') : [];
}

/** The time of the first line of the extension host's own log that matches `pattern` (epoch ms). */
function hostLogTime(userDataDir, pattern) {
  const line = logLines(userDataDir, 'remoteexthost.log').find((l) => pattern.test(l));
  return line ? logTime(line) : undefined;
}

/** The "indexed N posts in X ms" lines of the extension's Post Index log, oldest first. */
function indexLogLines(userDataDir) {
  const lines = [];
  for (const line of logLines(userDataDir, 'Post Index.log')) {
    const m = /^(\S+ \S+) \[info\] indexed (\d+) posts in (\d+) ms/.exec(line);
    if (m) lines.push({ end: logTime(m[1]), posts: Number(m[2]), ms: Number(m[3]) });
  }
  return lines;
}

async function waitForIndexLine(userDataDir, n, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = indexLogLines(userDataDir);
    if (lines.length >= n) return lines[n - 1];
    if (Date.now() > deadline) throw new Error(`the extension logged no index #${n} within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function until(what, check, timeoutMs, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The command palette: F1 → its list shown (rows rendered). Closed again afterwards. */
async function paletteLatency(page, mark) {
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  const { input, shown } = await stamps(page, {
    input: 'F1',
    until: { selector: PALETTE_ROWS, visible: true },
    act: () => page.keyboard.press('F1'),
    what: 'the command palette list',
  });
  const ms = shown - input;
  mark?.('F1', input, shown);
  const shownAt = Date.now();
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  return { ms, shownAt };
}

/**
 * Types one character at a time at the editor's cursor, which sits right after `marker` in the
 * text, and times each key until `frame` (a preview's document) shows the text so far. Pauses
 * between keys so each is the first after a pause, as a reader's edit is.
 */
async function previewKeystrokes(page, frame, marker, keys, pauseMs) {
  const samples = [];
  let typed = marker;
  for (const key of keys) {
    typed += key;
    samples.push(
      await latency(page, {
        input: key,
        endFrame: frame,
        until: { selector: 'body', text: typed },
        act: () => page.keyboard.press(key),
        what: `the preview showing "${typed}"`,
      }),
    );
    await sleep(pauseMs);
  }
  return samples;
}

/**
 * Types `key` (which breaks the file) at the cursor and times it until one more squiggle shows;
 * undoes it and waits for the squiggle to go. The first round warms the checker and is not kept.
 */
async function squiggleKeystrokes(page, key, count, pauseMs, mark) {
  const samples = [];
  for (let i = 0; i <= count; i++) {
    const before = await page.locator(SQUIGGLES).count();
    const { input, shown } = await stamps(page, {
      input: key,
      until: { selector: SQUIGGLES, more: true },
      act: () => page.keyboard.press(key),
      what: 'a new squiggle',
    });
    mark?.(i > 0 ? `key ${i}` : 'warm-up key', input, shown);
    if (i > 0) samples.push(shown - input);
    await page.keyboard.press(ctrl('Z'));
    await until('the squiggle to go after undo', async () => (await page.locator(SQUIGGLES).count()) <= before, 30_000, 100);
    await sleep(pauseMs);
  }
  return samples;
}

/**
 * Scrolls the Posts by Tag tree (a virtual list: only rows in view exist) until `row` shows, in
 * the middle of the view, so that a name sorted a few rows away shows too.
 */
async function scrollTreeTo(page, row) {
  const body = page.locator('.part.sidebar .pane-body').first();
  await page.locator(TERM_COUNT).first().waitFor({ state: 'visible', timeout: 60_000 });
  const box = await body.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 200 && !(await row.isVisible()); i++) {
    await page.mouse.wheel(0, box.height / 2);
    await sleep(100);
  }
  await row.waitFor({ state: 'visible', timeout: 5_000 });
  const at = await row.boundingBox();
  await page.mouse.wheel(0, at.y + at.height / 2 - (box.y + box.height / 2));
  await sleep(300);
  await row.waitFor({ state: 'visible', timeout: 5_000 });
}

/** Puts the cursor on `line` (1-based) of the active editor, at its end. */
async function cursorAtEndOf(page, line) {
  await goToLine(page, line);
  await page.keyboard.press('End');
}

/** Waits until the window's extension host has started its extensions and the status bar is idle. */
async function hostStarted(page, userDataDir) {
  await until('the extension host to start its extensions', () => hostLogTime(userDataDir, /Eager extensions activated/), 120_000);
  await waitForExtensionsIdle(page);
  return {};
}

/** Opens the window's extension host's inspector; its port and pid. */
async function openInspector(server) {
  const { pid } = extensionHostRssMB(server);
  process.kill(pid, 'SIGUSR1');
  return { port: 9229, pid };
}

/** Runs `step`, keeping its result or its error; a failed step does not stop the window. */
async function attempt(result, name, step, page, failureDir) {
  // `--only`: the steps its rows need ('ready' always runs: every step starts from it).
  if (name !== 'ready' && result.steps && !result.steps.includes(name)) return;
  const t = Date.now();
  try {
    result[name] = await step();
  } catch (err) {
    result.errors[name] = String(err.message ?? err).split('\n')[0];
    if (page && failureDir) await page.screenshot({ path: path.join(failureDir, `host-bench-${result.kind}-r${result.round}-${name}.png`) }).catch(() => {});
  }
  result.stepSeconds[name] = Math.round((Date.now() - t) / 100) / 10;
}

/**
 * Runs `fn(mark)`; with `--profile`, inside CPU profiles of the extension host and a trace of the
 * page (bench/host/profile.mjs), `mark` recording each timed sample's stamps with them.
 */
async function profiled(ctx, result, step, page, fn) {
  const { profileDir } = ctx.options;
  if (!profileDir) return fn(undefined);
  const name = `r${result.round}-${result.kind}-${step}`;
  const inspector = result.inspect ? await result.inspect() : undefined;
  const profiles = await startProfiles({ dir: profileDir, name, browser: ctx.browser, page, inspector });
  try {
    return await fn(profiles.mark);
  } finally {
    (result.profiles ??= []).push(...(await profiles.stop()));
  }
}

/** A window with the extension: index, memory and refreshes, rename and undo, preview, squiggle. */
async function ourWindow(ctx, page, server, userDataDir, workspaceDir, result) {
  const { options } = ctx;
  const fail = ctx.failureDir;
  await attempt(result, 'ready', async () => {
    // Ready: the workbench is up and its extension host has started its extensions (VS Code's own
    // start is not ours to time); then the user clicks the view's icon.
    await hostStarted(page, userDataDir);
    const { input, shown } = await stamps(page, {
      input: 'click',
      until: { selector: TERM_COUNT, visible: true, pattern: '^\\d+$' },
      act: () => openDevOpsNotesView(page),
      timeoutMs: 180_000,
      what: 'the first tag rows',
    });
    const index = await waitForIndexLine(userDataDir, 1);
    // Where the time went, from the host's logs (ms after the click; millisecond stamps).
    const activated = hostLogTime(userDataDir, /_doActivateExtension devops-notes\.devops-notes/);
    const timeline = { activated: activated - input, indexStarted: index.end - index.ms - input, indexEnded: index.end - input, rowsShown: shown - input };
    return { viewToRowsMs: shown - input, hostIndexMs: index.ms, posts: index.posts, timeline };
  }, page, fail);
  if (result.errors.ready) return;

  await attempt(result, 'memory', async () => {
    await sleep(SETTLE_MS);
    const first = extensionHostRssMB(server);
    const palette = [];
    await profiled(ctx, result, 'memory', page, async (mark) => {
      for (let i = 1; i <= options.refreshes; i++) {
        await runCommand(page, 'DevOps Notes: Refresh Posts');
        const p = await paletteLatency(page, mark);
        const line = await waitForIndexLine(userDataDir, 1 + i);
        // While indexing: the palette opened after the scan began and showed before it ended.
        palette.push({ ms: p.ms, duringIndex: p.shownAt - p.ms >= line.end - line.ms && p.shownAt - p.ms <= line.end, indexMs: line.ms });
      }
    });
    await sleep(SETTLE_MS);
    const after = extensionHostRssMB(server);
    return { afterIndexMB: first.rssMB, afterRefreshesMB: after.rssMB, pid: first.pid, samePid: first.pid === after.pid, palette };
  }, page, fail);

  await attempt(result, 'rename', async () => {
    const { term } = options;
    const files = term.posts.map((p) => path.join(workspaceDir, p));
    const before = hashTree(workspaceDir);
    const row = page.locator(TREE_ROWS).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(term.display)}$`) }) }).first();
    await scrollTreeTo(page, row);
    await runContextMenuItem(page, row, 'Rename Tag or Category in All Posts…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(term.newName);
    const dialog = page.locator('.monaco-dialog-box');
    const planMs = await latency(page, {
      input: 'Enter',
      until: { selector: '.monaco-dialog-box', visible: true },
      act: () => page.keyboard.press('Enter'),
      timeoutMs: 180_000,
      what: 'the rename confirmation',
    });
    const dialogText = await dialog.innerText();
    const question = dialogText.split('\n').find((l) => /^Rename /.test(l)) ?? '';
    const clicked = Date.now();
    const applyMs = await latency(page, {
      input: 'click',
      until: { selector: `${TREE_ROWS} .label-name`, pattern: `^${escapeRegExp(term.newName)}$` },
      act: () => dialog.locator('.monaco-button', { hasText: /^Rename$/ }).click(),
      timeoutMs: 300_000,
      what: 'the renamed tag in the tree',
    });
    // files.refactoring.autoSave saves what the edit opened; Save All covers any left unsaved.
    const onDisk = () => files.every((f) => readFileSync(f, 'utf8').includes(term.newName));
    const saved = await until('the renamed posts on disk', onDisk, 90_000, 500).catch(() => false);
    if (!saved) {
      await runCommand(page, 'File: Save All');
      await until('the renamed posts on disk after Save All', onDisk, 60_000, 500);
    }
    const savedMs = Date.now() - clicked;
    const changed = [...hashTree(workspaceDir)].filter(([f, h]) => before.get(f) !== h).length;

    // One undo, from one of the edited posts, restores all of them; then Save All.
    const undoStarted = Date.now();
    await openFile(page, term.posts[0]);
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press(ctrl('Z'));
    const undoAll = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Undo in \d+ Files/ });
    if (await undoAll.isVisible({ timeout: 5_000 }).catch(() => false)) await undoAll.click();
    await runCommand(page, 'File: Save All');
    let differing = -1;
    await until('every byte back after undo', () => {
      const after = hashTree(workspaceDir);
      differing = [...before].filter(([f, h]) => after.get(f) !== h).length;
      return differing === 0;
    }, 240_000, 1000).catch(() => {});
    return { planMs, applyMs, question, dialog: dialogText.split('\n').filter((l) => l.trim() && !/^(Cancel|Rename)$/.test(l)).join(' / '), savedMs, savedByRefactoring: saved, filesChanged: changed, expectedFiles: files.length, undoMs: Date.now() - undoStarted, filesHashed: before.size, differingAfterUndo: differing };
  }, page, fail);

  await attempt(result, 'preview', async () => {
    await openFile(page, options.post.path);
    await runCommand(page, 'DevOps Notes: Open Hugo Preview to the Side');
    const frame = await webviewWith(page, '.dn-card-title');
    return { samples: await typeIntoPreview(ctx, page, frame) };
  }, page, fail);

  await timeSquiggles(ctx, result, page, fail, options.post);
}

/** The squiggle step of either window: `file`'s break key typed at the end of its break line. */
function timeSquiggles(ctx, result, page, fail, file) {
  return attempt(result, 'squiggle', async () => {
    await openFile(page, file.path);
    await cursorAtEndOf(page, file.breakLine);
    return { samples: await profiled(ctx, result, 'squiggle', page, (mark) => squiggleKeystrokes(page, file.breakKey, ctx.options.squiggles, 800, mark)) };
  }, page, fail);
}

/** Types the marker at the top of the body and then the timed keys after it. */
async function typeIntoPreview(ctx, page, frame) {
  const { options } = ctx;
  await cursorAtEndOf(page, options.post.markerLine);
  await page.keyboard.type(options.post.marker);
  await until('the marker in the preview', () => frame.evaluate((m) => document.body.textContent.includes(m), options.post.marker), 60_000, 100);
  await sleep(800);
  return previewKeystrokes(page, frame, options.post.marker, options.keys, 800);
}

/** The same user's steps without the extension, with VS Code's own features. */
async function baselineWindow(ctx, page, server, userDataDir, workspaceDir, result) {
  const { options } = ctx;
  const fail = ctx.failureDir;
  await attempt(result, 'ready', () => hostStarted(page, userDataDir), page, fail);
  await attempt(result, 'memory', async () => {
    await sleep(SETTLE_MS);
    const first = extensionHostRssMB(server);
    const palette = [];
    await profiled(ctx, result, 'memory', page, async (mark) => {
      for (let i = 1; i <= options.refreshes; i++) {
        // A command from the palette first, as our window runs Refresh Posts from it.
        await runCommand(page, 'View: Show Explorer');
        palette.push({ ms: (await paletteLatency(page, mark)).ms });
        await sleep(500);
      }
    });
    return { afterIndexMB: first.rssMB, pid: first.pid, palette };
  }, page, fail);

  await attempt(result, 'rename', async () => {
    const { term } = options;
    const files = term.posts.map((p) => path.join(workspaceDir, p));
    await page.keyboard.press(ctrl('Shift+F'));
    const view = page.locator('.search-view');
    const search = view.locator('.search-widget .search-container textarea').first();
    await search.waitFor({ state: 'visible', timeout: 30_000 });
    const regex = view.locator('.search-widget .codicon-regex').first();
    if (!(await regex.evaluate((el) => el.classList.contains('checked')))) await regex.click();
    if (await view.locator('.replace-container.disabled').count()) await view.locator('.toggle-replace-button').click();
    await view.locator('.query-details .more').click();
    const exclude = view.locator('.file-types.excludes textarea, .file-types.excludes input').first();
    await exclude.fill(term.exclude.join(', '));
    await view.locator('.replace-container textarea').first().fill(term.newName);
    await search.fill(term.regex);
    const messages = view.locator('.result-messages, .messages');
    const searchStarted = Date.now();
    await search.press('Enter');
    // Results stream in: done once the count is the expected one and the search stopped.
    const expected = `${term.occurrences} result${term.occurrences === 1 ? '' : 's'} in ${term.posts.length} file`;
    await until('the search results', async () => (await messages.allInnerTexts()).join(' ').includes(expected), 180_000, 50);
    const searchMs = Date.now() - searchStarted;
    const dialog = page.locator('.monaco-dialog-box');
    const planMs = await latency(page, {
      input: 'click',
      until: { selector: '.monaco-dialog-box', visible: true },
      act: () => view.locator('.codicon-search-replace-all').first().click(),
      what: 'the Replace All confirmation',
    });
    const question = (await dialog.innerText()).split('\n').find((l) => /^Replace \d/.test(l)) ?? '';
    const clicked = Date.now();
    const applyMs = await latency(page, {
      input: 'click',
      until: { selector: '.search-view .messages', text: 'Replaced ' },
      act: () => dialog.locator('.monaco-button', { hasText: /^Replace$/ }).click(),
      timeoutMs: 300_000,
      what: 'Replace All to finish',
    });
    await until('the replaced posts on disk', () => files.every((f) => readFileSync(f, 'utf8').includes(term.newName)), 120_000, 500);
    return { planMs, applyMs, question, searchMs, savedMs: Date.now() - clicked };
  }, page, fail);

  await attempt(result, 'preview', async () => {
    await openFile(page, options.post.path);
    await runCommand(page, 'Markdown: Open Preview to the Side');
    const frame = await webviewWith(page, 'body.vscode-body, .markdown-body');
    await until('the built-in preview', () => frame.evaluate(() => document.body.textContent.trim().length > 0), 60_000, 100);
    return { samples: await typeIntoPreview(ctx, page, frame) };
  }, page, fail);

  await timeSquiggles(ctx, result, page, fail, options.json);
}

/**
 * One fresh window: its own copy of the site, its own code-server (so its extension host is the
 * only one to read memory from and nothing of a previous window lingers), its own browser context.
 */
async function freshWindow(ctx, kind, round) {
  const { options, browser } = ctx;
  const dir = path.join(ctx.runDir, `r${round}-${kind}`);
  const workspaceDir = path.join(dir, path.basename(options.site.dir));
  const t = Date.now();
  // Dereferenced: a linked site (a worktree's bench/sites/N) must be copied, never edited in place.
  cpSync(options.site.dir, workspaceDir, { recursive: true, dereference: true });
  writeFileSync(path.join(workspaceDir, options.json.path), options.json.text);
  const result = { kind, round, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100), errors: {}, extensionErrors: [], stepSeconds: { copy: Math.round((Date.now() - t) / 100) / 10 } };
  const wants = (step) => !options.steps || options.steps.includes(step);
  if (options.steps) Object.defineProperty(result, 'steps', { value: options.steps, enumerable: false });
  // The bench's own cold index of this very copy, just before the window opens on it.
  if (kind === 'ours' && wants('benchIndex')) result.benchIndex = await options.benchIndex(workspaceDir);
  const userDataDir = path.join(dir, 'user-data');
  const server = await startCodeServer({ userDataDir, extensionsDir: path.join(dir, 'extensions') });
  // `--profile`: the extension host opens its inspector (SIGUSR1, node's default port; code-server
  // takes no --inspect-extensions), for CPU profiles of the timed steps.
  if (options.profileDir && kind === 'ours') Object.defineProperty(result, 'inspect', { value: () => openInspector(server), enumerable: false });
  let page;
  try {
    const opened = Date.now();
    page = await openWorkbench(browser, server.url({ folder: workspaceDir, extensionDevelopmentPath: kind === 'ours' ? options.repoRoot : undefined }), {
      timeoutMs: 180_000,
      onConsole: (msg) => isExtensionError(msg, options.repoRoot) && result.extensionErrors.length < 5 && result.extensionErrors.push(msg.text.split('\n')[0]),
    });
    result.stepSeconds.workbench = Math.round((Date.now() - opened) / 100) / 10;
    await (kind === 'ours' ? ourWindow : baselineWindow)(ctx, page, server, userDataDir, workspaceDir, result);
  } finally {
    await page?.context().close().catch(() => {});
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

/** Runs the rounds (each: a window with the extension and one without, order alternating). */
export async function runHostBench(options) {
  const log = options.log ?? ((s) => process.stderr.write(`${s}\n`));
  // Interrupted, still run the 'exit' handlers that stop each code-server's process group.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.once(signal, () => process.exit(code));
  await ensureCodeServer();
  const runDir = mkdtempSync(path.join(tmpdir(), 'dnotes-host-bench-'));
  const failureDir = path.join(options.repoRoot, 'test-results');
  mkdirSync(failureDir, { recursive: true });
  const browser = await launchBrowser();
  const windows = [];
  try {
    const ctx = { options, browser, runDir, failureDir };
    for (let round = 1; round <= options.rounds; round++) {
      const kinds = round % 2 === 1 ? ['ours', 'baseline'] : ['baseline', 'ours'];
      for (const kind of kinds) {
        const t = Date.now();
        const w = await freshWindow(ctx, kind, round);
        windows.push(w);
        const errors = Object.entries(w.errors);
        log(`host round ${round}, ${kind} window: ${((Date.now() - t) / 1000).toFixed(0)} s (${Object.entries(w.stepSeconds).map(([k, v]) => `${k} ${v}`).join(', ')})${errors.length ? `; errors: ${errors.map(([k, v]) => `${k}: ${v}`).join('; ')}` : ''}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    rmSync(runDir, { recursive: true, force: true });
  }
  return { windows };
}
