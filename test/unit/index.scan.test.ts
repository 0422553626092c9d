import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileGlobs, findPostFiles, indexFiles, indexFolders, INITIAL_PREFIX_BYTES, isPostPath, PostIndex, PostReader } from '../../src/core/index';
import { expandBraces } from '../../src/core/index/glob';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { MemoryFileSystem, SyncMemoryFileSystem, yamlPost } from './indexHelpers';

describe('globs', () => {
  it('match VS Code style patterns', () => {
    const g = compileGlobs(['content/**/*.md', '*.txt', 'notes/[a-c]?.md', '{blog,posts}/**/*.{md,markdown}']);
    for (const yes of ['content/a.md', 'content/x/y/z.md', 'top.txt', 'notes/b1.md', 'blog/a.markdown', 'posts/2024/x.md']) assert.ok(g.matches(yes), yes);
    for (const no of ['content/a.txt', 'x/top.txt', 'notes/d1.md', 'notes/b12.md', 'other/a.md', 'contents/a.md']) assert.ok(!g.matches(no), no);
  });

  it('say which folders could hold a match, so the walk can skip the rest', () => {
    const g = compileGlobs(['content/**/*.md', '*/content/**/*.md']);
    for (const yes of ['content', 'content/posts', 'site', 'site/content', 'site/content/x']) assert.ok(g.couldMatchBelow(yes), yes);
    for (const no of ['themes/x', 'a/b/content', 'static/img']) assert.ok(!g.couldMatchBelow(no), no);
    assert.ok(compileGlobs(['**/node_modules/**']).matches('a/node_modules'), 'a trailing ** also matches the folder itself');
  });

  it('expand braces, nested too', () => {
    assert.deepEqual(expandBraces('{a,b}/x.{md,{mdx,markdown}}').sort(), ['a/x.markdown', 'a/x.md', 'a/x.mdx', 'b/x.markdown', 'b/x.md', 'b/x.mdx']);
  });
});

