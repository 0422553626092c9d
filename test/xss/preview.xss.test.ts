/**
 * Hostile posts in the real preview page, in headless Chromium: the page the webview loads
 * (built by the preview's own `previewShellHtml`, with its CSP and per-load nonce), the real
 * webview script (dist/preview.js) and the real renderer. Traps record any script that runs
 * (dialogs, a binding the payloads call, a global marker), any CSP violation (content that tried
 * to run or load something), any navigation and any request that is not an image; the tests
 * assert there were none, and that clicking every link only ever asks the extension for safe ones.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import fc from 'fast-check';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PostRenderer } from '../../src/core/render';
import { highlightCode } from '../../src/core/render/highlight/highlighter';
import { hostilePost, resolveHostile } from '../properties/render.props';
import { fakeWebview, installVscodeStub, Uri } from './vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the vscode stub is in place
const { previewShellHtml } = require('../../src/preview/shellHtml') as typeof import('../../src/preview/shellHtml');

const REPO = join(__dirname, '..', '..');
const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const EXTENSION_PATH = '/ext';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** The named attacks the suite must cover, each in the place a post would carry it. */
const NAMED_CASES: Record<string, string> = {
  'raw HTML and script tags in the body': '---\ntitle: raw\n---\n<script>__xssHit("script")</script>\n\n<div><img src=x onerror="__xssHit(\'img\')"></div>\n\n<iframe srcdoc="<script>parent.__xssHit(1)</script>"></iframe>\n',
  'javascript:, vbscript: and data: links': '---\ntitle: links\n---\n[a](javascript:__xssHit("a")) [b](JAVASCRIPT:__xssHit(1)) [c](vbscript:msgbox(1)) [d](data:text/html,<script>__xssHit(1)</script>) [e](java&#x09;script:__xssHit(1))\n\n<javascript:__xssHit(1)>\n\n[ref]: javascript:__xssHit("ref")\n\n[x][ref]\n',
  'SVG with onload and event-handler attributes': '---\ntitle: svg\n---\n<svg onload="__xssHit(\'svg\')"><circle/></svg>\n\n<p onmouseover="__xssHit(1)" onclick="__xssHit(1)">hover</p>\n\n![x" onerror="__xssHit(1)](https://example.invalid/x.png)\n\n![svg](data:image/svg+xml,<svg onload=__xssHit(1)>)\n',
  'values injected through front matter fields (YAML)': '---\ntitle: "<img src=x onerror=__xssHit(\'title\')>"\ndescription: "</p><script>__xssHit(\'d\')</script>"\ndate: "<svg onload=__xssHit(1)>"\ntags: ["<b onclick=__xssHit(1)>t</b>", "\\"><script>__xssHit(1)</script>"]\ncategories: ["javascript:__xssHit(1)"]\ncover:\n  image: "javascript:__xssHit(1)"\n---\nbody\n',
  'values injected through front matter fields (TOML and JSON)': '+++\ntitle = "</h1><script>__xssHit(\'toml\')</script>"\ntags = ["\'><svg onload=__xssHit(1)>"]\n+++\nbody\n',
  'values injected through JSON front matter': '{\n  "title": "<script>__xssHit(\'json\')</script>",\n  "tags": ["<img src=x onerror=__xssHit(1)>"]\n}\nbody\n',
  'values injected through shortcode parameters': '---\ntitle: sc\n---\n{{< figure src="x\\" onerror=\\"__xssHit(1)" title="<script>__xssHit(1)</script>" caption="<img src=x onerror=__xssHit(1)>" link="javascript:__xssHit(1)" >}}\n\n{{< youtube "\\"><script>__xssHit(1)</script>" >}}\n\n{{< tweet user="x\\" onmouseover=\\"__xssHit(1)" id="1" >}}\n\n{{< details summary="<svg onload=__xssHit(1)>" >}}inner{{< /details >}}\n\n{{< highlight "js\\" onload=\\"__xssHit(1)" >}}\n</script><script>__xssHit(1)</script>\n{{< /highlight >}}\n\n{{< unknown p="<script>__xssHit(1)</script>" >}}\n',
  '</script> inside code blocks': '---\ntitle: code\n---\n```html\n</script><script>__xssHit("fence")</script>\n<!-- --><script>__xssHit(2)</script>\n```\n\n```js" onload="__xssHit(1)\nx\n```\n\n    </script><script>__xssHit("indented")</script>\n\n`</script><script>__xssHit("inline")</script>`\n\n```bash\n$ echo "</script><script>__xssHit(1)</script>"\n```\n',
  'CSS injection through style attributes and </style>': '---\ntitle: css\n---\n<style>body{background:url(https://evil.invalid/x)}</style>\n\n</style><script>__xssHit("style")</script>\n\n<span style="background:url(javascript:__xssHit(1))">x</span>\n\n<link rel="stylesheet" href="https://evil.invalid/x.css">\n\n| a | b |\n|:--|--:|\n| </style> | <style>@import url(https://evil.invalid/y.css)</style> |\n',
  'page-level tricks: base, meta refresh, forms, objects': '---\ntitle: page\n---\n<base href="https://evil.invalid/">\n\n<meta http-equiv="refresh" content="0;url=javascript:__xssHit(1)">\n\n<form action="javascript:__xssHit(1)"><button>go</button></form>\n\n<object data="javascript:__xssHit(1)"></object><embed src="javascript:__xssHit(1)">\n',
};

