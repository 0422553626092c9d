import { goToLower } from '../text/goCase';

/**
 * How a Hugo version files taxonomy terms. `urlized` (Hugo 0.122 and older): the term's URL
 * segment is its key, so `C++` and `c++!` are one term. `lowercased` (0.123 and newer): the term
 * lowercased with each space as `-` is its key, so they are two terms (sharing one URL).
 */
export type TermKeyStyle = 'urlized' | 'lowercased';

/**
 * The key Hugo files a taxonomy term under, so that `Docker`, `docker` and `DOCKER` are one tag
 * and `Hot Dogs` and `hot-dogs` are one too. Lowercasing is Go's (`İ` folds to `i`, see goCase).
 *
 * `lowercased` (Hugo >= 0.123): the term through `paths.NormalizePathStringBasic` (lowercased,
 * each space a `-`; common/paths/pathparser.go), as `assembleTermsAndTranslations` files it.
 *
 * `urlized` (Hugo <= 0.122, `Site.getTaxonomyKey` in hugolib/site.go): the term's URL segment. It
 * keeps letters, digits, marks and `. / \ _ # + ~ - @` and `%XX` escapes, turns each run of white
 * space between kept characters into one `-` (none at the ends, none next to a written `-`), drops
 * every other character, and lowercases the result (the `disablePathToLower = false` default).
 */
export function termKey(term: string, style: TermKeyStyle = 'lowercased'): string {
  // Most terms are plain ASCII words; skip the per-character walk for them.
  if (SIMPLE_TERM.test(term)) return term.toLowerCase();
  if (style === 'lowercased') return goToLower(term).replace(/ /g, '-');
  return urlizedKey(term);
}

/** The URL segment Hugo gives a term (both styles publish the term page there). */
export function termUrlSegment(key: string): string {
  return SIMPLE_TERM.test(key) ? key.toLowerCase() : urlizedKey(key);
}

function urlizedKey(term: string): string {
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
  const key = goToLower(out);
  // A term of nothing but dropped characters ("!!!") would vanish; keep it findable instead.
  return key.length > 0 ? key : goToLower(term.trim());
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
  return `/${taxonomy.toLowerCase()}/${termUrlSegment(key)}/`;
}
