import * as assert from 'node:assert/strict';
import { classifyLink } from '../../src/core/render/links';
import { imageCandidates } from '../../src/core/render/images';
import { lookupRef } from '../../src/core/render/refs';
import { listMarkdownFiles, resolveResources } from '../../src/core/render/resources';
import { siteUrlConfig } from '../../src/core/site/permalinks';
import { MemoryFileSystem } from '../properties/memoryFileSystem';
import { attrValues, render, textOf } from './renderHelpers';

describe('renderer: link schemes', () => {
  const allowed: [string, string][] = [
    ['https://example.com/a?b=c', 'external'],
    ['http://example.com', 'external'],
    ['mailto:someone@example.com', 'mail'],
    ['../other/post.md', 'relative'],
    ['/posts/x/', 'relative'],
    ['#section', 'fragment'],
  ];
  for (const [href, kind] of allowed) {
    it(`links ${href} as ${kind}`, () => {
      const html = render(`[text](${href})\n`);
      assert.match(html, new RegExp(`<a href="[^"]+" data-dn-link="${kind}">text</a>`));
    });
  }

  const refused = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'command:workbench.action.terminal.new', 'vscode://settings', '//evil.example/x'];
  for (const href of refused) {
    it(`refuses ${href}`, () => {
      assert.equal(classifyLink(href), 'refused');
      for (const source of [`[text](${href})`, `<${href}>`, `[text][r]\n\n[r]: ${href}`]) {
        const html = render(`${source}\n`);
        assert.doesNotMatch(html, /href=/, source);
      }
    });
  }

  it('refuses scheme tricks: entities, tabs and leading spaces', () => {
    for (const source of ['[x](&#106;avascript:alert(1))', '[x](<java\tscript:alert(1)>)', '[x]( javascript:alert(1))', '[x](JAVASCRIPT&#58;alert(1))']) {
      // A browser drops whitespace and control characters when it reads a scheme (but does not decode %09).
      for (const href of attrValues(render(`${source}\n`), 'href')) {
        const squeezed = [...href].filter((c) => c.charCodeAt(0) > 0x20).join('');
        assert.doesNotMatch(squeezed, /^javascript:/i, source);
      }
    }
  });

  it('linkifies bare https URLs but not bare domains (markdown-it 15 dropped fuzzy links)', () => {
    const html = render('See https://example.com/x and example.com.\n');
    assert.match(html, /<a href="https:\/\/example\.com\/x" data-dn-link="external">https:\/\/example\.com\/x<\/a>/);
    assert.doesNotMatch(html, /href="http:\/\/example\.com"/);
  });

  it('gives headings Hugo-style ids for fragment links, with suffixes for duplicates', () => {
    const html = render('## Day #1\n\n## Day #1\n\n## `code` & *more*\n');
    assert.deepEqual([...html.matchAll(/id="([^"]*)"/g)].map((m) => m[1]), ['day-1', 'day-1-1', 'code--more']);
  });
});

describe('renderer: images', () => {
  it('uses the resolved URL, shows placeholders for missing and refused images', () => {
    const html = render('![Alt *x*](bundle.png "T") ![m](missing.png) ![h](http://insecure.example/a.png) ![r](https://cdn.example/a.png)\n', {
      images: {
        'bundle.png': { kind: 'found', url: 'https://webview.example/bundle.png' },
        'missing.png': { kind: 'missing', path: 'missing.png' },
        'http://insecure.example/a.png': { kind: 'refused', reason: 'Not loaded over plain http: http://insecure.example/a.png' },
        'https://cdn.example/a.png': { kind: 'remote', url: 'https://cdn.example/a.png' },
      },
    });
    assert.match(html, /<img src="https:\/\/webview\.example\/bundle\.png" alt="Alt x" title="T" loading="lazy"/);
    assert.match(textOf(html), /Missing image: missing\.png/);
    assert.match(textOf(html), /Not loaded over plain http/);
    assert.match(html, /<img src="https:\/\/cdn\.example\/a\.png"/);
  });

  it('looks where Hugo looks: page bundle, static/ (and content/ for site-absolute paths), then the workspace', () => {
    const where = { postPath: '/w/site/content/posts/a/index.md', siteRoot: '/w/site', workspaceRoot: '/w' };
    assert.deepEqual(imageCandidates('pic.png', where), ['/w/site/content/posts/a/pic.png', '/w/site/static/pic.png', '/w/pic.png']);
    assert.deepEqual(imageCandidates('/images/x.png', where), ['/w/site/static/images/x.png', '/w/site/content/images/x.png', '/w/images/x.png']);
  });

  it('resolves through the file system, refuses paths outside the allowed folders, and decodes %20', async () => {
    const fs = new MemoryFileSystem();
    fs.write('/w/site/content/posts/a/index.md', '---\ntitle: A\n---\n');
    fs.write('/w/site/content/posts/a/my pic.png', 'png');
    fs.write('/w/site/static/images/x.png', 'png');
    fs.write('/secret.png', 'png');
    const resolved = await resolveResources(
      { images: ['my%20pic.png', '/images/x.png', 'nope.png', '../../../../../secret.png', 'https://cdn.example/a.png', 'data:image/png;base64,AAAA', 'javascript:alert(1)'], refs: [] },
      { fs, postPath: '/w/site/content/posts/a/index.md', siteRoot: '/w/site', workspaceRoot: '/w', allowedRoots: ['/w'], toUrl: (p) => `URL(${p})`, listPosts: async () => [] },
    );
    assert.deepEqual(Object.fromEntries(resolved.images), {
      'my%20pic.png': { kind: 'found', url: 'URL(/w/site/content/posts/a/my pic.png)' },
      '/images/x.png': { kind: 'found', url: 'URL(/w/site/static/images/x.png)' },
      'nope.png': { kind: 'missing', path: 'nope.png' },
      '../../../../../secret.png': { kind: 'missing', path: '../../../../../secret.png' },
      'https://cdn.example/a.png': { kind: 'remote', url: 'https://cdn.example/a.png' },
      'data:image/png;base64,AAAA': { kind: 'remote', url: 'data:image/png;base64,AAAA' },
      'javascript:alert(1)': { kind: 'refused', reason: 'Image scheme not allowed: javascript:alert(1)' },
    });
  });
});