// In-page code is kept as plain JavaScript text: the test runner's transpiler would add helpers
// to TypeScript functions that do not exist in the page.

/**
 * Installed before the page's own script, like the API VS Code injects into a webview (init
 * scripts are not subject to the page's CSP). A binding the page cannot take back records every
 * hit: payloads call __xssHit, the dialog functions are routed to it, and so is every CSP report.
 */
const TRAPS = `
  const record = window.__xssRecord;
  window.__xssHit = (what) => record('__xssHit(' + String(what) + ')');
  for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = (...args) => record(name + '(' + args.join(',') + ')');
  const posted = [];
  window.__posted = posted;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => posted.push(m), getState: () => undefined, setState: () => undefined });
  document.addEventListener('securitypolicyviolation', (e) => record('csp:' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));
`;

/**
 * Sends one render message the way the panel does, waits for the page to apply it, brings every
 * code block into view (deferred highlighting), then hovers, focuses and clicks every element.
 * Returns the links the page asked the extension to open.
 */
const SHOW_AND_POKE = `async (m) => {
  const posted = window.__posted;
  posted.length = 0;
  window.postMessage(m, '*');
  for (let i = 0; i < 300 && !posted.some((p) => p.type === 'rendered' && p.version === m.version); i++) await new Promise((r) => setTimeout(r, 10));
  if (!posted.some((p) => p.type === 'rendered')) throw new Error('the page did not acknowledge the render');
  window.scrollTo(0, document.body.scrollHeight);
  await new Promise((r) => setTimeout(r, 50));
  const content = document.getElementById('dn-preview-content');
  for (const el of Array.from(content.querySelectorAll('*'))) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart']) el.dispatchEvent(new Event(type, { bubbles: true }));
    if (el instanceof HTMLAnchorElement || el instanceof HTMLButtonElement || el.tagName === 'SUMMARY') el.click();
  }
  await new Promise((r) => setTimeout(r, 50));
  // What the browser made of the HTML: elements and attributes post content must never produce,
  // judged on the parsed DOM (entities and odd spacing already resolved by the browser).
  const unsafe = [];
  for (const el of content.querySelectorAll('script, style, iframe, frame, object, embed, base, meta, link, form, textarea, svg, math, template')) unsafe.push('element <' + el.tagName.toLowerCase() + '>');
  for (const el of content.querySelectorAll('*')) {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) unsafe.push(el.tagName + ' ' + a.name + '=' + a.value);
      if (a.name === 'style') unsafe.push(el.tagName + ' style=' + a.value);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster'].includes(a.name)) {
        let protocol = 'unparsable:';
        try { protocol = new URL(a.value, location.href).protocol; } catch {}
        const ok = protocol === 'http:' || protocol === 'https:' || protocol === 'mailto:' || (a.name === 'src' && /^data:image[/](png|gif|jpeg|webp);/i.test(a.value.trim()));
        if (!ok) unsafe.push(el.tagName + ' ' + a.name + '=' + a.value);
      }
    }
  }
  return { unsafe, openLinks: posted.filter((p) => p.type === 'openLink').map((p) => ({ href: String(p.href), kind: String(p.kind) })) };
}`;