describe('findPostFiles', () => {
  function site(): MemoryFileSystem {
    const m = new MemoryFileSystem();
    for (const p of [
      '/w/content/posts/a.md',
      '/w/content/posts/b.markdown',
      '/w/content/public/kept.md',
      '/w/content/_index.md',
      '/w/notes/n.md',
      '/w/posts/p.md',
      '/w/site/content/s.md',
      '/w/public/posts/a/index.md',
      '/w/resources/_gen/x.md',
      '/w/node_modules/pkg/content/x.md',
      '/w/content/node_modules/y.md',
      '/w/.git/content/z.md',
      '/w/README.md',
      '/w/content/posts/image.png',
      '/w/themes/t/exampleSite/content/demo.md',
    ]) {
      m.writeFile(p, yamlPost({ title: p }));
    }
    return m;
  }

  it('finds posts in content/, notes folders and a site one level down, and skips build output and dependencies', async () => {
    const found = (await findPostFiles(site(), '/w')).sort();
    assert.deepEqual(found, [
      '/w/content/_index.md',
      '/w/content/posts/a.md',
      '/w/content/posts/b.markdown',
      '/w/content/public/kept.md',
      '/w/notes/n.md',
      '/w/posts/p.md',
      '/w/site/content/s.md',
    ]);
  });

  it('follows include and exclude settings', async () => {
    const found = (await findPostFiles(site(), '/w/', { include: ['**/*.md'], exclude: ['**/_index.md', 'content/public/**', 'themes'] })).sort();
    assert.deepEqual(found, ['/w/README.md', '/w/content/posts/a.md', '/w/notes/n.md', '/w/posts/p.md', '/w/site/content/s.md']);
  });

  it('follows a linked folder once and reports loops and broken links', async () => {
    const m = new MemoryFileSystem()
      .writeFile('/w/content/a.md', yamlPost({ title: 'a' }))
      .writeFile('/elsewhere/notes/x.md', yamlPost({ title: 'x' }))
      .symlink('/w/content/loop', '/w')
      .symlink('/w/content/self', '.')
      .symlink('/w/content/ext', '/elsewhere/notes')
      .symlink('/w/content/ext-again', '/elsewhere/notes')
      .symlink('/w/content/broken', '/nowhere')
      .symlink('/w/content/linked.md', '/elsewhere/notes/x.md');
    const skipped: string[] = [];
    const found = (await findPostFiles(m, '/w', { onSkip: (p, reason) => skipped.push(`${p}: ${reason}`) })).sort();
    assert.deepEqual(found, ['/w/content/a.md', '/w/content/ext/x.md', '/w/content/linked.md']);
    assert.equal(skipped.length, 4, skipped.join('\n'));
    assert.ok(skipped.some((s) => s.startsWith('/w/content/broken: broken symbolic link')));
    assert.ok(skipped.some((s) => s.startsWith('/w/content/loop: symbolic link not followed')));
    assert.ok(skipped.some((s) => s.startsWith('/w/content/ext-again: symbolic link not followed')));
  });

  it('stops early when cancelled', async () => {
    let cancelled = false;
    const m = site();
    const found = await findPostFiles(m, '/w', { isCancelled: () => cancelled || ((cancelled = true), false) });
    assert.ok(found.length < 7);
  });

  it('survives a real symbolic link loop on disk', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devops-notes-scan-'));
    try {
      fs.mkdirSync(path.join(dir, 'content', 'posts'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'content', 'posts', 'a.md'), yamlPost({ title: 'A', tags: ['x'] }));
      try {
        fs.symlinkSync(dir, path.join(dir, 'content', 'posts', 'loop'), 'dir');
      } catch {
        this.skip(); // no symlinks on this file system
      }
      const root = dir.replace(/\\/g, '/');
      const skipped: string[] = [];
      const index = await indexFolders(nodeFileSystem, [root], { onSkip: (p, r) => skipped.push(`${p}: ${r}`) });
      assert.deepEqual([...index.paths()], [`${root}/content/posts/a.md`]);
      assert.equal(skipped.length, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading posts', () => {
  const reader = new PostReader(['tags', 'categories']);

  it('reads only a small prefix of a long post', async () => {
    const m = new MemoryFileSystem().writeFile('/w/a.md', yamlPost({ title: 'Long', tags: ['x'] }) + 'body '.repeat(200_000));
    const outcome = await reader.read(m, '/w/a.md');
    assert.ok('post' in outcome);
    assert.equal(outcome.post.title, 'Long');
    assert.deepEqual(m.prefixReads, [{ path: '/w/a.md', maxBytes: INITIAL_PREFIX_BYTES }]);
  });

  it('reads further when the front matter is longer than the first prefix', async () => {
    const longDescription = 'd'.repeat(10_000);
    const m = new MemoryFileSystem().writeFile('/w/a.md', `---\ndescription: ${longDescription}\ntags: [late]\n---\nbody`);
    const outcome = await reader.read(m, '/w/a.md');
    assert.ok('post' in outcome);
    assert.deepEqual(outcome.post.terms[0], ['late']);
    assert.equal(m.prefixReads.length, 2);
    assert.ok(outcome.post.description && outcome.post.description.length <= 500, 'descriptions are cut for memory');
  });

  it('reports front matter that never closes within 1 MB instead of reading a huge file whole', async () => {
    const m = new MemoryFileSystem().writeFile('/w/a.md', `---\ntitle: x\n${'k: v\n'.repeat(700_000)}`);
    const outcome = await reader.read(m, '/w/a.md');
    assert.ok('post' in outcome);
    assert.match(outcome.post.problem ?? '', /not closed within the first 1 MB/);
    assert.ok(m.prefixReads.every((r) => r.maxBytes <= 1024 * 1024));
  });

  it('reports an unterminated block in a short file through the parser’s message', async () => {
    const m = new MemoryFileSystem().writeFile('/w/a.md', '---\ntitle: x\ntags: [a]\n');
    const outcome = await reader.read(m, '/w/a.md');
    assert.ok('post' in outcome);
    assert.match(outcome.post.problem ?? '', /never closed/);
    assert.deepEqual(outcome.post.terms, [[], []]);
  });

  it('skips binary, unreadable and vanished files with a reason', async () => {
    const m = new MemoryFileSystem().writeFile('/w/bin.md', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01])).writeFile('/w/locked.md', '---\ntitle: x\n---\n');
    m.failing.set('/w/locked.md', 'EACCES');
    assert.deepEqual(await reader.read(m, '/w/bin.md'), { skipped: 'binary file (contains NUL bytes)' });
    assert.deepEqual(await reader.read(m, '/w/locked.md'), { skipped: 'permission denied' });
    assert.deepEqual(await reader.read(m, '/w/gone.md'), { skipped: 'deleted before it could be read' });
  });

  it('indexes empty files and plain notes as posts without terms', async () => {
    const m = new MemoryFileSystem().writeFile('/w/content/empty.md', '').writeFile('/w/content/plain.md', '# Just a note\n');
    const index = await indexFolders(m, ['/w']);
    assert.equal(index.size, 2);
    assert.deepEqual([...index.postsWithout('tags')].sort(), ['/w/content/empty.md', '/w/content/plain.md']);
    assert.equal(index.get('/w/content/empty.md')?.format, null);
  });

  it('keeps going when files vanish or fail mid-scan, and reports each', async () => {
    const m = new MemoryFileSystem();
    const paths: string[] = [];
    for (let i = 0; i < 50; i++) {
      const p = `/w/content/p${i}.md`;
      m.writeFile(p, yamlPost({ title: `P${i}`, tags: [`t${i % 5}`] }));
      paths.push(p);
    }
    m.failing.set('/w/content/p7.md', 'EPERM');
    m.beforeRead = (p) => {
      if (p === '/w/content/p3.md') m.remove('/w/content/p20.md');
    };
    const skipped: string[] = [];
    const index = new PostIndex(['tags']);
    const progress: number[] = [];
    const result = await indexFiles(m, index, paths, { concurrency: 4, onSkip: (p, r) => skipped.push(`${p}: ${r}`), onProgress: (done) => progress.push(done) });
    assert.deepEqual(result, { indexed: 48, skipped: 2 });
    assert.deepEqual(skipped.sort(), ['/w/content/p20.md: deleted before it could be read', '/w/content/p7.md: permission denied']);
    assert.equal(index.term('tags', 't0')?.posts.size, 9, 'p0 … p45 in steps of 5, without the vanished p20');
    assert.equal(progress.at(-1), 50);
  });
});

describe('indexFiles with blocking reads (a file system that has readPrefixSync)', () => {
  function site(m: MemoryFileSystem, n: number): string[] {
    const paths: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = `/w/content/p${i}.md`;
      // Every seventh post has front matter longer than the first read, so it is read again, bigger.
      const title = i % 7 === 0 ? `P${i} ${'x'.repeat(INITIAL_PREFIX_BYTES)}` : `P${i}`;
      m.writeFile(p, yamlPost({ title, tags: [`t${i % 5}`, i % 2 ? 'Docker' : 'docker'] }));
      paths.push(p);
    }
    return paths;
  }

  it('builds the same index, and reports the same skips, as asynchronous reads', async () => {
    const run = async (m: MemoryFileSystem) => {
      const paths = site(m, 60);
      m.failing.set('/w/content/p7.md', 'EPERM');
      m.beforeRead = (p) => {
        if (p === '/w/content/p3.md') m.remove('/w/content/p20.md');
      };
      const skipped: string[] = [];
      const index = new PostIndex(['tags']);
      // On the file system's clock (when it has one), which a busy machine cannot slow.
      const clock = m instanceof SyncMemoryFileSystem ? m.clock : undefined;
      const result = await indexFiles(m, index, paths, { onSkip: (p, r) => skipped.push(`${p}: ${r}`), clock });
      return { result, skipped: skipped.sort(), snapshot: index.snapshot() };
    };
    const sync = new SyncMemoryFileSystem();
    const viaSync = await run(sync);
    const viaAsync = await run(new MemoryFileSystem());
    assert.equal(sync.prefixReads.length, 0, 'no asynchronous read was needed');
    assert.ok(sync.syncReads.length >= 60, 'every post was read with the blocking read');
    assert.deepEqual(viaSync, viaAsync);
    assert.deepEqual(viaSync.result, { indexed: 58, skipped: 2 });
  });

  it('hands the rest to asynchronous reads when blocking reads are slow (a cold disk)', async () => {
    const m = new SyncMemoryFileSystem();
    const paths = site(m, 100);
    m.syncReadCostMs = 1;
    const index = new PostIndex(['tags']);
    // Timed on the file system's clock: a stall of this busy machine cannot end the window early.
    assert.deepEqual(await indexFiles(m, index, paths, { clock: m.clock }), { indexed: 100, skipped: 0 });
    assert.ok(m.syncReads.length >= 32 && m.syncReads.length < 40, `one window of blocking reads, then none (${m.syncReads.length})`);
    assert.ok(m.prefixReads.length >= 60, `the rest were read asynchronously (${m.prefixReads.length})`);
    assert.equal(index.term('tags', 'docker')?.posts.size, 100);
  });

  it('reads asynchronously when told not to block', async () => {
    const m = new SyncMemoryFileSystem();
    const paths = site(m, 10);
    await indexFiles(m, new PostIndex(['tags']), paths, { syncReads: false });
    assert.equal(m.syncReads.length, 0);
    assert.ok(m.prefixReads.length >= 10);
  });
});

