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
  private readonly counts = new Map<string, Map<string, number>>();

  /** Records one post's terms of one taxonomy; a spelling counts once per post. */
  addPost(taxonomy: string, terms: readonly string[]): void {
    const seen = new Set<string>();
    for (const term of terms) {
      if (seen.has(term)) continue;
      seen.add(term);
      const id = `${taxonomy}\u0000${termKey(term)}`;
      let bySpelling = this.counts.get(id);
      if (!bySpelling) this.counts.set(id, (bySpelling = new Map()));
      bySpelling.set(term, (bySpelling.get(term) ?? 0) + 1);
    }
  }

  spellings(taxonomy: string, key: string): TermSpelling[] {
    const bySpelling = this.counts.get(`${taxonomy}\u0000${key}`);
    return bySpelling ? [...bySpelling].map(([spelling, count]) => ({ spelling, count })) : [];
  }

  /** Bound `spellings`, usable as a `TermSpellingProvider`. */
  readonly provider = (taxonomy: string, key: string): TermSpelling[] => this.spellings(taxonomy, key);
}
