// Drives the real VS Code workbench (served by code-server) in headless Chromium with
// playwright-core. Shared by the e2e scenarios, the package tier and the integration launcher.
import { chromium } from 'playwright-core';

/** Debian's Chromium by default; CHROME_PATH overrides (playwright's own browser download is not used). */
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which a
// closed network refuses, many at a time.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

export async function launchBrowser() {
  try {
    return await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    throw new Error(`could not start Chromium at ${CHROME_PATH} (install Debian's chromium or set CHROME_PATH): ${err.message}`, { cause: err });
  }
}

/**
 * Opens a workbench URL in a new page and waits until the workbench and its activity bar are up.
 * `onConsole(msg)` receives every console message of the page, which includes what the extension
 * host logs; `beforeLoad(page)` runs before the page loads (to expose functions to it).
 */
export async function openWorkbench(browser, url, { viewport = { width: 1280, height: 800 }, colorScheme = 'light', onConsole, beforeLoad, timeoutMs = 90_000 } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await beforeLoad?.(page);
  if (onConsole) {
    page.on('console', (msg) => onConsole({ type: msg.type(), text: msg.text() }));
    page.on('pageerror', (err) => onConsole({ type: 'pageerror', text: err.stack ?? String(err) }));
  }
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
  return page;
}

/** The activity bar entry of a view container, by its title. */
export function activityBarItem(page, title) {
  return page.locator(`.part.activitybar .action-item a[aria-label^="${title}"], .part.activitybar .action-item[aria-label^="${title}"]`).first();
}

/**
 * Page console errors that come from our extension or our tests: they name the extension (its
 * id, or the devopsNotes prefix of its commands and settings) or carry a stack frame in this
 * repository. The integration suite's closing "N test(s) failed" error is counted from its
 * results file instead.
 */
export function isExtensionError({ type, text }, extensionRoot) {
  if (type !== 'error' && type !== 'pageerror') return false;
  if (/\d+ test\(s\) failed, \d+ unhandled error\(s\)/.test(text)) return false;
  return text.includes('devops-notes') || text.includes('devopsNotes') || text.includes(extensionRoot.replace(/\/$/, ''));
}

/** Clicks the DevOps Notes activity bar icon and waits for the side bar to show the container. */
export async function openDevOpsNotesView(page, { timeoutMs = 30_000 } = {}) {
  const item = activityBarItem(page, 'DevOps Notes');
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  await item.click();
  const title = page.locator('.part.sidebar .composite.title .title-label');
  await title.filter({ hasText: /devops notes/i }).waitFor({ state: 'visible', timeout: timeoutMs });
  return { item, title };
}

/**
 * Waits until the status bar has shown no "Activating Extensions..." for a moment, so grammars
 * and themes have loaded (screenshots otherwise catch uncoloured text). Gives up quietly.
 */
export async function waitForExtensionsIdle(page, { quietMs = 1500, timeoutMs = 30_000 } = {}) {
  const busy = page.locator('.part.statusbar', { hasText: 'Activating Extensions' });
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (await busy.count()) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return true;
    await page.waitForTimeout(250);
  }
  return false;
}

/**
 * Takes a screenshot of the page once extensions are idle, with the mouse parked and, unless
 * `keepHovers`, hovers and tooltips hidden (only for the shot).
 */
export async function cleanScreenshot(page, file, { keepHovers = false } = {}) {
  await waitForExtensionsIdle(page);
  let style;
  if (!keepHovers) {
    await page.mouse.move(24, 600);
    style = await page.addStyleTag({ content: '.monaco-hover, .workbench-hover-container, .monaco-tooltip, .custom-hover { display: none !important; }' });
  }
  try {
    await page.screenshot({ path: file });
  } finally {
    await style?.evaluate((el) => el.remove());
  }
}

/** Presses a key with the platform's modifier (Ctrl here; Meta on macOS). */
function mod(key) {
  return `${process.platform === 'darwin' ? 'Meta' : 'Control'}+${key}`;
}

/**
 * Presses `key` until the quick input shows: on a busy machine the workbench sometimes drops a
 * key press that arrives while it moves focus (seen once in CI with Ctrl+P), so a press that
 * shows nothing within a few seconds is tried again, after Escape, within `timeoutMs`.
 */
async function openQuickInput(page, key, timeoutMs) {
  const input = page.locator('.quick-input-widget input');
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    const wait = Math.max(1000, Math.min(5000 * attempt, deadline - Date.now()));
    try {
      await input.waitFor({ state: 'visible', timeout: wait });
      return input;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/** Quick Open (Ctrl+P): opens a workspace file by its name and waits for its editor tab. */
export async function openFile(page, relativePath, { timeoutMs = 30_000 } = {}) {
  const name = relativePath.split('/').pop();
  await page.locator('.monaco-workbench').click({ position: { x: 640, y: 5 }, force: true }).catch(() => {});
  const input = await openQuickInput(page, mod('P'), timeoutMs);
  await input.fill(relativePath);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
  const tab = page.locator('.tabs-container .tab', { hasText: name }).first();
  await tab.waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: timeoutMs });
  return tab;
}

/** Runs a command by its palette label, e.g. "DevOps Notes: Show Version". */
export async function runCommand(page, label, { timeoutMs = 30_000 } = {}) {
  const input = await openQuickInput(page, 'F1', timeoutMs);
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
}

/** Waits for a notification toast whose text matches. */
export async function waitForNotification(page, text, { timeoutMs = 30_000 } = {}) {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return toast;
}

/**
 * Right-clicks `target` and runs its context-menu item `label`. A click that lands while the menu
 * is still setting up is ignored by the workbench (the menu stays open: 1 run in 2 once), so the
 * item is hovered until the menu has focused it, and clicked until the menu closes. A menu that
 * stays open never ran the action, so clicking again cannot run it twice.
 */
export async function runContextMenuItem(page, target, label, { timeoutMs = 15_000 } = {}) {
  await target.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  const item = menu.locator('.action-item', { has: page.locator('.action-label', { hasText: label }) }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  const focused = () => item.evaluate((el) => el.classList.contains('focused') || el.querySelector('.focused') !== null);
  await item.hover();
  while (!(await focused())) {
    if (Date.now() > deadline) throw new Error(`the context menu never focused "${label}" under the pointer`);
    await page.mouse.move(0, 0, { steps: 1 }).catch(() => {});
    await item.hover();
  }
  for (;;) {
    await item.click();
    try {
      await menu.waitFor({ state: 'hidden', timeout: 2_000 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`the context menu stayed open after clicking "${label}"`, { cause: err });
    }
  }
}
