import * as assert from 'node:assert/strict';
import { NoteSnippetCache, type PostFeed } from '../../src/core/snippets/noteCache';
import { buildPickGroups, NOTES_GROUP_LABEL } from '../../src/core/snippets/pickList';
import { harvestPost, titleFromPath } from '../../src/core/snippets/harvest';
import { contributedCatalog } from './support/catalog';

type Change = { changed: readonly string[]; removed: readonly string[] };

/** A post index in memory: files by path, a ready() the test can hold back, and change events. */
class FakeIndex implements PostFeed<string> {
  files = new Map<string, string>();
  reads: string[] = [];
  private listeners: ((e: Change) => unknown)[] = [];
  private releaseReady!: () => void;
  private readonly readyPromise = new Promise<void>((r) => (this.releaseReady = r));
  readyCalls = 0;

  ready(): Promise<void> {
    this.readyCalls++;
    return this.readyPromise;
  }
  release(): void {
    this.releaseReady();
  }
  posts(): readonly string[] {
    return [...this.files.keys()];
  }
  onDidChangePosts(listener: (e: Change) => unknown) {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
  fire(e: Change): void {
    for (const l of this.listeners) l(e);
  }
  /** Reads of these paths wait until the test opens the gate. */
  gates = new Map<string, Promise<void>>();
  read = async (path: string): Promise<string | undefined> => {
    this.reads.push(path);
    await (this.gates.get(path) ?? Promise.resolve());
    const text = this.files.get(path);
    if (text === undefined) throw new Error(`ENOENT ${path}`);
    return text;
  };
}

const post = (title: string, command: string) => `---\ntitle: ${title}\n---\n\n## Commands\n\n\`\`\`bash\n${command}\n\`\`\`\n`;

describe('note snippet cache over the post index', () => {
  let index: FakeIndex;
  let cache: NoteSnippetCache<string>;

  beforeEach(() => {
    index = new FakeIndex();
    index.files.set('/ws/content/posts/a.md', post('Alpha', 'docker swarm init --advertise-addr 10.0.0.1'));
    index.files.set('/ws/content/posts/b.md', post('Beta', 'kubectl port-forward svc/web 8080:80'));
    cache = new NoteSnippetCache(index, index.read, titleFromPath);
  });
  afterEach(() => cache.dispose());

  it('reads nothing until first asked, then waits for the index to be ready', async () => {
    assert.equal(index.readyCalls, 0);
    assert.equal(cache.peek(), undefined, 'not harvested yet');
    assert.equal(index.readyCalls, 1, 'peek starts the first harvest');
    await Promise.resolve();
    assert.deepEqual(index.reads, [], 'no post is read before the index is ready');
    index.release();
    const snippets = await cache.snippets();
    assert.deepEqual(snippets.map((s) => s.sources[0].title), ['Alpha', 'Beta']);
    assert.deepEqual(index.reads.sort(), ['/ws/content/posts/a.md', '/ws/content/posts/b.md']);
    assert.equal(cache.peek(), snippets, 'current results are served without reading again');
  });

  it('re-harvests only the posts the index reports as changed, and drops removed ones', async () => {
    index.release();
    await cache.snippets();
    index.reads = [];
    index.files.set('/ws/content/posts/a.md', post('Alpha', 'docker swarm leave --force'));
    index.files.set('/ws/content/posts/c.md', post('Gamma', 'trivy image alpine:3.20'));
    index.files.delete('/ws/content/posts/b.md');
    index.fire({ changed: ['/ws/content/posts/a.md', '/ws/content/posts/c.md'], removed: ['/ws/content/posts/b.md'] });
    assert.equal(cache.peek(), undefined, 'stale after a change');
    const snippets = await cache.snippets();
    assert.deepEqual(index.reads.sort(), ['/ws/content/posts/a.md', '/ws/content/posts/c.md']);
    assert.deepEqual(snippets.map((s) => s.text), ['docker swarm leave --force', 'trivy image alpine:3.20']);
  });

  it('picks up a change that arrives while the harvest is running', async () => {
    let open!: () => void;
    index.gates.set('/ws/content/posts/a.md', new Promise<void>((r) => (open = r)));
    index.release();
    const first = cache.snippets();
    while (!index.reads.includes('/ws/content/posts/b.md')) await new Promise((r) => setTimeout(r, 1));
    // b.md was already read with its old text; it changes while a.md is still being read.
    index.files.set('/ws/content/posts/b.md', post('Beta', 'kubectl logs job/kube-bench'));
    index.fire({ changed: ['/ws/content/posts/b.md'], removed: [] });
    open();
    const snippets = await first;
    assert.ok(snippets.some((s) => s.text === 'kubectl logs job/kube-bench'), 'the published result has the new text');
    assert.ok(!snippets.some((s) => s.text.startsWith('kubectl port-forward')));
    assert.equal(index.reads.filter((r) => r.endsWith('b.md')).length, 2);
  });

  it('re-reads a post marked as edited (a body change the index does not report), and ignores non-posts', async () => {
    index.release();
    await cache.snippets();
    index.reads = [];
    index.files.set('/ws/content/posts/a.md', `${index.files.get('/ws/content/posts/a.md')}\n\`\`\`bash\ndocker node ls\n\`\`\`\n`);
    cache.markChanged('/ws/content/posts/a.md');
    cache.markChanged('/ws/README.md');
    const snippets = await cache.snippets();
    assert.deepEqual(index.reads, ['/ws/content/posts/a.md']);
    assert.ok(snippets.some((s) => s.text === 'docker node ls'));
  });

  it('skips a post that cannot be read and reports it, keeping the others', async () => {
    const errors: string[] = [];
    cache.dispose();
    cache = new NoteSnippetCache(index, index.read, titleFromPath, (p) => errors.push(p));
    index.release();
    await cache.snippets();
    index.fire({ changed: ['/ws/content/posts/gone.md'], removed: [] });
    const snippets = await cache.snippets();
    assert.equal(snippets.length, 2);
    assert.deepEqual(errors, ['/ws/content/posts/gone.md']);
  });

  it('stops listening when disposed', async () => {
    index.release();
    await cache.snippets();
    cache.dispose();
    index.fire({ changed: ['/ws/content/posts/a.md'], removed: [] });
    assert.ok(cache.peek(), 'a disposed cache does not go stale');
  });
});

describe('picker groups', () => {
  it('groups by topic in prefix-family order and adds the notes as the last group', async () => {
    const catalog = (await contributedCatalog()).snippets;
    const notes = harvestPost(post('Alpha', 'docker swarm init'), '/a.md', 'a');
    const prose = buildPickGroups(catalog, notes, { kind: 'prose' });
    assert.equal(prose[0].label, 'BuildKit Dockerfile');
    assert.equal(prose[prose.length - 1].label, NOTES_GROUP_LABEL);
    assert.deepEqual(prose[prose.length - 1].entries.map((e) => [e.label, e.description]), [['docker swarm init', 'Alpha › Commands']]);
    assert.equal(prose.flatMap((g) => g.entries).length, catalog.length + 1);
  });

  it('lists only what fits a Dockerfile or a shell fence', async () => {
    const catalog = (await contributedCatalog()).snippets;
    const notes = harvestPost(post('Alpha', 'docker swarm init'), '/a.md', 'a');
    const inDockerfile = buildPickGroups(catalog, notes, { kind: 'file', language: 'dockerfile' });
    assert.deepEqual(inDockerfile.map((g) => g.label), ['BuildKit Dockerfile']);
    const inBash = buildPickGroups(catalog, notes, { kind: 'fence', language: 'shellscript', info: 'bash' });
    assert.ok(inBash.every((g) => g.entries.every((e) => e.language === 'shellscript')));
    assert.equal(inBash[inBash.length - 1].label, NOTES_GROUP_LABEL);
  });

  it('names page bundles by their folder when the front matter has no title', () => {
    assert.equal(titleFromPath('/ws/content/posts/my-bundle/index.md'), 'my-bundle');
    assert.equal(titleFromPath('/ws/content/posts/plain.md'), 'plain');
    assert.equal(titleFromPath('/ws/content/_index.md'), 'content');
  });
});
