/**
 * Limits that keep hostile or broken front matter from freezing or crashing the shared extension
 * host. Real front matter is a few kilobytes nested a few levels; beyond these limits input is a
 * mistake or an attack, and is reported instead of parsed.
 */

/**
 * The YAML, TOML and JSON parsers (and our conversion of their trees) recurse once per level;
 * a few thousand levels overflow the stack.
 */
export const MAX_NESTING = 100;

/**
 * Front matter longer than this (UTF-16 code units) is not parsed. Measured: the parsers need
 * about 3 s and 130 MB per megabyte of YAML and TOML, and 20 MB of TOML exhausts a 4 GB heap.
 */
export const MAX_FRONT_MATTER_LENGTH = 512 * 1024;

/**
 * The offset in `content` where nesting first goes deeper than `MAX_NESTING` levels, or -1.
 * Counts flow brackets outside double-quoted strings and, for YAML, block indentation levels
 * (a leading `- ` counts as one). It over-counts brackets inside single-quoted or multi-line
 * strings; that only matters past the limit, where a clear error beats a crash.
 */
export function findExcessiveNesting(content: string, format: 'yaml' | 'toml' | 'json'): number {
  let flow = 0;
  const indents: number[] = [];
  let atLineStart = true;
  for (let i = 0; i < content.length; i++) {
    if (atLineStart) {
      atLineStart = false;
      if (format === 'yaml' && flow === 0) {
        const levelAt = blockLevel(content, i, indents);
        if (levelAt !== -1) return levelAt;
      }
    }
    const c = content.charCodeAt(i);
    if (c === 0x0a) {
      atLineStart = true;
    } else if (c === 0x22) {
      i = endOfDoubleQuoted(content, i);
    } else if (c === 0x5b || c === 0x7b) {
      flow++;
      if (flow + indents.length > MAX_NESTING) return i;
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) {
      flow--;
    }
  }
  return -1;
}

/**
 * A cheap sufficient condition for `findExcessiveNesting` finding nothing, for readers that
 * skip it: `findExcessiveNesting` counts at most one level per `[` or `{` plus two per block
 * level (an indentation and a `- `), so a block with at most `SHALLOW_BRACKETS` of them,
 * read to at most `SHALLOW_BLOCK_DEPTH` nested blocks, stays well below `MAX_NESTING`.
 */
export function isShallow(content: string): boolean {
  let brackets = 0;
  for (const open of ['[', '{']) {
    for (let at = content.indexOf(open); at !== -1; at = content.indexOf(open, at + 1)) {
      if (++brackets > SHALLOW_BRACKETS) return false;
    }
  }
  return true;
}

const SHALLOW_BRACKETS = 40;
/** How deep readers relying on `isShallow` may nest blocks. */
export const SHALLOW_BLOCK_DEPTH = 10;

/** Updates the YAML indentation stack for the line at `start`; returns an offset past the limit or -1. */
function blockLevel(content: string, start: number, indents: number[]): number {
  let col = start;
  while (content[col] === ' ') col++;
  const first = content[col];
  if (first === undefined || first === '\n' || first === '\r' || first === '#') return -1;
  const indent = col - start;
  while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
  indents.push(indent);
  // Compact nested sequences (`- - - x`) nest one level per dash.
  while (content[col] === '-' && (content[col + 1] === ' ' || content[col + 1] === '\t')) {
    col += 2;
    while (content[col] === ' ') col++;
    indents.push(col - start);
    if (indents.length > MAX_NESTING) return col;
  }
  return indents.length > MAX_NESTING ? start + indent : -1;
}

/** Offset of the closing quote of the string opening at `open` (or of the line end). */
function endOfDoubleQuoted(content: string, open: number): number {
  for (let j = open + 1; j < content.length; j++) {
    const c = content[j];
    if (c === '\\') j++;
    else if (c === '"') return j;
    else if (c === '\n') return j - 1;
  }
  return content.length;
}

/** True for the error a JavaScript engine throws when recursion exhausts the stack. */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}
