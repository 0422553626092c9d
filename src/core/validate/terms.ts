import { termKey } from '../tags/termKey';
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
