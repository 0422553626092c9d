import { parseShortcodeTag, startsShortcode, type ShortcodeTag } from './syntax';

/**
 * Which block-level shortcode opens on which line and which line closes it. Hugo pairs an
 * opening tag with the next closing tag of the same name (shortcodes nest), and a tag
 * without a closing tag is complete by itself. We compute the pairs in one pass over the
 * lines before markdown-it needs them, so an unclosed tag never makes the block rule search
 * to the end of the post again (that would be quadratic on posts with many figures).
 * Lines inside fenced code are skipped: shortcodes there are shown literally.
 */
export interface BlockShortcodeIndex {
  /** Opening line → closing line. */
  closeLineOf: Map<number, number>;
}

interface LineTag {
  line: number;
  tag: ShortcodeTag;
}

export function indexBlockShortcodes(src: string): BlockShortcodeIndex {
  const tags: LineTag[] = [];
  // The open fence: its character code and length; a closing fence needs at least as many.
  let fenceCode = 0;
  let fenceLength = 0;
  let lineStart = 0;
  let line = 0;
  while (lineStart <= src.length) {
    let lineEnd = src.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = src.length;
    const content = contentStart(src, lineStart, lineEnd);
    const c = src.charCodeAt(content);
    if (fenceCode) {
      if (c === fenceCode) {
        const run = runLength(src, content, lineEnd, c);
        if (run >= fenceLength && isBlank(src, content + run, lineEnd)) fenceCode = 0;
      }
    } else if (c === 0x7b) {
      const tag = startsShortcode(src, content) ? parseShortcodeTag(src, content) : null;
      if (tag && tag.kind !== 'comment') {
        const tagEndLineEnd = tag.end <= lineEnd ? lineEnd : endOfLine(src, tag.end);
        if (isBlank(src, tag.end, tagEndLineEnd)) {
          tags.push({ line, tag });
          // Skip the rest of a multi-line tag.
          while (lineEnd < tagEndLineEnd) {
            lineEnd = endOfLine(src, lineEnd + 1);
            line++;
          }
        }
      }
    } else if (c === 0x60 || c === 0x7e) {
      const run = runLength(src, content, lineEnd, c);
      // A backtick fence's info string cannot contain a backtick (CommonMark).
      if (run >= 3 && !(c === 0x60 && src.slice(content + run, lineEnd).includes('`'))) {
        fenceCode = c;
        fenceLength = run;
      }
    }
    if (lineEnd >= src.length) break;
    lineStart = lineEnd + 1;
    line++;
  }
  return { closeLineOf: pair(tags) };
}

function runLength(src: string, from: number, to: number, code: number): number {
  let p = from;
  while (p < to && src.charCodeAt(p) === code) p++;
  return p - from;
}

function pair(tags: LineTag[]): Map<number, number> {
  const closeLineOf = new Map<number, number>();
  const open: LineTag[] = [];
  for (const t of tags) {
    if (t.tag.kind === 'open') {
      if (!t.tag.selfClosing) open.push(t);
      continue;
    }
    for (let i = open.length - 1; i >= 0; i--) {
      if (open[i].tag.name === t.tag.name) {
        closeLineOf.set(open[i].line, t.line);
        open.length = i;
        break;
      }
    }
  }
  return closeLineOf;
}

/** Offset of a line's content after indentation, blockquote markers and one list marker. */
function contentStart(src: string, start: number, end: number): number {
  let p = start;
  for (let c = src.charCodeAt(p); p < end && (c === 0x20 || c === 0x09 || c === 0x3e); c = src.charCodeAt(++p));
  let q = p;
  const c = src.charCodeAt(q);
  if (c === 0x2d || c === 0x2a || c === 0x2b) q++;
  else {
    while (q < end && q - p < 9 && src.charCodeAt(q) >= 0x30 && src.charCodeAt(q) <= 0x39) q++;
    if (q > p && (src.charCodeAt(q) === 0x2e || src.charCodeAt(q) === 0x29)) q++;
    else q = p;
  }
  if (q > p && (src.charCodeAt(q) === 0x20 || src.charCodeAt(q) === 0x09)) {
    p = q;
    while (p < end && (src.charCodeAt(p) === 0x20 || src.charCodeAt(p) === 0x09)) p++;
  }
  return p;
}

function endOfLine(src: string, from: number): number {
  const nl = src.indexOf('\n', from);
  return nl === -1 ? src.length : nl;
}

function isBlank(src: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = src[i];
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}
