/**
 * Splits highlighted HTML into one string per source line. highlight.js spans may cover
 * several lines (block comments, heredocs), so open spans are closed at each line end and
 * reopened on the next line. Its output holds only `<span class="…">`, `</span>` and escaped
 * text, which is what makes this simple scan safe.
 */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '<') {
      const close = html.indexOf('>', i);
      const tag = html.slice(i, close + 1);
      if (tag.startsWith('</')) open.pop();
      else open.push(tag);
      current += tag;
      i = close + 1;
    } else if (c === '\n') {
      lines.push(current + '</span>'.repeat(open.length));
      current = open.join('');
      i++;
    } else {
      const next = nextSpecial(html, i);
      current += html.slice(i, next);
      i = next;
    }
  }
  lines.push(current);
  return lines;
}

function nextSpecial(html: string, from: number): number {
  for (let j = from; j < html.length; j++) {
    const c = html.charCodeAt(j);
    if (c === 0x3c || c === 0x0a) return j;
  }
  return html.length;
}