describe('isPostPath (one file, as the watcher sees it)', () => {
  const include = compileGlobs(['{content,notes}/**/*.md']);
  const exclude = compileGlobs(['content/drafts/**']);

  it('gives the answer the walk gives', async () => {
    const m = new MemoryFileSystem();
    const candidates = ['content/a.md', 'content/public/b.md', 'content/drafts/c.md', 'public/content/d.md', 'notes/node_modules/e.md', 'notes/x/f.md', 'other/g.md', 'content/h.txt'];
    for (const c of candidates) m.writeFile(`/w/${c}`, '# x\n');
    const walked = new Set(await findPostFiles(m, '/w', { include: ['{content,notes}/**/*.md'], exclude: ['content/drafts/**'] }));
    for (const c of candidates) assert.equal(isPostPath(c, include, exclude), walked.has(`/w/${c}`), c);
  });

  it('keeps sections named public/ and resources/ in a content folder the options name, and skips them elsewhere', async () => {
    const m = new MemoryFileSystem();
    const candidates = ['articles/public/a.md', 'articles/resources/b.md', 'articles/x/public/c.md', 'public/d.md', 'resources/e.md', 'site/pages/public/f.md', 'site/public/g.md'];
    for (const c of candidates) m.writeFile(`/w/${c}`, '# x\n');
    const globs = ['articles/**/*.md', 'site/pages/**/*.md', 'site/public/**/*.md', '{public,resources}/**/*.md'];
    const contentFolders = ['articles', 'site/pages'];
    const walked = new Set(await findPostFiles(m, '/w', { include: globs, contentFolders }));
    assert.deepEqual([...walked].sort(), ['/w/articles/public/a.md', '/w/articles/resources/b.md', '/w/articles/x/public/c.md', '/w/site/pages/public/f.md']);
    // Without them, as before: public/ and resources/ are Hugo's output wherever no folder is named content.
    assert.deepEqual(await findPostFiles(m, '/w', { include: globs }), []);
    // The root itself as the content folder (the CLI walking a site's content folder).
    assert.deepEqual((await findPostFiles(m, '/w/articles', { include: ['**/*.md'], contentFolders: [''] })).sort(), ['/w/articles/public/a.md', '/w/articles/resources/b.md', '/w/articles/x/public/c.md']);
    const include = compileGlobs(globs);
    for (const c of candidates) assert.equal(isPostPath(c, include, compileGlobs([]), contentFolders), walked.has(`/w/${c}`), c);
    assert.deepEqual(await findPostFiles(m, '/w', { include: globs, contentFolders, under: '/w/articles/public' }), ['/w/articles/public/a.md'], 'a walk of one subfolder agrees');
  });

  it('walks only a subfolder when asked (a folder created or moved in)', async () => {
    const m = new MemoryFileSystem().writeFile('/w/content/new/a.md', '# a\n').writeFile('/w/content/old/b.md', '# b\n');
    assert.deepEqual(await findPostFiles(m, '/w', { include: ['content/**/*.md'], under: '/w/content/new' }), ['/w/content/new/a.md']);
    assert.deepEqual(await findPostFiles(m, '/w', { include: ['content/**/*.md'], exclude: ['content/new'], under: '/w/content/new' }), []);
  });
});