describe('renderer: ref lookup', () => {
  const posts = ['/s/content/posts/a.md', '/s/content/posts/bundle/index.md', '/s/content/docs/_index.md', '/s/content/notes/a.md', '/s/content/notes/unique.md'];
  const from = '/s/content/posts/current.md';

  it('resolves relative, content-absolute, bundle and extension-less targets, keeping the anchor', () => {
    assert.deepEqual(lookupRef('a.md', from, ['/s/content'], posts), { path: '/s/content/posts/a.md', anchor: '' });
    assert.deepEqual(lookupRef('/notes/a', from, ['/s/content'], posts), { path: '/s/content/notes/a.md', anchor: '' });
    assert.deepEqual(lookupRef('bundle#setup', from, ['/s/content'], posts), { path: '/s/content/posts/bundle/index.md', anchor: '#setup' });
    assert.deepEqual(lookupRef('/docs/', from, ['/s/content'], posts), { path: '/s/content/docs/_index.md', anchor: '' });
    assert.deepEqual(lookupRef('/POSTS/A.md', from, ['/s/content'], posts), { path: '/s/content/posts/a.md', anchor: '' }, 'case-insensitive like Hugo');
  });

  it('falls back to a unique file name and reports ambiguous and missing targets', () => {
    assert.equal(lookupRef('unique', from, ['/s/content'], posts).path, '/s/content/notes/unique.md');
    assert.match(lookupRef('/x/a', from, ['/s/content'], posts).problem ?? '', /No post found/);
    const other = '/s/content/docs/page.md';
    assert.match(lookupRef('a', other, ['/s/content'], posts).problem ?? '', /matches 2 posts/);
  });

  it('lists posts and reads the target title through the file system', async () => {
    const fs = new MemoryFileSystem();
    fs.write('/s/content/posts/current.md', 'x');
    fs.write('/s/content/posts/a.md', '---\ntitle: "Post A"\n---\n');
    assert.deepEqual((await listMarkdownFiles(fs, '/s/content')).sort(), ['/s/content/posts/a.md', '/s/content/posts/current.md']);
    const resolved = await resolveResources(
      { images: [], refs: ['a.md#x', 'zzz'] },
      { fs, postPath: from, siteRoot: '/s', allowedRoots: ['/s'], toUrl: (p) => p, listPosts: () => listMarkdownFiles(fs, '/s/content') },
    );
    assert.deepEqual(resolved.refs.get('a.md#x'), { found: true, href: 'a.md#x', title: 'Post A' });
    assert.equal(resolved.refs.get('zzz')?.found, false);
    // With the site's URL settings, a ref also carries the URL Hugo prints for it (the anchor kept).
    fs.write('/s/content/posts/b.md', '---\ntitle: "Post B"\nslug: bee\ndate: 2024-02-03\n---\n');
    const withUrls = await resolveResources(
      { images: [], refs: ['b.md#top'] },
      { fs, postPath: from, siteRoot: '/s', allowedRoots: ['/s'], toUrl: (p) => p, listPosts: () => listMarkdownFiles(fs, '/s/content'), siteUrls: siteUrlConfig({ baseURL: 'https://example.org/', permalinks: { posts: '/:year/:slug/' } }) },
    );
    assert.deepEqual(withUrls.refs.get('b.md#top'), { found: true, href: 'b.md#top', title: 'Post B', permalink: 'https://example.org/2024/bee/#top', relPermalink: '/2024/bee/#top' });
  });
});
