import type { FrontMatterFormat } from '../frontmatter';
import { findJsonObjectEnd } from '../frontmatter/json';

/** Where a post's front matter is, found the way `parseFrontMatter` finds it. */
export type FrontMatterLocation =
  | { kind: 'none' }
  /** The block's text is `[contentStart, contentEnd)` (for JSON: the object itself). */
  | { kind: 'closed'; format: FrontMatterFormat; contentStart: number; contentEnd: number }
  | { kind: 'unterminated'; format: FrontMatterFormat }
  /** Only a prefix was read and the block does not close inside it. */
  | { kind: 'needMore' };

const DELIMITER = { yaml: '---', toml: '+++' } as const;

/**
 * Finds the front matter in `text`. With `complete` false, `text` is only the start of the file:
 * a block that may continue past it (or a line cut in the middle) answers `needMore`.
 */
export function locateFrontMatter(text: string, complete: boolean): FrontMatterLocation {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  if (i === text.length) return complete ? { kind: 'none' } : { kind: 'needMore' };
  if (text[i] === '{') {
    const end = findJsonObjectEnd(text, i);
    if (end !== -1) return { kind: 'closed', format: 'json', contentStart: i, contentEnd: end };
    return complete ? { kind: 'unterminated', format: 'json' } : { kind: 'needMore' };
  }
  for (const format of ['yaml', 'toml'] as const) {
    const d = DELIMITER[format];
    if (!text.startsWith(d, i)) continue;
    const eol = restOfLineBlank(text, i + d.length);
    // `----`, `--- # note`: Hugo opens the block anyway; rare enough for the full parser to read.
    if (eol === false) return complete ? { kind: 'unterminated', format } : { kind: 'needMore' };
    if (eol === text.length && !complete) return { kind: 'needMore' };
    return closeOf(text, format, eol === text.length ? eol : eol + 1, complete);
  }
  // The first line might still become a delimiter if it was cut short.
  if (!complete && text.indexOf('\n', i) === -1 && ('---'.startsWith(text.slice(i)) || '+++'.startsWith(text.slice(i)))) return { kind: 'needMore' };
  // A first `-` or `+` that is no delimiter: Hugo fails on it; the full parser says why.
  if (text[i] === '-') return { kind: 'unterminated', format: 'yaml' };
  if (text[i] === '+') return { kind: 'unterminated', format: 'toml' };
  return { kind: 'none' };
}

function closeOf(text: string, format: 'yaml' | 'toml', contentStart: number, complete: boolean): FrontMatterLocation {
  const d = DELIMITER[format];
  let lineStart = contentStart;
  while (lineStart < text.length) {
    const nl = text.indexOf('\n', lineStart);
    if (text.startsWith(d, lineStart)) {
      const eol = restOfLineBlank(text, lineStart + d.length);
      if (eol !== false) {
        // A closing line cut off by the end of a prefix might go on (`----`, `--- x`).
        if (eol === text.length && !complete) return { kind: 'needMore' };
        return { kind: 'closed', format, contentStart, contentEnd: lineStart };
      }
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return complete ? { kind: 'unterminated', format } : { kind: 'needMore' };
}

/** The offset of the line's `\n` (or the text's end) when only blanks follow `from`; else false. */
function restOfLineBlank(text: string, from: number): number | false {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10) return j;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return text.length;
}
