// The preview stays legible in light, dark and high-contrast themes: every kind of text it shows
// (card, body, chips, code, captions) is measured against the background it sits on, with the
// WCAG contrast ratio, in each theme. A high-contrast screenshot goes to the docs.
import assert from 'node:assert/strict';
import { openPreviewOf, useTheme } from '../previewSteps.mjs';

export const title = 'the Hugo preview is legible in light, dark and high-contrast themes (WCAG contrast of its text)';

const THEMES = [
  { label: 'Light Modern', workbenchClass: 'vs', minimum: 4.5 },
  { label: 'Dark Modern', workbenchClass: 'vs-dark', minimum: 4.5 },
  { label: 'Dark High Contrast', workbenchClass: 'hc-black', minimum: 7 },
];

/** Elements whose text a reader must be able to read (the first of each kind on the page). */
const TEXT = ['.dn-card-title', '.dn-card-meta', '.dn-date-written', '.dn-terms-label', '.dn-badge', '.dn-card-description', '.dn-chip', '.dn-content :not(pre) > code', '.dn-content p', '.dn-content h2', '.dn-content a', 'pre > code', '.dn-code-lang', 'figcaption'];

export default async function ({ page, workspaceDir, screenshot }) {
  let frame;
  try {
    for (const theme of THEMES) {
      await useTheme(page, theme.label, theme.workbenchClass);
      frame ??= (await openPreviewOf(page, workspaceDir)).frame;
      const body = frame.locator('body');
      // The webview learns the theme from VS Code (its body class); wait until it has.
      const bodyClass = theme.workbenchClass === 'vs' ? 'vscode-light' : theme.workbenchClass === 'vs-dark' ? 'vscode-dark' : 'vscode-high-contrast';
      const deadline = Date.now() + 30_000;
      while (!(await body.evaluate((b, c) => b.classList.contains(c), bodyClass))) {
        assert.ok(Date.now() < deadline, `the preview switched to ${theme.label}`);
        await page.waitForTimeout(250);
      }
      await page.waitForTimeout(300);
      const measured = await body.evaluate(measureContrast, TEXT);
      assert.ok(measured.length >= 6, `found the preview's text elements (${measured.map((m) => m.selector).join(', ')})`);
      const poor = measured.filter((m) => m.ratio < theme.minimum);
      assert.deepEqual(
        poor.map((m) => `${m.selector} ${m.ratio.toFixed(2)}:1 (${m.color} on ${m.background})`),
        [],
        `${theme.label}: text below ${theme.minimum}:1`,
      );
      if (theme.workbenchClass === 'hc-black') await screenshot('preview-high-contrast');
    }
  } finally {
    // The theme picker writes user settings, which later scenarios share.
    await useTheme(page, 'Light Modern', 'vs').catch(() => {});
  }
}

/** Runs in the webview: the WCAG contrast ratio of each selector's first visible element. */
function measureContrast(_body, selectors) {
  // Computed colours come as rgb()/rgba(), or as color(srgb r g b / a) for color-mix() results.
  const parse = (c) => {
    const rgb = c.match(/^rgba?\(([^)]+)\)$/);
    if (rgb) {
      const [r, g, b, a = 1] = rgb[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    }
    const srgb = c.match(/^color\(srgb ([^)]+)\)$/);
    if (srgb) {
      const [r, g, b, a = 1] = srgb[1].split(/[ /]+/).filter(Boolean).map(Number);
      return { r: r * 255, g: g * 255, b: b * 255, a };
    }
    throw new Error(`cannot read the colour ${c}`);
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  // The background behind an element: its own and its ancestors' colours, layered.
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a === 1) break;
    }
    let color = { r: 255, g: 255, b: 255, a: 1 };
    const root = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (root.a === 1 && !layers.some((l) => l.a === 1)) color = root;
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };
  const luminance = ({ r, g, b }) => {
    const lin = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const out = [];
  for (const selector of selectors) {
    const el = [...document.querySelectorAll(selector)].find((e) => e.getClientRects().length > 0 && (e.textContent ?? '').trim() !== '');
    if (!el) continue;
    const background = backgroundOf(el);
    const color = over(parse(getComputedStyle(el).color), background);
    const [hi, lo] = [luminance(color), luminance(background)].sort((a, b) => b - a);
    const fmt = (c) => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;
    out.push({ selector, ratio: (hi + 0.05) / (lo + 0.05), color: fmt(color), background: fmt(background) });
  }
  return out;
}
