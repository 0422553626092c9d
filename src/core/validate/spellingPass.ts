import { spellingProblem } from './rules/taxonomies';
import type { TermSpelling, TermSpellingProvider } from './types';

/** A taxonomy term as a post writes it (`key` is Hugo's merge key of `spelling`, see `termKey`). */
export interface WrittenTerm {
  taxonomy: string;
  spelling: string;
  key: string;
}

/**
 * `fm/tag-spelling` over many posts, for checks that see each post once (the CLI, "Check All
 * Posts"): counts every post's spellings as it goes, and judges them only when all are counted.
 * `T` is whatever the caller needs back to report a problem (a file and a range, say).
 */
export class SpellingPass<T, U extends WrittenTerm = WrittenTerm> {
  /** taxonomy → term key → spelling → how many posts use that spelling. */
  private readonly counts = new Map<string, Map<string, Map<string, number>>>();
  /**
   * Judged terms, each with what to report it with and the counts of its term's spellings (a map
   * in `counts`): three arrays rather than an object per term (a big check judges 100k terms).
   */
  private readonly pendingTerms: U[] = [];
  private readonly pendingRefs: T[] = [];
  private readonly pendingSpellings: Map<string, number>[] = [];

  /**
   * Adds one post's terms, in order and repeats included (they count once per post). With
   * `judge`, the first occurrence of each term is judged later; `ref` says what to report with.
   */
  addPost(terms: readonly U[], judge: boolean, ref: (term: U) => T): void {
    // A post has a dozen terms or so: comparing with the earlier ones beats building sets per post.
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i];
      let spellingSeen = false;
      let termSeen = false;
      for (let j = 0; j < i; j++) {
        const earlier = terms[j];
        if (earlier.taxonomy !== term.taxonomy) continue;
        if (earlier.spelling === term.spelling) spellingSeen = true;
        // A repeated term is fm/duplicate-tag's business; only its first spelling is judged.
        if (earlier.key === term.key) termSeen = true;
      }
      // A term seen first is a spelling seen first too (one spelling, one key).
      if (spellingSeen) continue;
      const spellings = this.count(term);
      if (judge && !termSeen) {
        this.pendingTerms.push(term);
        this.pendingRefs.push(ref(term));
        this.pendingSpellings.push(spellings);
      }
    }
  }

  /** Counts one post's spelling of a term; returns the counts of that term's spellings. */
  private count(term: WrittenTerm): Map<string, number> {
    let byKey = this.counts.get(term.taxonomy);
    if (!byKey) this.counts.set(term.taxonomy, (byKey = new Map()));
    let bySpelling = byKey.get(term.key);
    if (!bySpelling) byKey.set(term.key, (bySpelling = new Map()));
    bySpelling.set(term.spelling, (bySpelling.get(term.spelling) ?? 0) + 1);
    return bySpelling;
  }

  /** The spellings counted so far, as a provider (answers cached per term). */
  provider(): TermSpellingProvider {
    const cache = new Map<Map<string, number>, readonly TermSpelling[]>();
    return (taxonomy, key) => {
      const bySpelling = this.counts.get(taxonomy)?.get(key);
      if (!bySpelling) return [];
      let v = cache.get(bySpelling);
      if (!v) cache.set(bySpelling, (v = [...bySpelling].map(([spelling, count]) => ({ spelling, count }))));
      return v;
    };
  }

  /** Every judged term spelled against the majority; `spellings` overrides this pass's own counts. */
  problems(spellings?: TermSpellingProvider): { ref: T; term: U; spelling: string; message: string }[] {
    const provider = spellings ?? this.provider();
    const out: { ref: T; term: U; spelling: string; message: string }[] = [];
    for (let i = 0; i < this.pendingTerms.length; i++) {
      // By this pass's own counts, a term only ever written one way is written the majority's way.
      if (!spellings && this.pendingSpellings[i].size === 1) continue;
      const problem = spellingProblem(this.pendingTerms[i], provider);
      if (problem) out.push({ ref: this.pendingRefs[i], term: this.pendingTerms[i], ...problem });
    }
    return out;
  }
}
