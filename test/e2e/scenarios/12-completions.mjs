// Completions where users type, as the suggest widget shows them: the site's tags in front
// matter, shortcode names after `{{<`, and BuildKit `--mount` options in a ```dockerfile fence.
import assert from 'node:assert/strict';
import { openFile } from '../workbench.mjs';
import { goToLine } from '../previewSteps.mjs';

export const title = 'Completions show the site’s tags, shortcodes and --mount options in a fence';
// Typed text stays as typed: no auto-closed braces or backticks, no auto-indent.
export const settings = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'files.autoSave': 'off',
};

const POST = 'content/posts/buildkit-cache-mounts.md';

/** Opens the suggest widget at the cursor and returns the labels of its rows once `until` holds. */
async function suggest(page, until, what) {
  const widget = page.locator('.editor-widget.suggest-widget.visible');
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!(await widget.isVisible())) await page.keyboard.press('Control+Space');
    await widget.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
    const labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts().catch(() => []);
    if (until(labels)) return labels;
    if (Date.now() > deadline) throw new Error(`the suggest widget never showed ${what}; it showed: ${labels.join(', ') || 'nothing'}`);
    // Suggestions come from the live index: ask again until it has the site.
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }
}

export default async function ({ page, screenshot }) {
  await openFile(page, POST);

  // Tags: replace the last tag ("- go", line 10) with "- k" and ask for completions.
  await goToLine(page, 10);
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('- k');
  const tags = await suggest(page, (l) => l.includes('kubernetes'), 'the demo site’s tags');
  assert.ok(tags.includes('k3d'), `tags starting with k are offered (got ${tags.join(', ')})`);
  assert.ok(!tags.includes('k'), 'the half-typed term of this post is not offered as a term of the site');
  const kubernetes = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row', { hasText: 'kubernetes' }).first();
  assert.match(await kubernetes.innerText(), /\d+ posts?/, 'a term shows how many posts use it');
  await screenshot('completion-tags', { keepHovers: true });
  await page.keyboard.press('Escape');

  // Shortcodes: a new paragraph at the end of the post, then `{{< `.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('{{< ');
  const shortcodes = await suggest(page, (l) => l.includes('figure'), 'Hugo’s shortcodes');
  for (const name of ['highlight', 'ref', 'youtube']) assert.ok(shortcodes.some((l) => l === name), `${name} is offered (got ${shortcodes.join(', ')})`);
  await screenshot('completion-shortcode', { keepHovers: true });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Delete');

  // BuildKit: a Dockerfile fence; after `type=cache,` only the options of a cache mount.
  await page.keyboard.type('```dockerfile');
  await page.keyboard.press('Enter');
  await page.keyboard.type('RUN --mount=type=');
  const types = await suggest(page, (l) => l.includes('cache'), 'the mount types');
  assert.deepEqual(['bind', 'cache', 'secret', 'ssh', 'tmpfs'].filter((t) => types.includes(t)), ['bind', 'cache', 'secret', 'ssh', 'tmpfs']);
  await page.keyboard.press('Escape');
  await page.keyboard.type('cache,');
  const options = await suggest(page, (l) => l.includes('sharing'), 'the cache mount’s options');
  assert.ok(options.includes('target'), `target is offered (got ${options.join(', ')})`);
  assert.ok(!options.includes('required'), `required (secret and ssh mounts only) is not offered for a cache mount (got ${options.join(', ')})`);
  await screenshot('completion-mount', { keepHovers: true });
  await page.keyboard.press('Escape');
}
