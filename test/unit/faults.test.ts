import * as assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TAXONOMIES, PostIndex, PostReader, findPostFiles, forEachLimited, indexFiles, indexFolders, readerFor } from '../../src/core/index';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { MemoryFileSystem } from '../properties/memoryFileSystem';

const ROOT = '/site';
const post = (n: number, tag = `t${n % 7}`) => `---\ntitle: "Post ${n}"\ntags: [${tag}, shared]\n---\nBody ${n}\n`;
const path = (n: number, folder = 'posts') => `${ROOT}/content/${folder}/p${n}.md`;

function siteWith(count: number): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  for (let n = 0; n < count; n++) fs.write(path(n, n % 2 ? 'posts' : 'notes'), post(n));
  return fs;
}

async function scan(fs: MemoryFileSystem, isCancelled?: () => boolean): Promise<{ index: PostIndex; skipped: [string, string][] }> {
  const skipped: [string, string][] = [];
  const index = await indexFolders(fs, [ROOT], { onSkip: (p, reason) => skipped.push([p, reason]), isCancelled });
  return { index, skipped };
}

describe('faults while scanning and reading posts', () => {
  it('a file deleted in the middle of a scan is skipped with a reason, and the scan finishes', async () => {
    const fs = siteWith(60);
    const victims = [10, 12, 14, 16].map((n) => path(n, 'notes'));
    let deleted = false;
    fs.beforeAccess = (p) => {
      // The first post read deletes others before their turn comes.
      if (!deleted && p.endsWith('.md')) {
        deleted = true;
        for (const v of victims) fs.delete(v);
      }
    };
    const { index, skipped } = await scan(fs);
    assert.deepEqual(skipped.map(([p]) => p).sort(), [...victims].sort());
    assert.ok(skipped.every(([, reason]) => /deleted/.test(reason)), JSON.stringify(skipped));
    assert.equal(index.size, 56);
    fs.beforeAccess = undefined;
    assert.deepEqual(index.snapshot(), (await scan(fs)).index.snapshot(), 'what the scan kept equals a clean rescan');
  });

  it('a file renamed in the middle of a scan: the old name is skipped, and the watcher update finds the new one', async () => {
    const fs = siteWith(20);
    let renamed = false;
    fs.beforeAccess = (p) => {
      if (!renamed && p.endsWith('.md')) {
        renamed = true;
        fs.rename(path(7), `${ROOT}/content/posts/renamed.md`);
      }
    };
    const { index, skipped } = await scan(fs);
    assert.deepEqual(skipped, [[path(7), 'deleted before it could be read']]);
    // The file watcher's create event for the new name:
    const outcome = await readerFor(index).read(fs, `${ROOT}/content/posts/renamed.md`);
    assert.ok('post' in outcome);
    index.set(outcome.post);
    fs.beforeAccess = undefined;
    assert.deepEqual(index.snapshot(), (await scan(fs)).index.snapshot());
  });

  it('permission denied on a file is a logged skip; the other posts are indexed', async () => {
    const fs = siteWith(10);
    fs.failures.set(path(3), 'EACCES');
    fs.failures.set(path(5), 'EPERM');
    const { index, skipped } = await scan(fs);
    assert.deepEqual(skipped.sort(), [
      [path(3), 'permission denied'],
      [path(5), 'permission denied'],
    ]);
    assert.equal(index.size, 8);
  });

  it('an unreadable folder leaves its posts out without failing the scan', async () => {
    const fs = siteWith(10);
    fs.failures.set(`${ROOT}/content/notes`, 'EACCES');
    const { index } = await scan(fs);
    assert.deepEqual([...index.paths()].sort(), [1, 3, 5, 7, 9].map((n) => path(n)).sort());
  });

  it('symbolic link loops are skipped with a reason and every post is indexed once', async () => {
    const fs = siteWith(6);
    fs.links.set(`${ROOT}/content/posts/back-to-content`, `${ROOT}/content`);
    fs.links.set(`${ROOT}/content/posts/self`, `${ROOT}/content/posts/self`);
    fs.links.set(`${ROOT}/content/a`, `${ROOT}/content/b`);
    fs.links.set(`${ROOT}/content/b`, `${ROOT}/content/a`);
    const { index, skipped } = await scan(fs);
    assert.equal(index.size, 6);
    const reasons = new Map(skipped);
    assert.match(reasons.get(`${ROOT}/content/posts/back-to-content`) ?? '', /already walked|loop/);
    for (const p of [`${ROOT}/content/posts/self`, `${ROOT}/content/a`, `${ROOT}/content/b`]) assert.match(reasons.get(p) ?? '', /broken|loop/, p);
  });

  it('a folder removed while it is being scanned: the cancelled scan stops early and resolves', async () => {
    const fs = siteWith(400);
    let cancelled = false;
    let reads = 0;
    fs.beforeAccess = (p) => {
      if (p.endsWith('.md') && ++reads === 5) {
        fs.deleteFolder(`${ROOT}/content`);
        cancelled = true;
      }
    };
    const { index } = await scan(fs, () => cancelled);
    assert.ok(reads < 400, `stopped early (${reads} reads)`);
    assert.ok(index.size < 400);
  });

  it('a burst of 1,000 changes, read concurrently while more changes land, leaves the index equal to a rebuild', async () => {
    const fs = siteWith(200);
    const index = (await scan(fs)).index;
    const reader = readerFor(index);
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const changes: string[] = [];
    const change = () => {
      const n = random(260);
      const p = path(n, n % 2 ? 'posts' : 'notes');
      const kind = random(10);
      if (kind < 2) fs.delete(p);
      else fs.write(p, post(n, `burst-${random(30)}`));
      changes.push(p);
    };
    // Changes keep landing while the updates read files (as editors, git and builds do).
    fs.beforeAccess = () => {
      if (changes.length < 1000) change();
    };
    for (let i = 0; i < 50; i++) change();
    // The watcher's queue: drained in batches, each path read concurrently, until quiet.
    let drained = 0;
    while (drained < changes.length) {
      const batch = [...new Set(changes.slice(drained))];
      drained = changes.length;
      await forEachLimited(batch, 16, async (p) => {
        const outcome = await reader.read(fs, p);
        if ('post' in outcome) index.set(outcome.post);
        else index.delete(p);
      });
    }
    assert.equal(changes.length, 1000);
    fs.beforeAccess = undefined;
    assert.deepEqual(index.snapshot(), (await scan(fs)).index.snapshot());
  });
});

