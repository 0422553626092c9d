import type { TermSpelling } from './types';

const ALLOWED_PUNCTUATION = new Set(['.', '/', '\\', '_', '#', '+', '~', '-', '@']);
const LETTER_DIGIT_MARK = /[\p{L}\p{Nd}\p{M}]/u;

/**
 * The key Hugo files a taxonomy term under: its URL path segment, lowercased. Hugo keeps
 * letters, digits and a few punctuation marks, turns runs of spaces between them into one `-`,
 * and drops everything else, so `Docker`, `docker` and ` docker ` are one term, and so are
 * `Hello World` and `hello-world`.
 */
export function termKey(term: string): string {
  let out = '';
  let pendingHyphen = false;
  let lastWasHyphen = false;
  const chars = Array.from(term);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const allowed =
      ALLOWED_PUNCTUATION.has(c) || LETTER_DIGIT_MARK.test(c) || (c === '%' && /^[0-9a-fA-F]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? '')));
    if (allowed) {
      lastWasHyphen = c === '-';
      if (pendingHyphen && !lastWasHyphen) out += '-';
      pendingHyphen = false;
      out += c;
    } else if (out.length > 0 && !lastWasHyphen && /\s/u.test(c)) {
      pendingHyphen = true;
    }
  }
  return out.toLowerCase();
}

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
