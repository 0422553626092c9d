import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { indexFiles, PostIndex, PostReader, findPostFiles } from '../../src/core/index';
import { defaultThreadCount, indexThreadsFor, ThreadedPostReader } from '../../src/threads/indexThreads';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { slowBlockingReads } from '../integration/util/slowReads';
import { yamlPost } from './indexHelpers';

// The index threads run dist/indexWorker.js; this suite bundles the worker itself, so it does not
// depend on a build having run.
describe('index threads (ThreadedPostReader)', function () {
  this.timeout(60_000);
  let dir: string;
  let workerScript: string;
  let prefixScript: string;
  let files: string[];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dnotes-threads-'));
    workerScript = path.join(dir, 'indexWorker.js');
    prefixScript = path.join(dir, 'prefixWorker.js');
    for (const [name, out] of [['indexWorker', workerScript], ['prefixWorker', prefixScript]]) {
      buildSync({ entryPoints: [path.join(__dirname, `../../src/threads/${name}.ts`)], outfile: out, bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], logLevel: 'error' });
    }
    const posts = path.join(dir, 'site', 'content', 'posts');
    fs.mkdirSync(posts, { recursive: true });
    for (let i = 0; i < 700; i++) {
      const tags = [`Tag ${i % 37}`, i % 2 ? 'Docker' : 'docker', `t${i % 11}`];
      let text = yamlPost({ title: `Post ${i}`, tags, categories: i % 3 ? ['Ops'] : [], draft: i % 10 === 0 });
      if (i % 97 === 5) text = `+++\ntitle = "TOML ${i}"\ntags = ["toml", "Tag 1"]\n+++\nbody\n`;
      if (i % 101 === 7) text = `{ "title": "JSON ${i}", "tags": ["json"] }\nbody\n`;
      if (i % 89 === 3) text = '---\ntitle: [unclosed\n---\n';
      // Front matter longer than the first bytes a reading thread hands over.
      if (i % 113 === 9) text = yamlPost({ title: `Long ${i}`, tags: ['long', 'Docker'], categories: [] }).replace('---\n', `---\ndescription: "${'x'.repeat(5000)}"\n`);
      fs.writeFileSync(path.join(posts, `p${i}.md`), text);
    }
    fs.writeFileSync(path.join(posts, 'binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]));
    files = await findPostFiles(nodeFileSystem, path.join(dir, 'site').replace(/\\/g, '/'));
    assert.equal(files.length, 701);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Blocking reads that take 1 ms each (the index is given a clock that does not count them as slow). */
  const slowHere = slowBlockingReads(1);

  async function index(options: Parameters<typeof indexFiles>[3] = {}, fileSystem = nodeFileSystem) {
    const skipped: string[] = [];
    const idx = new PostIndex(['tags', 'categories']);
    const counts = await indexFiles(fileSystem, idx, files, { ...options, onSkip: (p, r) => skipped.push(`${path.basename(p)}: ${r}`) });
    return { counts, skipped: skipped.sort(), snapshot: idx.snapshot(), idx };
  }

  it('builds the same index as reading on this thread, with threads doing part of the work', async () => {
    const here = await index();
    const reader = new ThreadedPostReader(workerScript, 2);
    let fromThreads = 0;
    const counting = {
      readAll: (...args: Parameters<ThreadedPostReader['readAll']>) =>
        reader.readAll(args[0], args[1], (batch) => {
          fromThreads += batch.length;
          args[2](batch);
        }, args[3]),
    };
    const threaded = await index({ bulkReader: counting, clock: () => 0 }, slowHere);
    assert.equal(reader.lastThreadCount, 2);
    assert.ok(fromThreads > 0, 'the threads read some posts');
    assert.deepEqual(threaded.counts, here.counts);
    assert.deepEqual(threaded.counts, { indexed: 700, skipped: 1 });
    assert.deepEqual(threaded.skipped, here.skipped);
    assert.deepEqual(threaded.snapshot, here.snapshot);
    assert.equal(threaded.idx.term('tags', 'docker')?.posts.size, here.idx.term('tags', 'docker')?.posts.size);
    assert.equal(threaded.idx.term('tags', 'docker')?.spellings.size, 2, '`Docker` and `docker` merge into one term');
  });

  it('with threads that only read first bytes, this thread parses them into the same index', async () => {
    const here = await index();
    const reader = new ThreadedPostReader(prefixScript, 1, 'prefixes');
    let prefixes = 0;
    const counting = {
      prepare: (t: readonly string[]) => reader.prepare(t),
      readAll: (...args: Parameters<ThreadedPostReader['readAll']>) =>
        reader.readAll(args[0], args[1], (batch) => {
          prefixes += batch.filter(([, o]) => 'prefix' in o).length;
          args[2](batch);
        }, args[3]),
    };
    counting.prepare(['tags', 'categories']);
    const threaded = await index({ bulkReader: counting, clock: () => 0 }, slowHere);
    assert.equal(reader.lastThreadCount, 1);
    assert.ok(prefixes > 0, 'the thread handed over first bytes');
    assert.deepEqual(threaded.counts, here.counts);
    assert.deepEqual(threaded.skipped, here.skipped);
    assert.deepEqual(threaded.snapshot, here.snapshot);
    assert.equal(threaded.snapshot.posts.find((p) => p.path.endsWith('/p9.md'))?.title, 'Long 9', 'front matter past the first bytes is read in full');
  });

  /** A cursor the threads and this thread claim positions of `paths` from. */
  function claimsOf(paths: readonly string[]) {
    return { paths, cursor: new Int32Array(new SharedArrayBuffer(4)) };
  }

  it('hands over every answer when they queue up faster than this thread takes them, one batch per turn', async () => {
    for (const work of ['prefixes', 'posts'] as const) {
      const reader = new ThreadedPostReader(work === 'posts' ? workerScript : prefixScript, 2, work);
      // Many batches, each taken slowly: the threads answer while earlier answers wait.
      const claims = claimsOf([...files, ...files, ...files]);
      const seen = new Uint8Array(claims.paths.length);
      let turns = 0;
      let batchesThisTurn = 0;
      let mostInOneTurn = 0;
      const ticker = setInterval(() => {
        turns++;
        batchesThisTurn = 0;
      }, 0);
      try {
        await reader.readAll(claims, ['tags'], (batch) => {
          mostInOneTurn = Math.max(mostInOneTurn, ++batchesThisTurn);
          const until = performance.now() + 2;
          while (performance.now() < until) {
            // A slow taker.
          }
          for (const [at] of batch) seen[at]++;
        });
      } finally {
        clearInterval(ticker);
      }
      assert.deepEqual([...new Set(seen)], [1], `${work}: every position comes back once`);
      assert.ok(turns > 10, `${work}: timers ran between batches (${turns} turns)`);
      assert.ok(mostInOneTurn <= 2, `${work}: at most a couple of batches between two timer turns, not ${mostInOneTurn}`);
    }
  });

  it('sends each thread one message a scan; threads and this thread claim disjoint positions from the shared cursor', async () => {
    const { Worker } = await import('node:worker_threads');
    const original = Worker.prototype.postMessage;
    let messages = 0;
    Worker.prototype.postMessage = function (this: InstanceType<typeof Worker>, ...args: Parameters<typeof original>) {
      messages++;
      return original.apply(this, args);
    };
    try {
      const reader = new ThreadedPostReader(prefixScript, 1, 'prefixes');
      const claims = claimsOf([...files, ...files, ...files, ...files]);
      const byThread: number[] = [];
      const here: number[] = [];
      // This thread claims one position a turn while the thread claims batches.
      let reading = true;
      const claimHere = (): void => {
        const at = Atomics.add(claims.cursor, 0, 1);
        if (at < claims.paths.length) here.push(at);
        if (reading && at < claims.paths.length) setTimeout(claimHere, 1);
      };
      setTimeout(claimHere, 1);
      await reader.readAll(claims, ['tags'], (batch) => {
        for (const [at] of batch) byThread.push(at);
      });
      reading = false;
      assert.equal(messages, 1, 'the paths went to the thread in one message, and no request followed');
      assert.ok(byThread.length > 0 && here.length > 0, `both claimed (thread ${byThread.length}, here ${here.length})`);
      const all = [...byThread, ...here].sort((x, y) => x - y);
      assert.deepEqual(all, claims.paths.map((_, i) => i), 'every position claimed once, by one of them');
    } finally {
      Worker.prototype.postMessage = original;
    }
  });

  it('lets a thread run only a few batches ahead of what this thread has taken', async () => {
    const reader = new ThreadedPostReader(prefixScript, 1, 'prefixes');
    const claims = claimsOf([...files, ...files]);
    let taken = 0;
    let mostAhead = 0;
    await reader.readAll(claims, ['tags'], (batch) => {
      const until = performance.now() + 3;
      while (performance.now() < until) {
        // A slow taker: without a bound the thread would claim every path meanwhile.
      }
      taken += batch.length;
      mostAhead = Math.max(mostAhead, Math.min(Atomics.load(claims.cursor, 0), claims.paths.length) - taken);
    });
    assert.equal(taken, claims.paths.length);
    // Four answers in flight of 32 paths, the one being taken included.
    assert.ok(mostAhead <= 4 * 32, `claimed at most four batches beyond what was taken, not ${mostAhead} paths`);
  });

  it('reports a file a reading thread could not open the way this thread does', async () => {
    const gone = path.join(dir, 'site', 'content', 'posts', 'vanished.md').replace(/\\/g, '/');
    const reader = new ThreadedPostReader(prefixScript, 1, 'prefixes');
    const claims = claimsOf([gone, ...files.slice(0, 10)]);
    const outcomes = new Map<string, string>();
    await reader.readAll(claims, ['tags'], (batch) => {
      for (const [at, o] of batch) outcomes.set(path.basename(claims.paths[at]), 'skipped' in o ? o.skipped : 'prefix' in o ? `${o.prefix.bytes.length} bytes` : 'post');
    });
    assert.equal(outcomes.size, 11);
    assert.equal(outcomes.get('vanished.md'), 'deleted before it could be read');
    const here = await new PostReader(['tags']).read(nodeFileSystem, gone);
    assert.deepEqual(here, { skipped: 'deleted before it could be read' }, 'the same reason as a read on this thread');
    assert.match(outcomes.get(path.basename(files[0]))!, /^\d+ bytes$/);
  });

  it('reads on this thread what a stalled thread claimed, once it has stopped', async () => {
    const stalling = path.join(dir, 'stalling.js');
    // Claims 50 posts, then neither answers nor ends.
    fs.writeFileSync(stalling, "require('node:worker_threads').parentPort.once('message', (job) => { Atomics.add(job.cursor, 0, 50); for (;;); });\n");
    const here = await index();
    const reader = new ThreadedPostReader(stalling, 1, 'prefixes', 300);
    const started = performance.now();
    const after = await index({ bulkReader: reader });
    assert.equal(reader.lastThreadCount, 1);
    assert.deepEqual(after.snapshot, here.snapshot);
    assert.deepEqual(after.counts, here.counts);
    assert.ok(performance.now() - started < 10_000, 'the stall was noticed');
  });

  it('reads on this thread what a crashed thread took', async () => {
    const crashing = path.join(dir, 'crashing.js');
    fs.writeFileSync(crashing, "require('node:worker_threads').parentPort.once('message', () => process.exit(3));\n");
    const here = await index();
    const reader = new ThreadedPostReader(crashing, 2);
    const after = await index({ bulkReader: reader });
    assert.equal(reader.lastThreadCount, 2);
    assert.deepEqual(after.snapshot, here.snapshot);
    assert.deepEqual(after.counts, here.counts);
  });

  it('reads everything here when the worker script is missing, or the site is small', async () => {
    const here = await index();
    const missing = new ThreadedPostReader(path.join(dir, 'nope.js'), 2);
    assert.deepEqual((await index({ bulkReader: missing })).snapshot, here.snapshot);
    assert.equal(missing.lastThreadCount, 0);
    const unused = new ThreadedPostReader(workerScript, 2);
    assert.deepEqual((await index({ bulkReader: unused, bulkMinFiles: 5000 })).snapshot, here.snapshot);
    assert.equal(unused.lastThreadCount, 0, 'no thread for fewer posts than bulkMinFiles');
  });

  it('stops early when cancelled, and the threads stop', async () => {
    let calls = 0;
    const reader = new ThreadedPostReader(workerScript, 2);
    const r = await index({ bulkReader: reader, isCancelled: () => ++calls > 50 });
    assert.ok(r.counts.indexed + r.counts.skipped < files.length, 'not every post was read');
  });
});

describe('indexThreadsFor', () => {
  it('reads first bytes on one thread on two cores, parses on threads from three, and starts none on one', () => {
    const kinds = [1, 2, 3, 4, 8].map((cores) => {
      const r = indexThreadsFor('/dist', cores);
      return r ? `${r.work}:${path.basename((r as unknown as { workerScript: string }).workerScript)}` : 'none';
    });
    assert.deepEqual(kinds, ['none', 'prefixes:prefixWorker.js', 'posts:indexWorker.js', 'posts:indexWorker.js', 'posts:indexWorker.js']);
    assert.equal(indexThreadsFor('/dist', 8, 0), undefined, 'a count of 0 starts none');
  });
});

describe('defaultThreadCount', () => {
  it('starts no thread on two cores or fewer, then one per core beyond two, at most three', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 8, 64].map((n) => defaultThreadCount(n)), [0, 0, 1, 2, 3, 3, 3]);
  });
});
