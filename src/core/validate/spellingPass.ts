import { spellingProblem } from './rules/taxonomies';
import { TermSpellingCounter } from './terms';
import type { TermSpelling, TermSpellingProvider } from './types';

/** A taxonomy term as a post writes it (`key` is Hugo's merge key, see `termKey`). */
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
export class SpellingPass<T> {
  private readonly counter = new TermSpellingCounter();
  private readonly pending: { term: WrittenTerm; ref: T }[] = [];

  /**
   * Adds one post's terms, in order and repeats included (they count once per post). With
   * `judge`, the first occurrence of each term is judged later; `ref` says what to report with.
   */
  addPost<U extends WrittenTerm>(terms: readonly U[], judge: boolean, ref: (term: U) => T): void {
    const byTaxonomy = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const term of terms) {
      let list = byTaxonomy.get(term.taxonomy);
      if (!list) byTaxonomy.set(term.taxonomy, (list = []));
      list.push(term.spelling);
      // A repeated term is fm/duplicate-tag's business; only its first spelling is judged.
      const id = `${term.taxonomy}\u0000${term.key}`;
      if (!judge || seen.has(id)) continue;
      seen.add(id);
      this.pending.push({ term, ref: ref(term) });
    }
    for (const [taxonomy, spellings] of byTaxonomy) this.counter.addPost(taxonomy, spellings);
  }

  /** The spellings counted so far, as a provider (answers cached per term). */
  provider(): TermSpellingProvider {
    const cache = new Map<string, readonly TermSpelling[]>();
    return (taxonomy, key) => {
      const id = `${taxonomy}\u0000${key}`;
      let v = cache.get(id);
      if (!v) cache.set(id, (v = this.counter.spellings(taxonomy, key)));
      return v;
    };
  }

  /** Every judged term spelled against the majority; `spellings` overrides this pass's own counts. */
  problems(spellings: TermSpellingProvider = this.provider()): { ref: T; spelling: string; message: string }[] {
    const out: { ref: T; spelling: string; message: string }[] = [];
    for (const { term, ref } of this.pending) {
      const problem = spellingProblem(term, spellings);
      if (problem) out.push({ ref, ...problem });
    }
    return out;
  }
}
