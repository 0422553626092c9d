import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { indexFiles, findPostFiles, PostIndex } from '../../src/core/index';
import { ThreadedPostReader } from '../../src/threads/indexThreads';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { slowBlockingReads } from './util/slowReads';
import { EXTENSION_ID } from './util/workspace';

// The tag tree reads a big site on worker threads started from the installed extension's
// dist/indexWorker.js (or, on two cores, dist/prefixWorker.js). This checks that such threads start inside a real extension host (which
// runs extensions in its own process, with its own node) and give the index the same posts.
describe('index threads in the extension host', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dnotes-host-threads-'));
    const posts = path.join(dir, 'content', 'posts');
    fs.mkdirSync(posts, { recursive: true });
    for (let i = 0; i < 600; i++) {
      fs.writeFileSync(path.join(posts, `p${i}.md`), `---\ntitle: "Post ${i}"\ntags: [${i % 2 ? 'Docker' : 'docker'}, t${i % 7}]\n---\nBody ${i}\n`);
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const work of ['posts', 'prefixes'] as const) {
    const script = work === 'posts' ? 'indexWorker.js' : 'prefixWorker.js';
    it(`starts the extension's ${work} threads (dist/${script}) and builds the same index as its own thread`, async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext);
      const workerScript = path.join(ext.extensionPath, 'dist', script);
      assert.ok(fs.existsSync(workerScript), `the extension ships dist/${script}`);
      const files = await findPostFiles(nodeFileSystem, dir.replace(/\\/g, '/'));
      assert.equal(files.length, 600);

      const threaded = new PostIndex(['tags']);
      const reader = new ThreadedPostReader(workerScript, work === 'posts' ? 2 : 1, work);
      let fromThreads = 0;
      reader.prepare(['tags']);
      // Reads here take 1 ms each, so the threads find posts left to claim.
      const slowHere = slowBlockingReads(1);
      await indexFiles(slowHere, threaded, files, {
        clock: () => 0,
        bulkReader: { readAll: (claims, taxonomies, onBatch, cancelled) => reader.readAll(claims, taxonomies, (b) => ((fromThreads += b.length), onBatch(b)), cancelled) },
      });
      assert.equal(reader.lastThreadCount, work === 'posts' ? 2 : 1, 'the threads started in the extension host');
      assert.ok(fromThreads > 0, 'the threads read some of the posts');

      const here = new PostIndex(['tags']);
      await indexFiles(nodeFileSystem, here, files);
      assert.deepEqual(threaded.snapshot(), here.snapshot());
      assert.equal(threaded.term('tags', 'docker')?.posts.size, 600);
    });
  }
});
