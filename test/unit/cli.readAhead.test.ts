import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { ReadAhead } from '../../src/threads/readAhead';
import { READ_AHEAD } from '../../src/threads/readAheadLayout';
import { Prng } from '../../bench/prng';

// The read-ahead thread runs dist/readAheadWorker.js; this suite bundles it itself, so it does not
// depend on a build having run.
describe('read-ahead thread of devops-notes check (ReadAhead)', function () {
  this.timeout(60_000);
  let dir: string;
  let script: string;
  let paths: string[];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dnotes-readahead-'));
    script = path.join(dir, 'readAheadWorker.js');
    buildSync({ entryPoints: [path.join(__dirname, '../../src/threads/readAheadWorker.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
    const random = new Prng(7);
    paths = [];
    // Enough bytes to go round the ring several times, in files of very different sizes.
    let total = 0;
    for (let i = 0; total < READ_AHEAD.RING_BYTES * 3; i++) {
      const size = i % 50 === 0 ? READ_AHEAD.MAX_FILE : Math.floor(random.next() * (i % 7 === 0 ? 400_000 : 20_000));
      const file = path.join(dir, `f${i}.md`);
      fs.writeFileSync(file, Buffer.alloc(size, 97 + (i % 26)));
      paths.push(file);
      total += size;
    }
    const empty = path.join(dir, 'empty.md');
    fs.writeFileSync(empty, '');
    const big = path.join(dir, 'big.md');
    fs.writeFileSync(big, Buffer.alloc(READ_AHEAD.MAX_FILE + 1, 98));
    paths.splice(3, 0, empty, path.join(dir, 'missing.md'), big, dir);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hands over every file whole and in order, and leaves what it cannot read to the caller', () => {
    const ahead = new ReadAhead(script);
    ahead.start(paths);
    const leftToCaller: string[] = [];
    try {
      for (let i = 0; i < paths.length; i++) {
        const bytes = ahead.take(i);
        if (!bytes) {
          leftToCaller.push(path.basename(paths[i]));
          continue;
        }
        assert.ok(bytes.equals(fs.readFileSync(paths[i])), `${paths[i]} as on disk`);
        ahead.release(i);
      }
    } finally {
      ahead.close();
    }
    // Missing, too big for the ring, and a folder: the caller reads them and says why.
    assert.deepEqual(leftToCaller, ['missing.md', 'big.md', path.basename(dir)]);
  });

  it('gives up on a thread that makes no progress, and the caller reads on', () => {
    const stuck = path.join(dir, 'stuck.js');
    fs.writeFileSync(stuck, 'setInterval(() => {}, 1000);\n');
    const ahead = new ReadAhead(stuck, { stallMs: 300 });
    ahead.start(paths);
    const started = Date.now();
    try {
      assert.equal(ahead.take(0), undefined);
      assert.equal(ahead.take(1), undefined, 'and does not wait again');
    } finally {
      ahead.close();
    }
    assert.ok(Date.now() - started < 5000);
  });

  it('gives up on a thread that fails as it starts', () => {
    const failing = path.join(dir, 'failing.js');
    // A thread that ends without serving sets nothing: the caller must not wait for ever.
    fs.writeFileSync(failing, 'throw new Error("no");\n');
    const ahead = new ReadAhead(failing, { stallMs: 300 });
    ahead.start(paths);
    try {
      assert.equal(ahead.take(0), undefined);
    } finally {
      ahead.close();
    }
  });

  it('stops a thread that waits for room when closed', async () => {
    const ahead = new ReadAhead(script);
    ahead.start(paths);
    // Take nothing: the thread fills the ring and waits; closing must end it.
    await new Promise((r) => setTimeout(r, 300));
    ahead.close();
    assert.equal(ahead.take(0), undefined, 'nothing is handed over after close');
  });
});
