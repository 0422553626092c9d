import assert from 'node:assert/strict';
import { PostIndex, type PostData } from '../../src/core/index';
import { termKey } from '../../src/core/tags/termKey';
import { TermRepeats, type TermRepeat } from '../../src/core/tags/termTally';
import { SpellingPass } from '../../src/core/validate';
import { Prng } from '../../bench/prng';

/** The rule written plainly (each term against every earlier one): what the tally must agree with. */
function naiveRepeats(spellings: readonly string[]): TermRepeat[] {
  const keys = spellings.map((s) => termKey(s));
  return spellings.map((s, j) => {
    let found: TermRepeat;
    for (let k = 0; k < j; k++) {
      if (keys[k] !== keys[j]) continue;
      if (spellings[k] === s) return 'spelling';
      found = 'key';
    }
    return found;
  });
}

/** `n` tags from a small vocabulary in mixed case and spacing, so keys and spellings repeat often. */
function randomTags(n: number, seed: number): string[] {
  const prng = new Prng(seed);
  const rand = () => prng.next();
  const words = ['Docker', 'kubernetes', 'Hot Dogs', 'hot-dogs', 'GitOps', 'C++', 'İstanbul', 'go'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = words[Math.floor(rand() * words.length)];
    const r = rand();
    out.push(r < 0.2 ? w.toUpperCase() : r < 0.4 ? w.toLowerCase() : r < 0.7 ? `${w}${Math.floor(rand() * n)}` : w);
  }
  return out;
}

function post(path: string, tags: readonly string[]): PostData {
  return { path, title: path, draft: false, format: 'yaml', terms: [tags] };
}

/** Counts calls to `TermRepeats.next` while `run` runs: the tally asks once per term, so linking is linear. */
function countNextCalls(run: () => void): number {
  const next = TermRepeats.prototype.next;
  let calls = 0;
  TermRepeats.prototype.next = function (this: TermRepeats, spelling: string, key: string) {
    calls++;
    return next.call(this, spelling, key);
  };
  try {
    run();
  } finally {
    TermRepeats.prototype.next = next;
  }
  return calls;
}

describe('the term tally (one rule for how a post counts its terms)', () => {
  it('tells a repeated spelling from a repeated term, as comparing with every earlier term does', () => {
    for (const seed of [1, 2, 3]) {
      const tags = randomTags(300, seed);
      const repeats = new TermRepeats();
      assert.deepEqual(
        tags.map((t) => repeats.next(t, termKey(t))),
        naiveRepeats(tags),
        `seed ${seed}`,
      );
    }
    const repeats = new TermRepeats();
    assert.deepEqual(['Go', 'go', 'Go', 'GO'].map((t) => repeats.next(t, termKey(t))), [undefined, 'key', 'spelling', 'key']);
    repeats.reset();
    assert.equal(repeats.next('go', 'go'), undefined, 'a new list starts empty');
  });

  it('counts a 20,000-tag post once per term and spelling in the index, asking the tally once per term', () => {
    // Term r is written at r, r + 5000, r + 10000 and r + 15000: capitalized where that is a multiple of 3.
    const tags = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `Tag${i % 5000}` : `tag${i % 5000}`));
    const index = new PostIndex(['tags']);
    const calls = countNextCalls(() => index.set(post('/big.md', tags)));
    assert.equal(calls, tags.length);
    assert.equal(index.termCount('tags'), 5000);
    // Each term is written both ways, twice each: one post, and one post per spelling.
    for (const t of index.terms('tags')) {
      assert.equal(t.postCount, 1, t.key);
      assert.deepEqual([...t.spellings].sort(), [[`Tag${t.key.slice(3)}`, 1], [t.key, 1]], t.key);
    }

    index.set(post('/small.md', ['TAG1', 'tag2']));
    const removed = countNextCalls(() => index.delete('/big.md'));
    assert.equal(removed, tags.length);
    assert.equal(index.termCount('tags'), 2);
    assert.deepEqual([...index.term('tags', 'tag1')!.spellings], [['TAG1', 1]]);
    assert.equal(index.term('tags', 'tag1')!.postCount, 1);
  });

  it('agrees with the plain rule on a big post in the index and in the spelling pass', () => {
    const tags = randomTags(20_000, 7);
    const expected = naiveSpellings(tags);

    const index = new PostIndex(['tags']);
    index.set(post('/p.md', tags));
    const fromIndex = new Map<string, Map<string, number>>();
    for (const t of index.terms('tags')) fromIndex.set(t.key, new Map(t.spellings));
    assert.deepEqual(fromIndex, expected);

    const pass = new SpellingPass<number>();
    const judged: number[] = [];
    pass.addPost(
      tags.map((spelling, i) => ({ taxonomy: 'tags', spelling, key: termKey(spelling), i })),
      true,
      (t) => {
        judged.push(t.i);
        return t.i;
      },
    );
    const provider = pass.provider();
    for (const [key, spellings] of expected) {
      assert.deepEqual(new Map(provider('tags', key).map((s) => [s.spelling, s.count])), spellings, key);
    }
    // Judged: the first occurrence of each term, in order.
    const naive = naiveRepeats(tags);
    assert.deepEqual(
      judged,
      tags.map((_, i) => i).filter((i) => naive[i] === undefined),
    );
  });
});

/** Term key → spelling → 1, for the spellings one post writes (a post counts once per spelling). */
function naiveSpellings(tags: readonly string[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  tags.forEach((t, i) => {
    if (tags.indexOf(t) !== i) return;
    const key = termKey(t);
    if (!out.has(key)) out.set(key, new Map());
    out.get(key)!.set(t, 1);
  });
  return out;
}
