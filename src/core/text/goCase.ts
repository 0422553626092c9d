/**
 * Go's `strings.ToLower`: each rune is mapped on its own by `unicode.ToLower`, never to more than
 * one rune and never by its context. JavaScript's `toLowerCase` differs in two ways that reach
 * real terms and keys: `İ` (U+0130) becomes `i` plus a combining dot, and a capital sigma at a
 * word's end becomes the final `ς`. Hugo folds term keys and front matter keys this way.
 */
export function goToLower(s: string): string {
  // Nearly every key and term is ASCII, where both agree.
  if (ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const special = SPECIAL.get(ch);
    if (special !== undefined) {
      out += special;
      continue;
    }
    const lower = ch.toLowerCase();
    // A one-rune mapping is Go's too; a longer one (only İ among current mappings) is not.
    out += [...lower].length === 1 ? lower : ch;
  }
  return out;
}

const ASCII = /^\p{ASCII}*$/u;

/** Runes whose Go lowercase JavaScript does not give one rune at a time. */
const SPECIAL = new Map<string, string>([
  ['\u0130', 'i'], // unicode.ToLower('İ') == 'i' (Go's CaseRanges: U+0130 maps down by 199)
  ['\u03a3', '\u03c3'], // Σ is always σ in Go; JavaScript picks ς at the end of a word
]);
