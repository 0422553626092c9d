import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DEFAULT_SEED, generatePost, largePost, type SyntheticPost } from '../../bench/generate';
import { parseFrontMatter } from '../../src/core/frontmatter';

function digest(seed: number, count: number): string {
  const h = createHash('sha256');
  for (let i = 0; i < count; i++) {
    const p = generatePost(seed, i);
    h.update(p.relPath).update('\0').update(p.text).update('\0');
  }
  return h.digest('hex');
}

describe('bench site generator', function () {
  // Generating and parsing a few hundred posts takes a moment on a busy machine.
  this.timeout(30_000);
  let posts: SyntheticPost[] = [];
  before(() => {
    posts = Array.from({ length: 400 }, (_, i) => generatePost(DEFAULT_SEED, i));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    assert.equal(digest(DEFAULT_SEED, 100), digest(DEFAULT_SEED, 100));
    assert.notEqual(digest(DEFAULT_SEED, 100), digest(DEFAULT_SEED + 1, 100));
    // A post does not depend on the ones generated before it.
    assert.equal(generatePost(DEFAULT_SEED, 377).text, posts[377].text);
  });

  it('mixes the three front matter formats, mostly YAML, and the parser agrees on each', () => {
    const counts = { yaml: 0, toml: 0, json: 0 };
    for (const p of posts) {
      counts[p.format]++;
      assert.equal(parseFrontMatter(p.text).format, p.format, p.relPath);
    }
    assert.ok(counts.yaml > 300 && counts.yaml < 380, `yaml ${counts.yaml}`);
    assert.ok(counts.toml > 15, `toml ${counts.toml}`);
    assert.ok(counts.json > 5, `json ${counts.json}`);
  });

  it('writes 3–15 tags with case variants, and only the posts meant to be broken have problems', () => {
    const lowered = new Map<string, Set<string>>();
    for (const p of posts) {
      assert.ok(p.tags.length >= 3 && p.tags.length <= 15, `${p.relPath}: ${p.tags.length} tags`);
      for (const t of p.tags) {
        const spellings = lowered.get(t.toLowerCase()) ?? new Set<string>();
        spellings.add(t);
        lowered.set(t.toLowerCase(), spellings);
      }
      const parsed = parseFrontMatter(p.text);
      if (p.broken === undefined) {
        assert.deepEqual(parsed.errors, [], p.relPath);
        const tags = parsed.data.tags as unknown[];
        assert.deepEqual(tags, p.tags, p.relPath);
      } else if (p.broken !== 'bad-date') {
        assert.ok(parsed.errors.length > 0, `${p.relPath} (${p.broken}) should not parse cleanly`);
      }
    }
    assert.ok([...lowered.values()].some((s) => s.has('Kubernetes') && s.has('kubernetes')));
    assert.ok(lowered.size > 250, `vocabulary in use: ${lowered.size}`);
    assert.deepEqual(posts.filter((p) => p.broken).map((p) => p.broken), ['bad-yaml']);
    // Every 397th post from the 200th is broken, in turn each way; all but a bad date break the parse.
    const broken = [200, 597, 994, 1391, 1788].map((n) => generatePost(DEFAULT_SEED, n));
    assert.deepEqual(broken.map((p) => p.broken), ['bad-yaml', 'unterminated', 'bad-date', 'bad-toml', 'unterminated-json']);
    for (const p of broken) assert.equal(parseFrontMatter(p.text).errors.length > 0, p.broken !== 'bad-date', `${p.broken}`);
  });

  it('writes bodies of 2–20 KB with fences, shortcodes and some page bundles', () => {
    for (const p of posts.filter((x) => x.broken === undefined)) {
      const body = p.text.slice(parseFrontMatter(p.text).bodyStart);
      assert.ok(body.length >= 2048 && body.length < 23000, `${p.relPath}: ${body.length}`);
    }
    const all = posts.map((p) => p.text).join('\n');
    for (const needle of ['```dockerfile', '```bash', '```yaml', '{{< figure', '{{% notice']) assert.ok(all.includes(needle), needle);
    const bundles = posts.filter((p) => p.relPath.endsWith('/index.md'));
    assert.ok(bundles.length > 5 && bundles.every((b) => b.assets.length === 1));
    // Figures point at images that exist: beside a bundle's index.md, or the site's static/images/.
    for (const p of posts) {
      for (const [, src] of p.text.matchAll(/figure src="([^"]+)"/g)) {
        const ok = p.assets.some((a) => a.relPath.endsWith(`/${src}`)) || /^\/images\/diagram-\d+\.png$/.test(src);
        assert.ok(ok, `${p.relPath}: ${src}`);
      }
    }
    const big = largePost(100_000);
    assert.ok(big.length >= 100_000 && big.length < 110_000);
  });
});