describe('faults on the real file system', function () {
  this.timeout(60_000);
  let dir: string;
  before(function () {
    if (process.platform === 'win32') this.skip(); // no FIFOs or POSIX symlink loops there
    dir = mkdtempSync(join(tmpdir(), 'devops-notes-faults-'));
    const posts = join(dir, 'content', 'posts');
    mkdirSync(posts, { recursive: true });
    writeFileSync(join(posts, 'good.md'), post(1));
    execFileSync('mkfifo', [join(posts, 'pipe.md')]);
    symlinkSync(join(dir, 'content'), join(posts, 'loop'));
    symlinkSync(join(posts, 'self.md'), join(posts, 'self.md'));
    symlinkSync(join(posts, 'nowhere.md'), join(posts, 'broken.md'));
    symlinkSync(join(posts, 'pipe.md'), join(posts, 'link-to-pipe.md'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('reading a named pipe called post.md returns at once with a reason instead of blocking forever', async () => {
    const outcome = await new PostReader(DEFAULT_TAXONOMIES).read(nodeFileSystem, `${dir}/content/posts/pipe.md`);
    assert.deepEqual(outcome, { skipped: 'not a regular file (a named pipe, socket or device)' });
    assert.equal((await nodeFileSystem.readFile(`${dir}/content/posts/pipe.md`)).length, 0);
  });

  it('a scan over a pipe, a link loop, a self link and a broken link finishes with only the real post', async () => {
    const skipped: string[] = [];
    const files = await findPostFiles(nodeFileSystem, dir, { onSkip: (p, reason) => skipped.push(`${p.slice(dir.length)}: ${reason}`) });
    assert.deepEqual(files, [`${dir}/content/posts/good.md`]);
    assert.ok(skipped.some((s) => s.startsWith('/content/posts/loop: ')), skipped.join('\n'));
    const index = new PostIndex(DEFAULT_TAXONOMIES);
    assert.deepEqual(await indexFiles(nodeFileSystem, index, [...files, `${dir}/content/posts/pipe.md`, `${dir}/content/posts/link-to-pipe.md`, `${dir}/content/posts/self.md`]), { indexed: 1, skipped: 3 });
  });

  it('the built CLI checks the folder without hanging or crashing', () => {
    const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'cli.js'), 'check', dir], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.error, undefined, 'the CLI returned in time');
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    assert.match(run.stdout, /1 file/);
  });
});
