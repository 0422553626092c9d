import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openPreviewOf, useTheme } from '../previewSteps.mjs';

export const title = 'the Hugo preview beside a demo post, light theme';
export const settings = { 'workbench.colorTheme': 'Default Light Modern' };

export default async function ({ page, workspaceDir, screenshot }) {
  await useTheme(page, 'Light Modern', 'vs');
  const { post, frame, title: shown } = await openPreviewOf(page, workspaceDir);
  const written = /^title:\s*"?(.*?)"?\s*$/m.exec(readFileSync(path.join(workspaceDir, post), 'utf8'))?.[1];
  assert.equal(shown, written, 'the card shows the front matter title');
  assert.ok(await frame.locator('.dn-chip').count(), 'tag chips');
  assert.ok(await frame.locator('button[data-action="copy"]').count(), 'copy buttons on code blocks');
  assert.equal(await frame.locator('script[nonce][src$="dist/preview.js"]').count(), 1, 'our script, loaded by nonce');
  assert.equal(await frame.locator('.dn-content script, .dn-content iframe, .dn-content [onerror]').count(), 0, 'no script or frame from the post');
  // Code blocks read like VS Code's own preview: the editor's foreground, no inline-code
  // background or padding (which painted a stripe on every line).
  const code = await frame.locator('.dn-code pre > code:not(.language-console)').first().evaluate((el) => {
    const cs = getComputedStyle(el);
    return { background: cs.backgroundColor, padding: cs.paddingLeft, color: cs.color, body: getComputedStyle(document.body).color };
  });
  assert.equal(code.background, 'rgba(0, 0, 0, 0)', 'no background on the code element');
  assert.equal(code.padding, '0px');
  assert.equal(code.color, code.body, 'code in the editor foreground');
  // A console session: prompt, command and output each look different.
  const session = await frame.locator('code.language-console').first().evaluate((el) => {
    const style = (sel) => { const n = el.querySelector(sel); return n && { color: getComputedStyle(n).color, weight: getComputedStyle(n).fontWeight }; };
    return { prompt: style('.hljs-meta.prompt_'), command: style('.language-bash'), output: { color: getComputedStyle(el).color } };
  });
  assert.ok(session.prompt && session.command, 'the console block is highlighted as a session');
  assert.notEqual(session.prompt.color, session.output.color, 'the prompt stands apart from the output');
  assert.notEqual(session.command.color, session.output.color, 'the command stands apart from the output');
  // The card's date never breaks inside itself.
  assert.equal(await frame.locator('.dn-card .dn-date time').first().evaluate((el) => getComputedStyle(el).whiteSpace), 'nowrap');
  await screenshot('preview-light');
}
