/**
 * A strict check of the renderer's HTML: every `<` starts a tag the renderer itself writes, no
 * event-handler or unknown attribute appears, every attribute is double-quoted, and every link or
 * image URL has a scheme the preview allows. Post text can only get into the output escaped, so
 * any violation means a value reached the page unescaped. (The XSS suite in test/xss checks the
 * same posts in a real browser with the real CSP.)
 */

/** Elements our renderer, markdown-it and highlight.js write. */
const ALLOWED_TAGS = new Set([
  'a', 'blockquote', 'br', 'button', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'img', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'time', 'tr', 'ul', 'input', 'sup', 'sub', 'mark', 'kbd', 'cite',
]);

const ALLOWED_ATTRIBUTES = new Set([
  'alt', 'aria-hidden', 'aria-label', 'checked', 'hidden', 'class', 'colspan', 'datetime', 'disabled', 'height', 'href', 'id', 'loading', 'open', 'rel', 'role', 'rowspan', 'src',
  'start', 'tabindex', 'target', 'title', 'type', 'width', 'value', 'reversed', 'lang',
]);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*\/?>/y;
const ATTRIBUTE = /\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g;
// data-* attributes are data for our webview script, not URLs the browser loads.
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background']);

/** Decodes the character references an attribute value may hold. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);?/gi, (m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16) || 0xfffd);
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)) || 0xfffd);
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? m;
  });
}

/** Whether a URL attribute value is one the preview may hold: web, mail, fragment, relative, data: image. */
export function isSafeUrl(attribute: string, raw: string): boolean {
  // Browsers ignore leading blanks/controls and tabs/newlines inside a scheme.
  // eslint-disable-next-line no-control-regex -- the control characters are the point
  const value = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1].toLowerCase();
  if (scheme === undefined) return !value.startsWith('//') || attribute !== 'href';
  if (scheme === 'https' || scheme === 'http' || scheme === 'mailto') return true;
  if (scheme === 'data') return attribute !== 'href' && /^data:image\/(png|gif|jpeg|webp);/i.test(value);
  return false;
}

/** Problems in `html`, empty when it is safe by the rules above. */
export function unsafeHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m) {
      problems.push(`raw "<" at ${lt}: ${JSON.stringify(html.slice(lt, lt + 60))}`);
      i = lt + 1;
      continue;
    }
    const [, , name, attributes] = m;
    if (!ALLOWED_TAGS.has(name.toLowerCase())) problems.push(`element <${name}>: ${JSON.stringify(m[0].slice(0, 80))}`);
    for (const a of attributes.matchAll(ATTRIBUTE)) {
      const attribute = a[1].toLowerCase();
      const value = a[2] ?? '';
      if (attribute.startsWith('on')) problems.push(`event handler ${attribute}: ${JSON.stringify(m[0].slice(0, 80))}`);
      else if (!ALLOWED_ATTRIBUTES.has(attribute) && !attribute.startsWith('data-')) problems.push(`attribute ${attribute}: ${JSON.stringify(m[0].slice(0, 80))}`);
      if (URL_ATTRIBUTES.has(attribute) && !isSafeUrl(attribute, value)) problems.push(`${attribute}="${value}"`);
      // The renderer writes no style attribute (table alignment is a class): any is injected CSS.
      if (attribute === 'style') problems.push(`style="${value}"`);
    }
    i = lt + m[0].length;
  }
  return problems;
}
