import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { DEFAULT_INCLUDE, DEFAULT_TAXONOMIES } from '../../src/core/index';
import { CHANGE_DEBOUNCE_MS, DISK_DEBOUNCE_MS, EDIT_DEBOUNCE_MS, LiveIndex, type EditorText, type LiveFolder, type LiveIndexChange, type Timers } from '../../src/core/index/liveIndex';
import { MemoryFileSystem, yamlPost } from './indexHelpers';

/** Timers that run only when the test moves time on; between timers the real event loop settles (file reads). */
class FakeClock implements Timers {
  now = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time on by `ms`, running every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      await settle();
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = end;
    await settle();
  }
}

/** A full garbage collection, after the current job (WeakRefs made in it stay alive until it ends). */
async function fullGc(): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let i = 0; i < 2; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
}

/** Lets pending reads and event-loop yields finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

/** Holds reads of one file until {@link open} is called (a scan that is still running). */
class GatedFileSystem extends MemoryFileSystem {
  waiting = false;
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((r) => (this.release = r));
  constructor(private readonly held: string) {
    super();
  }
  open(): void {
    this.release();
  }
  override async readPrefix(path: string, maxBytes: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
    if (path === this.held) {
      this.waiting = true;
      await this.gate;
    }
    return super.readPrefix(path, maxBytes);
  }
}

/** An editor document whose text and state the test changes; counts how often its text is read. */
class FakeEditor implements EditorText {
  isDirty = true;
  isClosed = false;
  reads = 0;
  constructor(
    readonly path: string,
    public text: string,
  ) {}
  head(maxChars: number): string {
    this.reads++;
    return this.text.slice(0, maxChars);
  }
}

interface Setup {
  fs: MemoryFileSystem;
  clock: FakeClock;
  live: LiveIndex;
  changes: LiveIndexChange[];
  logs: string[];
  editors: FakeEditor[];
  folders: LiveFolder[];
}

function folder(root: string, include?: readonly string[]): LiveFolder {
  return {
    root,
    name: `file://${root}`,
    postGlobs: () => ({ include: include ?? DEFAULT_INCLUDE, includeIsDefault: include === undefined, exclude: [] }),
    settingsLayer: () => undefined,
  };
}

function setup(fs: MemoryFileSystem, folders: LiveFolder[] = [folder('/w')]): Setup {
  const clock = new FakeClock();
  const changes: LiveIndexChange[] = [];
  const logs: string[] = [];
  const editors: FakeEditor[] = [];
  const live = new LiveIndex({
    fs,
    timers: clock,
    folders: () => folders,
    taxonomies: () => DEFAULT_TAXONOMIES,
    openEditors: () => editors,
    log: (level, message) => logs.push(`${level}: ${message}`),
  });
  live.onDidChange((c) => changes.push(c));
  return { fs, clock, live, changes, logs, editors, folders };
}

/** A scanned workspace with two posts. */
async function scanned(extra: (fs: MemoryFileSystem) => void = () => undefined): Promise<Setup> {
  const fs = new MemoryFileSystem()
    .writeFile('/w/content/posts/a.md', yamlPost({ title: 'A', tags: ['docker'] }))
    .writeFile('/w/content/posts/b.md', yamlPost({ title: 'B', tags: ['k8s'] }));
  extra(fs);
  const s = setup(fs);
  await s.live.ready();
  await s.clock.advance(0);
  s.changes.length = 0;
  return s;
}

function tagsOf(live: LiveIndex, path: string): readonly string[] | undefined {
  return live.index.get(path)?.terms[0];
}

function readsOf(fs: MemoryFileSystem, path: string): number {
  return fs.prefixReads.filter((r) => r.path === path).length;
}

