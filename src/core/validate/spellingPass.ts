import { TermRepeats } from '../tags/termTally';
import { spellingProblem } from './rules/taxonomies';
import type { TermSpelling, TermSpellingProvider } from './types';

/** A taxonomy term as a post writes it (`key` is Hugo's merge key of `spelling`, see `termKey`). */
export interface WrittenTerm {
  taxonomy: string;
  spelling: string;
  key: string;
}

/** One spelling of a term, counted; one object however many posts write it. */
interface CountedSpelling {
  /** The spelling as first met (a copy: no post's term object is kept). */
  term: WrittenTerm;
  /** Posts that write it. */
  count: number;
  /** Every counted spelling of its term, this one included. */
  siblings: Map<string, CountedSpelling>;
}

/**
 * `fm/tag-spelling` over many posts, for checks that see each post once (the CLI, "Check All
 * Posts"): counts every post's spellings as it goes, and judges them only when all are counted.
 * `T` is whatever the caller needs back to report a problem (a file and a range, say).
 */
export class SpellingPass<T> {
  /** taxonomy → term key → spelling → its count. */
  private readonly counts = new Map<string, Map<string, Map<string, CountedSpelling>>>();
  /**
   * Judged terms: the counted spelling each one is written in (shared by every post that writes
   * it) and what to report it with. Two arrays and no object per judged term: a big check judges
   * 100k, and whatever it keeps until the end the garbage collector copies twice.
   */
  private readonly pendingSpellings: CountedSpelling[] = [];
  private readonly pendingRefs: T[] = [];

  /** Per taxonomy: which of the post being added's terms repeat earlier ones (reset per post). */
  private readonly repeats = new Map<string, TermRepeats>();

  /**
   * Adds one post's terms, in order and repeats included (they count once per post). With
   * `judge`, the first occurrence of each term is judged later; `ref` says what to report with.
   * The terms themselves are not kept.
   */
  addPost<U extends WrittenTerm>(terms: readonly U[], judge: boolean, ref: (term: U) => T): void {
    for (const r of this.repeats.values()) r.reset();
    for (const term of terms) {
      let repeats = this.repeats.get(term.taxonomy);
      if (!repeats) this.repeats.set(term.taxonomy, (repeats = new TermRepeats()));
      const seen = repeats.next(term.spelling, term.key);
      if (seen === 'spelling') continue;
      const counted = this.count(term);
      // A repeated term is fm/duplicate-tag's business; only its first spelling is judged.
      if (judge && seen === undefined) {
        this.pendingSpellings.push(counted);
        this.pendingRefs.push(ref(term));
      }
    }
  }

  /** Counts one post's spelling of a term. */
  private count(term: WrittenTerm): CountedSpelling {
    let byKey = this.counts.get(term.taxonomy);
    if (!byKey) this.counts.set(term.taxonomy, (byKey = new Map()));
    let siblings = byKey.get(term.key);
    if (!siblings) byKey.set(term.key, (siblings = new Map()));
    let counted = siblings.get(term.spelling);
    if (!counted) siblings.set(term.spelling, (counted = { term: { taxonomy: term.taxonomy, spelling: term.spelling, key: term.key }, count: 0, siblings }));
    counted.count++;
    return counted;
  }

  /** The spellings counted so far, as a provider (answers cached per term). */
  provider(): TermSpellingProvider {
    const cache = new Map<Map<string, CountedSpelling>, readonly TermSpelling[]>();
    return (taxonomy, key) => {
      const siblings = this.counts.get(taxonomy)?.get(key);
      if (!siblings) return [];
      let v = cache.get(siblings);
      if (!v) cache.set(siblings, (v = [...siblings.values()].map(({ term, count }) => ({ spelling: term.spelling, count }))));
      return v;
    };
  }

  /** Every judged term spelled against the majority; `spellings` overrides this pass's own counts. */
  problems(spellings?: TermSpellingProvider): { ref: T; term: WrittenTerm; spelling: string; message: string }[] {
    const provider = spellings ?? this.provider();
    // Every post that writes a spelling gets the same verdict: judged once per spelling.
    const verdicts = new Map<CountedSpelling, { spelling: string; message: string } | undefined>();
    const out: { ref: T; term: WrittenTerm; spelling: string; message: string }[] = [];
    for (let i = 0; i < this.pendingSpellings.length; i++) {
      const counted = this.pendingSpellings[i];
      // By this pass's own counts, a term only ever written one way is written the majority's way.
      if (!spellings && counted.siblings.size === 1) continue;
      let verdict = verdicts.get(counted);
      if (verdict === undefined && !verdicts.has(counted)) verdicts.set(counted, (verdict = spellingProblem(counted.term, provider)));
      if (verdict) out.push({ ref: this.pendingRefs[i], term: counted.term, spelling: verdict.spelling, message: verdict.message });
    }
    return out;
  }
}