interface PageOutcome {
  /** Elements and attributes in the page's DOM that post content must never produce. */
  unsafe: string[];
  /** Links the page asked the extension to open. */
  openLinks: { href: string; kind: string }[];
}

interface Observed {
  hits: string[];
  dialogs: string[];
  cspConsole: string[];
  navigations: string[];
  requests: string[];
  errors: string[];
}

describe('preview XSS suite: hostile posts in headless Chromium with the real CSP', function () {
  this.timeout(240_000);
  let server: Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  let observed: Observed;
  let version = 0;
  const renderer = new PostRenderer();

  before(async () => {
    if (!process.env.DEVOPS_NOTES_SKIP_BUILD || !existsSync(join(REPO, 'dist', 'preview.js'))) {
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' });
    }
    assert.ok(existsSync(join(REPO, 'dist', 'preview.js')), 'the webview bundle dist/preview.js was built');
    let shell = '';
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shell);
        return;
      }
      const file = join(REPO, path);
      if (!file.startsWith(REPO) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const webview = fakeWebview(origin, EXTENSION_PATH);
    // The real page builder, as the panel calls it (a new nonce each load).
    shell = previewShellHtml(webview as never, Uri.file(EXTENSION_PATH) as never, { documentUri: 'file:///site/content/posts/x.md', locked: false });
    assert.match(shell, /Content-Security-Policy" content="default-src 'none'[^"]*script-src 'nonce-/, 'the page carries the strict CSP');

    try {
      browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROMIUM_ARGS });
    } catch (err) {
      throw new Error(`could not start Chromium at ${CHROME_PATH} (install chromium or set CHROME_PATH): ${(err as Error).message}`, { cause: err });
    }
    const context = await browser.newContext({ viewport: { width: 1000, height: 4000 } });
    page = await context.newPage();
    observed = { hits: [], dialogs: [], cspConsole: [], navigations: [], requests: [], errors: [] };
    await page.exposeBinding('__xssRecord', (_source, what: string) => void observed.hits.push(what));
    await page.addInitScript(TRAPS);
    page.on('dialog', (d) => {
      observed.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => observed.errors.push(String(e)));
    // Chromium reports some blocked actions (inline style attributes) only on the console.
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) observed.cspConsole.push(m.text());
    });
    page.on('framenavigated', (f) => {
      if (f.url() !== `${origin}/`) observed.navigations.push(f.url());
    });
    page.on('request', (r) => {
      const url = r.url();
      const own = url === `${origin}/` || url === `${origin}/dist/preview.js` || url === `${origin}/media/preview.css` || url.startsWith(`${origin}/dist/preview.js`);
      // Images are allowed by the CSP (https: and data:, and the workspace); nothing else may load.
      if (!own && r.resourceType() !== 'image') observed.requests.push(`${r.resourceType()} ${url}`);
    });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await page.waitForFunction('(window.__posted || []).some((m) => m.type === "ready")');
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  /** Renders a post, sends it to the page as the panel does, then clicks and hovers everything. */
  async function show(text: string, pick: number, terminalAllowed: boolean): Promise<PageOutcome> {
    const prepared = renderer.prepare(text);
    return showHtml(renderer.render(prepared, resolveHostile(prepared.needs, pick), { terminalAllowed, highlighter: pick % 2 ? undefined : highlightCode }).html, terminalAllowed);
  }

  /** Sends HTML to the page as the panel does (the traps' self-test sends it unrendered). */
  async function showHtml(html: string, terminalAllowed: boolean): Promise<PageOutcome> {
    version++;
    const message = { type: 'render', version, documentUri: `file:///site/content/posts/p${version % 3}.md`, html, canRevealTerms: true, terminalAllowed };
    return page.evaluate(`(${SHOW_AND_POKE})(${JSON.stringify(message)})`) as Promise<PageOutcome>;
  }

  function assertNothingRan(what: string, { unsafe, openLinks }: PageOutcome): void {
    assert.deepEqual(observed.hits, [], `${what}: script ran or the CSP had to block something`);
    assert.deepEqual(unsafe, [], `${what}: unsafe markup reached the page`);
    assert.deepEqual(observed.cspConsole, [], `${what}: the CSP blocked something`);
    assert.deepEqual(observed.dialogs, [], `${what}: a dialog opened`);
    assert.deepEqual(observed.navigations, [], `${what}: the page navigated`);
    assert.deepEqual(observed.requests, [], `${what}: the page loaded something that is not an image`);
    assert.deepEqual(observed.errors, [], `${what}: the page threw`);
    for (const link of openLinks) {
      // eslint-disable-next-line no-control-regex -- browsers drop control characters in a scheme
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link.href.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
      assert.ok(scheme === undefined ? link.kind === 'relative' : ['http', 'https', 'mailto'].includes(scheme), `${what}: the page asked to open ${JSON.stringify(link)}`);
    }
  }

  it('the traps work: a script the page runs on purpose is recorded', async () => {
    await page.evaluate('window.__xssHit("self-test")');
    await page.waitForTimeout(50);
    assert.deepEqual(observed.hits, ['__xssHit(self-test)']);
    observed.hits.length = 0;
    // And the CSP trap: an inline script added to the page is blocked and reported.
    await page.evaluate('{ const s = document.createElement("script"); s.textContent = "__xssHit(1)"; document.body.append(s); }');
    await page.waitForTimeout(100);
    assert.equal(observed.hits.length, 1, `one CSP report: ${observed.hits.join(', ')}`);
    assert.match(observed.hits[0], /^csp:script-src/);
    observed.hits.length = 0;
  });

  it('the traps catch hostile markup that reaches the page through the render path unescaped', async () => {
    const outcome = await showHtml('<p>x</p><img src="x" onerror="__xssHit(1)"><a href="javascript:__xssHit(2)">a</a><span style="color:red">s</span>', false);
    await page.waitForTimeout(100);
    assert.ok(observed.hits.some((h) => h.startsWith('csp:script-src')), `the CSP blocked the handler and the trap saw it: ${observed.hits.join(', ')}`);
    assert.ok(outcome.unsafe.some((u) => u.includes('onerror')) && outcome.unsafe.some((u) => u.includes('javascript:')) && outcome.unsafe.some((u) => u.includes('style=')), outcome.unsafe.join(', '));
    assert.ok(observed.cspConsole.some((m) => /inline style/.test(m)), `the style attribute was blocked and reported: ${observed.cspConsole.join(', ')}`);
    observed.hits.length = 0;
    observed.cspConsole.length = 0;
  });

  for (const [name, text] of Object.entries(NAMED_CASES)) {
    it(name, async () => {
      for (const terminalAllowed of [false, true]) {
        assertNothingRan(name, await show(text, terminalAllowed ? 1 : 0, terminalAllowed));
      }
    });
  }

  it('150 generated hostile posts (all three formats, every construct)', async () => {
    const posts = fc.sample(fc.tuple(hostilePost, fc.nat(), fc.boolean()), { seed: 8, numRuns: 150 });
    for (const [i, [text, pick, terminal]] of posts.entries()) {
      assertNothingRan(`generated post ${i}:\n${JSON.stringify(text)}`, await show(text, pick, terminal));
    }
  });
});
