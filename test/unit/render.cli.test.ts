import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runRender } from '../../src/cli/render';
import { PostRenderer } from '../../src/core/render';
import { highlightCode } from '../../src/core/render/highlight/highlighter';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';

describe('devops-notes render', () => {
  let site: string;
  const post = () => path.join(site, 'content', 'posts', 'bundle', 'index.md');
  const text = [
    '---',
    'title: "CLI render"',
    'tags: [cli]',
    '---',
    '![bundle](pic.png) ![static](/img/x.png) ![gone](gone.png)',
    '',
    'See {{< ref "other.md" >}}.',
    '',
    '```bash',
    '$ echo hi',
    '```',
    '',
  ].join('\n');

  before(() => {
    site = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-render-'));
    fs.mkdirSync(path.join(site, 'content', 'posts', 'bundle'), { recursive: true });
    fs.mkdirSync(path.join(site, 'static', 'img'), { recursive: true });
    fs.writeFileSync(post(), text);
    fs.writeFileSync(path.join(site, 'content', 'posts', 'bundle', 'pic.png'), 'png');
    fs.writeFileSync(path.join(site, 'static', 'img', 'x.png'), 'png');
    fs.writeFileSync(path.join(site, 'content', 'posts', 'other.md'), '---\ntitle: "The other one"\n---\n');
  });

  after(() => fs.rmSync(site, { recursive: true, force: true }));

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runRender(argv, nodeFileSystem, (s) => (out += s), (s) => (err += s));
    return { code, out, err };
  }

  it('prints the preview HTML with images and refs as paths relative to the post', async () => {
    const { code, out, err } = await run(post());
    assert.equal(code, 0, err);
    assert.match(out, /<img src="pic\.png" alt="bundle"/);
    assert.match(out, /<img src="\.\.\/\.\.\/\.\.\/static\/img\/x\.png" alt="static"/);
    assert.match(out, /Missing image: gone\.png/);
    assert.match(out, /<a class="dn-ref" href="\.\.\/other\.md" data-dn-link="relative"[^>]*>The other one<\/a>/);
    assert.match(out, /<span class="hljs-built_in">echo<\/span>/);
  });

  it('is the same HTML the renderer gives the preview, highlighted as the webview does', async () => {
    const { out } = await run(post());
    const renderer = new PostRenderer();
    const prepared = renderer.prepare(text);
    const images = new Map([
      ['pic.png', { kind: 'found' as const, url: 'pic.png' }],
      ['/img/x.png', { kind: 'found' as const, url: '../../../static/img/x.png' }],
      ['gone.png', { kind: 'missing' as const, path: 'gone.png' }],
    ]);
    const refs = new Map([['other.md', { found: true, href: '../other.md', title: 'The other one', permalink: '/posts/other/', relPermalink: '/posts/other/' }]]);
    // The ref names the URL Hugo prints for it.
    assert.match(out, /<a class="dn-ref" href="\.\.\/other\.md" data-dn-link="relative" title="ref &quot;other\.md&quot; → \/posts\/other\/">/);
    // The card names the post's URL: a bundle in `posts` of a site without a config.
    const page = { permalink: '/posts/bundle/', relPermalink: '/posts/bundle/' };
    assert.match(out, /<code class="dn-url"[^>]*>\/posts\/bundle\/<\/code>/);
    assert.equal(out, renderer.render(prepared, { images, refs }, { terminalAllowed: true, highlighter: highlightCode, page }).html);
    const plain = await run(post(), '--no-highlight');
    assert.doesNotMatch(plain.out, /hljs-built_in/);
  });

  it('reports usage errors and unreadable files without a stack trace', async () => {
    await assert.rejects(run(), /exactly one Markdown file/);
    // A path that is not there is a usage mistake, as `check` takes it (exit 2 from main).
    await assert.rejects(run(path.join(site, 'nope.md')), (e: Error) => e.name === 'UsageError' && /no such file: .*nope\.md/.test(e.message));
    const binary = path.join(site, 'bin.md');
    fs.writeFileSync(binary, Buffer.from([0, 1, 2, 3]));
    const bin = await run(binary);
    assert.equal(bin.code, 1);
    assert.match(bin.err, /binary file/);
  });

  it('--standalone prints a whole page with the preview styles and no script', async () => {
    const { code, out } = await run(post(), '--standalone');
    assert.equal(code, 0);
    assert.match(out, /^<!DOCTYPE html>/);
    assert.match(out, /<title>CLI render<\/title>/);
    assert.match(out, /\.dn-card \{/, 'the preview stylesheet is inlined');
    assert.match(out, /--vscode-editor-foreground:/, 'with theme colours the webview would provide');
    assert.match(out, /<main class="dn-content">\n<header class="dn-card"/);
    assert.doesNotMatch(out, /<script/);
    assert.ok(out.includes((await run(post())).out), 'the same fragment inside');
  });
});
