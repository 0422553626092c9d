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

const FENCE = /^(`{3,}|~{3,})/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])[ \t]+/;

export function indexBlockShortcodes(src: string): BlockShortcodeIndex {
  const tags: LineTag[] = [];
  let fence: { char: string; length: number } | undefined;
  let lineStart = 0;
  let line = 0;
  while (lineStart <= src.length) {
    let lineEnd = src.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = src.length;
    const content = stripContainerPrefix(src, lineStart, lineEnd);
    if (fence) {
      const m = FENCE.exec(src.slice(content, Math.min(lineEnd, content + 64)));
      if (m && m[1][0] === fence.char && m[1].length >= fence.length && isBlank(src, content + m[1].length, lineEnd)) fence = undefined;
    } else if (startsShortcode(src, content)) {
      const tag = parseShortcodeTag(src, content);
      if (tag && tag.kind !== 'comment') {
        const tagEndLineEnd = tag.end <= lineEnd ? lineEnd : endOfLine(src, tag.end);
        if (isBlank(src, tag.end, tagEndLineEnd)) {
          tags.push({ line, tag });
          // Skip the rest of a multi-line tag.
          while (lineEnd < tagEndLineEnd) {
            lineEnd = src.indexOf('\n', lineEnd + 1);
            if (lineEnd === -1) lineEnd = src.length;
            line++;
          }
        }
      }
    } else {
      const m = FENCE.exec(src.slice(content, Math.min(lineEnd, content + 64)));
      if (m && !(m[1][0] === '`' && src.slice(content + m[1].length, lineEnd).includes('`'))) fence = { char: m[1][0], length: m[1].length };
    }
    if (lineEnd >= src.length) break;
    lineStart = lineEnd + 1;
    line++;
  }
  return { closeLineOf: pair(tags) };
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
function stripContainerPrefix(src: string, start: number, end: number): number {
  let p = start;
  while (p < end && (src[p] === ' ' || src[p] === '\t' || src[p] === '>')) p++;
  const m = LIST_MARKER.exec(src.slice(p, Math.min(end, p + 16)));
  if (m) {
    p += m[0].length;
    while (p < end && (src[p] === ' ' || src[p] === '\t')) p++;
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
