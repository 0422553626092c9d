import { termKey } from '../index/termKey';
import type { TermSpelling } from './types';

/** Hugo's key for a term (shared with the post index, so both merge terms alike). */
export { termKey };

/**
 * The spelling most posts use, or undefined when no spelling leads (a tie, or just one).
 * Ties are not settled by guessing: the rule stays quiet rather than nag both camps.
 */
export function dominantSpelling(spellings: readonly TermSpelling[]): TermSpelling | undefined {
  let best: TermSpelling | undefined;
  let tie = false;
  for (const s of spellings) {
    if (!best || s.count > best.count) {
      best = s;
      tie = false;
    } else if (s.count === best.count && s.spelling !== best.spelling) tie = true;
  }
  return tie ? undefined : best;
}

/** Counts of term spellings across posts, for the CLI and "Check all posts" (the index does this live). */
export class TermSpellingCounter {
  /** taxonomy → term key → spelling → posts. */
  private readonly counts = new Map<string, Map<string, Map<string, number>>>();
  /** Spellings repeat across thousands of posts; their keys are computed once. */
  private readonly keys = new Map<string, string>();

  /** Records one post's terms of one taxonomy; a spelling counts once per post. */
  addPost(taxonomy: string, terms: readonly string[]): void {
    let byKey = this.counts.get(taxonomy);
    if (!byKey) this.counts.set(taxonomy, (byKey = new Map()));
    terms.forEach((term, i) => {
      if (terms.indexOf(term) !== i) return;
      let key = this.keys.get(term);
      if (key === undefined) this.keys.set(term, (key = termKey(term)));
      let bySpelling = byKey.get(key);
      if (!bySpelling) byKey.set(key, (bySpelling = new Map()));
      bySpelling.set(term, (bySpelling.get(term) ?? 0) + 1);
    });
  }

  spellings(taxonomy: string, key: string): TermSpelling[] {
    const bySpelling = this.counts.get(taxonomy)?.get(key);
    return bySpelling ? [...bySpelling].map(([spelling, count]) => ({ spelling, count })) : [];
  }

  /** Bound `spellings`, usable as a `TermSpellingProvider`. */
  readonly provider = (taxonomy: string, key: string): TermSpelling[] => this.spellings(taxonomy, key);
}
