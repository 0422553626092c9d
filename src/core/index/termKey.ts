/**
 * The key Hugo files a taxonomy term under, so that `Docker`, `docker` and `DOCKER` are one tag
 * and `Hot Dogs` and `hot-dogs` are one too. Hugo builds it from the term's URL segment: it keeps
 * letters, digits, marks and `. / \ _ # + ~ - @` and `%XX` escapes, turns each run of white space
 * between kept characters into one `-` (none at the ends, none next to a written `-`), drops every
 * other character, and lowercases the result (the `disablePathToLower = false` default).
 */
export function termKey(term: string): string {
  // Most terms are plain ASCII words; skip the per-character walk for them.
  if (SIMPLE_TERM.test(term)) return term.toLowerCase();
  let out = '';
  let pendingHyphen = false;
  let lastWasHyphen = false;
  const chars = Array.from(term);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (isKept(c, chars, i)) {
      lastWasHyphen = c === '-';
      if (pendingHyphen && !lastWasHyphen) out += '-';
      pendingHyphen = false;
      out += c;
    } else if (out.length > 0 && !lastWasHyphen && SPACE.test(c)) {
      pendingHyphen = true;
    }
  }
  const key = out.toLowerCase();
  // A term of nothing but dropped characters ("!!!") would vanish; keep it findable instead.
  return key.length > 0 ? key : term.trim().toLowerCase();
}

const SIMPLE_TERM = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const KEPT = /^[\p{L}\p{Nd}\p{M}./\\_#+~@-]$/u;
const SPACE = /^[\s\u0085]$/u;
const HEX = /^[0-9A-Fa-f]$/;

function isKept(c: string, chars: string[], i: number): boolean {
  if (KEPT.test(c)) return true;
  return c === '%' && i + 2 < chars.length && HEX.test(chars[i + 1]) && HEX.test(chars[i + 2]);
}

/** The URL path Hugo gives a term page, e.g. `/tags/hot-dogs/`. */
export function termUrl(taxonomy: string, key: string): string {
  return `/${taxonomy.toLowerCase()}/${key}/`;
}