describe('LiveIndex (the live post index, on an in-memory file system)', () => {
  it('the first scan indexes the posts in scope and reports them all as changed', async () => {
    const fs = new MemoryFileSystem()
      .writeFile('/w/content/posts/a.md', yamlPost({ tags: ['docker'] }))
      .writeFile('/w/README.md', yamlPost({ tags: ['readme'] }))
      .writeFile('/w/other/x.md', yamlPost({ tags: ['other'] }));
    const { live, clock, changes } = setup(fs);
    let finished = 0;
    live.onDidFinishScan(() => finished++);
    assert.equal(live.isReady, false);
    await live.ready();
    assert.equal(live.isReady, true);
    assert.equal(finished, 1);
    assert.deepEqual([...live.postPaths()], ['/w/content/posts/a.md']);
    await clock.advance(0);
    assert.deepEqual(changes, [{ changed: ['/w/content/posts/a.md'], removed: [] }]);
  });

  it('ignores every event before the first scan has started', async () => {
    const fs = new MemoryFileSystem().writeFile('/w/content/a.md', yamlPost({ tags: ['x'] }));
    const { live, clock, changes } = setup(fs);
    live.fileEvent('created', '/w/content/a.md');
    live.editorChanged(new FakeEditor('/w/content/a.md', yamlPost({ tags: ['y'] })));
    live.renamed([{ from: '/w/content/a.md', to: '/w/content/b.md' }]);
    await clock.advance(1000);
    assert.equal(fs.prefixReads.length, 0, 'nothing read');
    assert.equal(live.index.size, 0);
    assert.deepEqual(changes, []);
  });

  describe('files on disk', () => {
    it('a created post is read once its burst of events pauses, and reported', async () => {
      const { live, fs, clock, changes } = await scanned();
      fs.writeFile('/w/content/posts/c.md', yamlPost({ tags: ['helm'] }));
      live.fileEvent('created', '/w/content/posts/c.md');
      await clock.advance(DISK_DEBOUNCE_MS - 1);
      assert.equal(live.index.has('/w/content/posts/c.md'), false, 'not before the pause');
      await clock.advance(1 + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/posts/c.md'), ['helm']);
      assert.deepEqual(live.postPaths().slice().sort(), ['/w/content/posts/a.md', '/w/content/posts/b.md', '/w/content/posts/c.md']);
      assert.deepEqual(changes, [{ changed: ['/w/content/posts/c.md'], removed: [] }]);
    });

    it('a changed post is read again; a burst of events for it costs one read and one report', async () => {
      const { live, fs, clock, changes } = await scanned();
      const before = readsOf(fs, '/w/content/posts/a.md');
      fs.writeFile('/w/content/posts/a.md', yamlPost({ tags: ['podman'] }));
      for (let i = 0; i < 5; i++) {
        live.fileEvent('changed', '/w/content/posts/a.md');
        await clock.advance(10);
      }
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['podman']);
      assert.equal(readsOf(fs, '/w/content/posts/a.md') - before, 1);
      assert.deepEqual(changes, [{ changed: ['/w/content/posts/a.md'], removed: [] }]);
      assert.equal(live.index.term('tags', 'docker'), undefined, 'the old term is gone');
    });

    it('a change that leaves the terms as they were is not reported', async () => {
      const { live, fs, clock, changes } = await scanned();
      fs.writeFile('/w/content/posts/a.md', `${yamlPost({ title: 'A', tags: ['docker'] })}More body.\n`);
      live.fileEvent('changed', '/w/content/posts/a.md');
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(changes, []);
    });

    it('a deleted post leaves the index and is reported removed', async () => {
      const { live, fs, clock, changes } = await scanned();
      const list = live.postPaths();
      fs.remove('/w/content/posts/b.md');
      live.fileEvent('deleted', '/w/content/posts/b.md');
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.equal(live.index.has('/w/content/posts/b.md'), false);
      assert.equal(live.index.term('tags', 'k8s'), undefined);
      assert.notEqual(live.postPaths(), list, 'the list of posts is made again');
      assert.deepEqual([...live.postPaths()], ['/w/content/posts/a.md']);
      assert.deepEqual(changes, [{ changed: [], removed: ['/w/content/posts/b.md'] }]);
    });

    it('a post that became unreadable is dropped and listed as skipped, and logged', async () => {
      const { live, fs, clock, logs } = await scanned();
      fs.writeFile('/w/content/posts/a.md', new Uint8Array([45, 45, 45, 0, 1, 2]));
      live.fileEvent('changed', '/w/content/posts/a.md');
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.equal(live.index.has('/w/content/posts/a.md'), false);
      assert.deepEqual(live.skippedPosts(), ['/w/content/posts/a.md']);
      assert.ok(logs.some((l) => l.startsWith('warn: skipped /w/content/posts/a.md')), logs.join('\n'));
      fs.writeFile('/w/content/posts/a.md', yamlPost({ tags: ['fixed'] }));
      live.fileEvent('changed', '/w/content/posts/a.md');
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(live.skippedPosts(), [], 'readable again');
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['fixed']);
    });

    it('ignores a file outside the content scope or outside every workspace folder', async () => {
      const { live, fs, clock, changes } = await scanned();
      const reads = fs.prefixReads.length;
      for (const p of ['/w/README.md', '/w/themes/t/layouts/x.md', '/elsewhere/content/x.md', '/w/content/posts/image.png']) {
        fs.writeFile(p, yamlPost({ tags: ['stray'] }));
        live.fileEvent('created', p);
      }
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.equal(fs.prefixReads.length, reads, 'nothing read');
      assert.equal(live.index.size, 2);
      assert.equal(live.index.term('tags', 'stray'), undefined);
      assert.deepEqual(changes, []);
      assert.equal(live.postPathOf('/w/README.md'), undefined);
      assert.equal(live.postPathOf('/w/content/new.md'), '/w/content/new.md', 'a post that does not exist yet is in scope');
    });

    it('a deleted folder takes its posts with it', async () => {
      const { live, fs, clock, changes } = await scanned((m) => m.writeFile('/w/content/posts/sub/c.md', yamlPost({ tags: ['c'] })).writeFile('/w/content/posts/sub/deep/d.md', yamlPost({ tags: ['d'] })));
      assert.equal(live.index.size, 4);
      fs.remove('/w/content/posts/sub');
      live.fileEvent('deleted', '/w/content/posts/sub');
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(live.postPaths().slice().sort(), ['/w/content/posts/a.md', '/w/content/posts/b.md']);
      assert.deepEqual(changes.length, 1);
      assert.deepEqual(changes[0].removed.slice().sort(), ['/w/content/posts/sub/c.md', '/w/content/posts/sub/deep/d.md']);
    });

    it('a folder created with posts inside (moved in, checked out) has them indexed', async () => {
      const { live, fs, clock, changes } = await scanned();
      fs.writeFile('/w/content/new/x.md', yamlPost({ tags: ['x'] })).writeFile('/w/content/new/y.md', yamlPost({ tags: ['y'] }));
      live.fileEvent('created', '/w/content/new');
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/new/x.md'), ['x']);
      assert.deepEqual(tagsOf(live, '/w/content/new/y.md'), ['y']);
      assert.deepEqual(changes.flatMap((c) => c.changed).sort(), ['/w/content/new/x.md', '/w/content/new/y.md']);
    });
  });

  describe('renames', () => {
    it('a renamed post keeps its data without a re-read', async () => {
      const { live, fs, clock, changes } = await scanned();
      const reads = fs.prefixReads.length;
      fs.writeFile('/w/content/posts/a2.md', yamlPost({ title: 'A', tags: ['docker'] }));
      fs.remove('/w/content/posts/a.md');
      live.renamed([{ from: '/w/content/posts/a.md', to: '/w/content/posts/a2.md' }]);
      await clock.advance(CHANGE_DEBOUNCE_MS);
      assert.equal(fs.prefixReads.length, reads, 'no read');
      assert.equal(live.index.has('/w/content/posts/a.md'), false);
      assert.deepEqual(tagsOf(live, '/w/content/posts/a2.md'), ['docker']);
      assert.deepEqual([...live.index.term('tags', 'docker')!.posts], ['/w/content/posts/a2.md']);
      assert.deepEqual(changes, [{ changed: ['/w/content/posts/a2.md'], removed: ['/w/content/posts/a.md'] }]);
    });

    it('a post renamed out of the content scope, or to a non-local place, is removed', async () => {
      const { live, clock, changes } = await scanned();
      live.renamed([
        { from: '/w/content/posts/a.md', to: '/w/drafts/a.md' },
        { from: '/w/content/posts/b.md', to: undefined },
      ]);
      await clock.advance(CHANGE_DEBOUNCE_MS);
      assert.equal(live.index.size, 0);
      assert.deepEqual(changes, [{ changed: [], removed: ['/w/content/posts/a.md', '/w/content/posts/b.md'] }]);
    });

    it('a renamed folder moves its posts', async () => {
      const { live, fs, clock } = await scanned();
      fs.remove('/w/content/posts');
      fs.writeFile('/w/content/articles/a.md', yamlPost({ title: 'A', tags: ['docker'] })).writeFile('/w/content/articles/b.md', yamlPost({ title: 'B', tags: ['k8s'] }));
      live.renamed([{ from: '/w/content/posts', to: '/w/content/articles' }]);
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(live.postPaths().slice().sort(), ['/w/content/articles/a.md', '/w/content/articles/b.md']);
      assert.deepEqual([...live.index.term('tags', 'k8s')!.posts], ['/w/content/articles/b.md']);
    });
  });

  describe('unsaved editor text', () => {
    it('wins over the disk, and is dropped when the editor closes (the file is read again)', async () => {
      const { live, fs, clock, changes } = await scanned();
      const doc = new FakeEditor('/w/content/posts/a.md', yamlPost({ title: 'A', tags: ['compose'] }));
      live.editorChanged(doc);
      await clock.advance(EDIT_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['compose']);
      assert.deepEqual(changes, [{ changed: ['/w/content/posts/a.md'], removed: [] }]);

      // The file changes on disk meanwhile: the unsaved text still wins.
      fs.writeFile('/w/content/posts/a.md', yamlPost({ title: 'A', tags: ['from-disk'] }));
      const reads = readsOf(fs, '/w/content/posts/a.md');
      live.fileEvent('changed', '/w/content/posts/a.md');
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['compose']);
      assert.equal(readsOf(fs, '/w/content/posts/a.md'), reads, 'the disk is not read');

      doc.isClosed = true;
      live.editorClosed(doc.path);
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['from-disk']);
      assert.equal(readsOf(fs, '/w/content/posts/a.md'), reads + 1);
    });

    it('closing an editor that had no unsaved text changes nothing', async () => {
      const { live, fs, clock, changes } = await scanned();
      const reads = fs.prefixReads.length;
      live.editorClosed('/w/content/posts/a.md');
      await clock.advance(1000);
      assert.equal(fs.prefixReads.length, reads);
      assert.deepEqual(changes, []);
    });

    it('typing is read once it pauses: a burst of edits reads the text once, the last one', async () => {
      const { live, clock, changes } = await scanned();
      const doc = new FakeEditor('/w/content/posts/a.md', '');
      for (let i = 0; i < 5; i++) {
        doc.text = yamlPost({ tags: [`t${i}`] });
        live.editorChanged(doc);
        await clock.advance(EDIT_DEBOUNCE_MS - 1);
      }
      assert.equal(doc.reads, 0, 'not read while typing goes on');
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['docker']);
      await clock.advance(1 + CHANGE_DEBOUNCE_MS);
      assert.equal(doc.reads, 1);
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['t4']);
      assert.equal(changes.length, 1);
    });

    it('a save goes back to the file at once (a pending edit is dropped)', async () => {
      const { live, fs, clock } = await scanned();
      const doc = new FakeEditor('/w/content/posts/a.md', yamlPost({ tags: ['typed'] }));
      live.editorChanged(doc);
      await clock.advance(EDIT_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['typed']);
      doc.text = yamlPost({ tags: ['typed-more'] });
      live.editorChanged(doc);
      fs.writeFile('/w/content/posts/a.md', yamlPost({ tags: ['saved'] }));
      doc.isDirty = false;
      live.editorSaved(doc.path);
      await clock.advance(EDIT_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['saved']);
      assert.equal(doc.reads, 1, 'the edit pending at the save was not applied');
    });

    it('a revert (the text is clean again) goes back to the file', async () => {
      const { live, clock } = await scanned();
      const doc = new FakeEditor('/w/content/posts/a.md', yamlPost({ tags: ['typed'] }));
      live.editorChanged(doc);
      await clock.advance(EDIT_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['typed']);
      doc.isDirty = false;
      live.editorChanged(doc);
      await clock.advance(EDIT_DEBOUNCE_MS + DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/posts/a.md'), ['docker']);
    });

    it('an editor of a file outside the content scope is not indexed', async () => {
      const { live, clock } = await scanned();
      const doc = new FakeEditor('/w/README.md', yamlPost({ tags: ['readme'] }));
      live.editorChanged(doc);
      await clock.advance(EDIT_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.equal(doc.reads, 0);
      assert.equal(live.index.has('/w/README.md'), false);
    });

    it('an unsaved editor still wins after a refresh replaces the index', async () => {
      const { live, clock, editors } = await scanned();
      const doc = new FakeEditor('/w/content/posts/b.md', yamlPost({ tags: ['unsaved'] }));
      editors.push(doc, new FakeEditor('/w/content/posts/a.md', 'clean editors are not read'));
      editors[1].isDirty = false;
      await live.refresh();
      assert.deepEqual(tagsOf(live, '/w/content/posts/b.md'), ['unsaved']);
      assert.equal(editors[1].reads, 0);
      // And the disk does not undo it.
      live.fileEvent('changed', '/w/content/posts/b.md');
      await clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(live, '/w/content/posts/b.md'), ['unsaved']);
    });
  });

  describe('full scans', () => {
    it('a refresh replaces the index and reports only what differs', async () => {
      const { live, fs, clock, changes } = await scanned((m) => m.writeFile('/w/content/posts/c.md', yamlPost({ title: 'C', tags: ['c'] })));
      const before = live.index;
      // Changed on disk without any event (a watcher that missed them).
      fs.remove('/w/content/posts/b.md');
      fs.writeFile('/w/content/posts/c.md', yamlPost({ title: 'C', tags: ['c2'] }));
      fs.writeFile('/w/content/posts/d.md', yamlPost({ title: 'D', tags: ['d'] }));
      await live.refresh();
      assert.notEqual(live.index, before, 'a new index');
      assert.deepEqual(live.postPaths().slice().sort(), ['/w/content/posts/a.md', '/w/content/posts/c.md', '/w/content/posts/d.md']);
      assert.deepEqual(tagsOf(live, '/w/content/posts/c.md'), ['c2']);
      await clock.advance(0);
      assert.equal(changes.length, 1);
      assert.deepEqual(changes[0].changed.slice().sort(), ['/w/content/posts/c.md', '/w/content/posts/d.md'], 'a.md is the same and not reported');
      assert.deepEqual(changes[0].removed, ['/w/content/posts/b.md']);
    });

    it('a file event that arrives during a scan is applied after it, not lost', async () => {
      const fs = new GatedFileSystem('/w/content/b.md').writeFile('/w/content/a.md', yamlPost({ tags: ['old'] })).writeFile('/w/content/b.md', yamlPost({ tags: ['b'] }));
      const s = setup(fs);
      const scan = s.live.ready();
      await settle();
      assert.ok(fs.waiting, 'the scan waits on b.md, having read a.md');
      fs.writeFile('/w/content/a.md', yamlPost({ tags: ['new'] }));
      fs.writeFile('/w/content/c.md', yamlPost({ tags: ['c'] }));
      s.live.fileEvent('changed', '/w/content/a.md');
      s.live.fileEvent('created', '/w/content/c.md');
      // The debounce ends while the scan still runs: the update must wait for the scan's index.
      await s.clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      fs.open();
      await scan;
      assert.deepEqual(tagsOf(s.live, '/w/content/a.md'), ['old'], 'the scan read a.md before it changed');
      assert.equal(s.live.index.has('/w/content/c.md'), false);
      await s.clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(s.live, '/w/content/a.md'), ['new']);
      assert.deepEqual(tagsOf(s.live, '/w/content/c.md'), ['c']);
    });

    it('a refresh during a scan wins: the first scan’s index is never swapped in', async () => {
      const fs = new MemoryFileSystem().writeFile('/w/content/a.md', yamlPost({ tags: ['a'] }));
      const s = setup(fs);
      const swapped: number[] = [];
      s.live.onDidFinishScan((index) => swapped.push(index.size));
      const first = s.live.ready();
      fs.writeFile('/w/content/b.md', yamlPost({ tags: ['b'] }));
      const second = s.live.refresh();
      await Promise.all([first, second]);
      assert.deepEqual(swapped, [2], 'one scan finished, the second');
      assert.equal(s.live.index.size, 2);
    });

    // Issue 21: the extension host must give back an old index's memory after a refresh. A
    // full collection (V8's `gc`, exposed for this test only) must free the replaced index and
    // its posts, also when one refresh cuts another short and a listener held a scan's work.
    it('refreshes leave nothing of the replaced index reachable', async () => {
      const { live, fs } = await scanned();
      const old = new WeakRef(live.index);
      const oldPost = new WeakRef(live.index.get('/w/content/posts/a.md')!);
      fs.writeFile('/w/content/posts/c.md', yamlPost({ title: 'C', tags: ['c'] }));
      const finished: WeakRef<object>[] = [];
      live.onDidStartScan((scan) => void scan.work.then(() => undefined));
      live.onDidFinishScan((index) => finished.push(new WeakRef(index)));
      const first = live.refresh();
      const second = live.refresh();
      await Promise.all([first, second]);
      await live.refresh();
      const kept = live.index;
      await fullGc();
      assert.equal(old.deref(), undefined, 'the first index is freed');
      assert.equal(oldPost.deref(), undefined, 'its posts are freed');
      assert.deepEqual(finished.map((r) => r.deref()), [undefined, kept], 'of the scans that finished, only the live index is left');
      assert.equal(kept.size, 3);
    });

    it('reports scan starts, the first with progress', async () => {
      const { live } = await scanned();
      const starts: boolean[] = [];
      live.onDidStartScan((scan) => {
        starts.push(scan.first);
        scan.onProgress(() => undefined);
      });
      await live.refresh();
      live.workspaceChanged();
      await live.ready();
      assert.deepEqual(starts, [false, false]);
    });
  });

  describe('workspace folders and Hugo sites', () => {
    it('a nested workspace folder claims its own files with its own globs', async () => {
      const fs = new MemoryFileSystem()
        .writeFile('/w/content/a.md', yamlPost({ tags: ['outer'] }))
        .writeFile('/w/journal/2024/x.md', yamlPost({ tags: ['inner'] }))
        .writeFile('/w/journal/README.txt', 'not a post');
      const s = setup(fs, [folder('/w'), folder('/w/journal', ['**/*.md'])]);
      await s.live.ready();
      assert.deepEqual(s.live.postPaths().slice().sort(), ['/w/content/a.md', '/w/journal/2024/x.md']);
      fs.writeFile('/w/journal/y.md', yamlPost({ tags: ['y'] }));
      s.live.fileEvent('created', '/w/journal/y.md');
      await s.clock.advance(DISK_DEBOUNCE_MS + CHANGE_DEBOUNCE_MS);
      assert.deepEqual(tagsOf(s.live, '/w/journal/y.md'), ['y']);
    });

    it('a folder that is not local is logged and not indexed', async () => {
      const fs = new MemoryFileSystem().writeFile('/w/content/a.md', yamlPost({ tags: ['a'] }));
      const remote: LiveFolder = { root: undefined, name: 'vscode-vfs://github/x', postGlobs: () => ({ include: DEFAULT_INCLUDE, includeIsDefault: true, exclude: [] }), settingsLayer: () => undefined };
      const s = setup(fs, [remote, folder('/w')]);
      await s.live.ready();
      assert.equal(s.live.index.size, 1);
      assert.ok(s.logs.includes('info: vscode-vfs://github/x: not a local folder; its posts are not indexed'), s.logs.join('\n'));
    });

    it('follows the content folder a Hugo config names, and a change of it', async () => {
      const fs = new MemoryFileSystem()
        .writeFile('/w/hugo.toml', 'contentDir = "articles"\n')
        .writeFile('/w/articles/a.md', yamlPost({ tags: ['a'] }))
        .writeFile('/w/pages/b.md', yamlPost({ tags: ['b'] }));
      const s = setup(fs);
      await s.live.ready();
      assert.deepEqual([...s.live.postPaths()], ['/w/articles/a.md']);
      assert.equal(s.live.postPathOf('/w/articles/new.md'), '/w/articles/new.md');

      fs.writeFile('/w/hugo.toml', 'contentDir = "pages"\n');
      s.live.fileEvent('changed', '/w/hugo.toml');
      await s.clock.advance(DISK_DEBOUNCE_MS);
      await s.live.ready();
      assert.deepEqual([...s.live.postPaths()], ['/w/pages/b.md']);
      assert.equal(s.live.postPathOf('/w/articles/new.md'), undefined);
    });

    it('a Hugo config change that moves nothing does not rescan', async () => {
      const fs = new MemoryFileSystem().writeFile('/w/hugo.toml', 'title = "x"\n').writeFile('/w/content/a.md', yamlPost({ tags: ['a'] }));
      const s = setup(fs);
      await s.live.ready();
      let scans = 0;
      s.live.onDidStartScan(() => scans++);
      fs.writeFile('/w/hugo.toml', 'title = "y"\n');
      s.live.fileEvent('changed', '/w/hugo.toml');
      await s.clock.advance(DISK_DEBOUNCE_MS);
      assert.equal(scans, 0);
      fs.writeFile('/w/hugo.toml', 'title = "y"\ndisableKinds = ["term"]\n');
      s.live.fileEvent('changed', '/w/hugo.toml');
      await s.clock.advance(DISK_DEBOUNCE_MS);
      await s.live.ready();
      assert.equal(scans, 1, 'disableKinds changes what the tree says');
      assert.deepEqual(s.live.hugoFacts?.noTermPages, ['term']);
    });

    it('a folder whose include is set by the user does not follow the Hugo config', async () => {
      const fs = new MemoryFileSystem().writeFile('/w/hugo.toml', 'contentDir = "articles"\n').writeFile('/w/articles/a.md', yamlPost({ tags: ['a'] })).writeFile('/w/notes/n.md', yamlPost({ tags: ['n'] }));
      const s = setup(fs, [folder('/w', ['notes/**/*.md'])]);
      await s.live.ready();
      assert.deepEqual([...s.live.postPaths()], ['/w/notes/n.md']);
    });
  });

  it('stops its timers when disposed: nothing happens afterwards', async () => {
    const { live, fs, clock, changes } = await scanned();
    fs.writeFile('/w/content/posts/c.md', yamlPost({ tags: ['c'] }));
    live.fileEvent('created', '/w/content/posts/c.md');
    live.dispose();
    await clock.advance(1000);
    assert.equal(live.index.has('/w/content/posts/c.md'), false);
    assert.deepEqual(changes, []);
  });
});
