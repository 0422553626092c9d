// "Send to terminal" into a new terminal: the command appears once, after the shell's prompt.
// Typed before the shell has drawn its prompt, it would show twice (the terminal's echo, then
// the shell's line editor), which is what users saw.
import assert from 'node:assert/strict';
import { openPreviewOf } from '../previewSteps.mjs';

export const title = 'Send to terminal from the preview shows the command once in a new terminal';
// The DOM renderer keeps the terminal's text in the page, where the scenario can read it.
export const settings = { 'terminal.integrated.gpuAcceleration': 'off' };

async function terminalText(page) {
  return page.locator('.terminal-wrapper.active .xterm-rows').first().evaluate((rows) =>
    [...rows.children].map((row) => row.textContent ?? '').join('').replace(/\u00a0/g, ' '));
}

export default async function ({ page, workspaceDir }) {
  const { frame } = await openPreviewOf(page, workspaceDir);
  const button = frame.locator('button[data-action="send-to-terminal"]').first();
  await button.waitFor({ state: 'visible', timeout: 30_000 });
  const command = await button.getAttribute('data-command');
  assert.ok(command, 'the button carries its command');
  const probe = command.slice(0, 24);
  await button.click();

  await page.locator('.terminal-wrapper.active .xterm-rows').first().waitFor({ state: 'visible', timeout: 30_000 });
  // Wait until the command is there and the screen has settled (no redraw for a second).
  let text = '';
  let stableSince = Date.now();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = await terminalText(page);
    if (now !== text) {
      text = now;
      stableSince = Date.now();
    } else if (text.includes(probe) && Date.now() - stableSince >= 1500 && (text.indexOf(probe) > 0 || text.split(probe).length > 2)) {
      // Settled, with the prompt drawn (before the command, or after a first echo of it).
      break;
    }
    if (Date.now() > deadline) throw new Error(`the terminal never showed the command; it shows: ${text.trim().slice(0, 300)}`);
    await page.waitForTimeout(100);
  }
  const count = text.split(probe).length - 1;
  assert.equal(count, 1, `the command shows once, not ${count} times; the terminal shows: ${text.trim().slice(0, 400)}`);
}
