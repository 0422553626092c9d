/**
 * The lexical form of Hugo shortcodes: `{{< name params >}}`, `{{% name params %}}`, their
 * closing tags `{{< /name >}}`, self-closing `{{< name />}}`, and the comment form (the tag
 * wrapped in slash-star, star-slash inside its delimiters) that documentation uses to show a
 * shortcode literally.
 * One left-to-right scan, bounded by MAX_TAG_LENGTH, so no input makes it slow.
 */

/** One parameter: positional (no name) or `name=value`. */
export interface ShortcodeParam {
  name?: string;
  value: string;
  /** Where the value is written in the scanned text, without its quotes. */
  start: number;
  end: number;
}

export interface ShortcodeTag {
  kind: 'open' | 'close' | 'comment';
  /** `<` for `{{< >}}` (output used as is), `%` for `{{% %}}` (inner content is markdown). */
  delimiter: '<' | '%';
  name: string;
  params: ShortcodeParam[];
  selfClosing: boolean;
  /** Offsets of the whole tag in the scanned text. */
  start: number;
  end: number;
  /** For comments: the text Hugo prints, e.g. `{{< figure src="x" >}}`. */
  literal?: string;
}

/** Longer "tags" are not shortcodes; the bound keeps an unclosed `{{<` from scanning a whole post. */
export const MAX_TAG_LENGTH = 8192;

/** `[A-Za-z0-9_-]`, by char code: this runs for every shortcode of every render. */
function isParamNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2d;
}

/** Shortcode names may also hold `.` and `/` (nested folders under layouts/shortcodes). */
function isNameChar(code: number): boolean {
  return isParamNameChar(code) || code === 0x2e || code === 0x2f;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** `>}}` for `{{<`, `%}}` for `{{%`. */
export function closingDelimiter(delimiter: '<' | '%'): string {
  return delimiter === '<' ? '>}}' : '%}}';
}

/** The self-closing form of a closer (`/>}}`), made once: it is compared at every character of a name or value. */
function selfCloser(closer: string): string {
  return closer === '>}}' ? '/>}}' : '/%}}';
}

function skipSpace(text: string, pos: number, limit: number): number {
  while (pos < limit && isSpace(text[pos])) pos++;
  return pos;
}

/** True when `text` has a shortcode opening (`{{<` or `{{%`) at `pos`. */
export function startsShortcode(text: string, pos: number): boolean {
  return text.charCodeAt(pos) === 0x7b && text.charCodeAt(pos + 1) === 0x7b && (text[pos + 2] === '<' || text[pos + 2] === '%');
}

/**
 * Reads the tag starting at `start` (which must be `{{<` or `{{%`); `null` when it is not a
 * well-formed tag. With `withParams` false the parameters are checked but not kept (`params` is
 * empty): for a caller that needs only where a tag ends and its name.
 */
export function parseShortcodeTag(text: string, start: number, max = text.length, withParams = true): ShortcodeTag | null {
  if (!startsShortcode(text, start)) return null;
  const limit = Math.min(max, start + MAX_TAG_LENGTH);
  const delimiter = text[start + 2] as '<' | '%';
  const closer = closingDelimiter(delimiter);
  const slashCloser = selfCloser(closer);
  let pos = skipSpace(text, start + 3, limit);

  if (text.startsWith('/*', pos)) {
    const commentEnd = text.indexOf('*/', pos + 2);
    if (commentEnd === -1 || commentEnd >= limit) return null;
    let after = commentEnd + 2;
    while (after < limit && isSpace(text[after])) after++;
    if (!text.startsWith(closer, after)) return null;
    const inner = text.slice(pos + 2, commentEnd);
    return { kind: 'comment', delimiter, name: '', params: [], selfClosing: false, start, end: after + 3, literal: `{{${delimiter}${inner}${closingDelimiter(delimiter)}` };
  }

  let kind: 'open' | 'close' = 'open';
  if (text[pos] === '/') {
    kind = 'close';
    pos = skipSpace(text, pos + 1, limit);
  }
  const nameStart = pos;
  while (pos < limit && isNameChar(text.charCodeAt(pos)) && !text.startsWith(slashCloser, pos)) pos++;
  const name = text.slice(nameStart, pos);
  if (!name || name.startsWith('/')) return null;

  const params: ShortcodeParam[] = [];
  for (;;) {
    const beforeSpace = pos;
    pos = skipSpace(text, pos, limit);
    if (pos >= limit) return null;
    if (text.startsWith(closer, pos)) return { kind, delimiter, name, params, selfClosing: false, start, end: pos + 3 };
    if (text.startsWith(slashCloser, pos)) return { kind, delimiter, name, params, selfClosing: true, start, end: pos + 4 };
    // Parameters must be separated from the name and from each other by space.
    if (pos === beforeSpace || kind === 'close') return null;
    pos = readParam(text, pos, limit, closer, slashCloser, withParams ? params : undefined);
    if (pos === -1) return null;
  }
}

/** Reads the parameter at `pos` (into `params`, when given); the offset after it, or -1 when there is none. */
function readParam(text: string, pos: number, limit: number, closer: string, slashCloser: string, params: ShortcodeParam[] | undefined): number {
  let name: string | undefined;
  let p = pos;
  while (p < limit && isParamNameChar(text.charCodeAt(p))) p++;
  if (p > pos) {
    let q = p;
    while (q < limit && (text[q] === ' ' || text[q] === '\t')) q++;
    if (text[q] === '=') {
      if (params) name = text.slice(pos, p);
      pos = q + 1;
      while (pos < limit && (text[pos] === ' ' || text[pos] === '\t')) pos++;
    }
  }
  const after = valueEnd(text, pos, limit, closer, slashCloser);
  if (after === -1 || !params) return after;
  // As Hugo reads the value: without its quotes, and `\"` inside double quotes read as `"`.
  const quote = text[pos];
  const quoted = quote === '"' || quote === '`';
  const start = quoted ? pos + 1 : pos;
  const end = quoted ? after - 1 : after;
  const raw = text.slice(start, end);
  const value = quote === '"' && raw.includes('\\"') ? raw.replace(/\\"/g, '"') : raw;
  params.push(name === undefined ? { value, start, end } : { name, value, start, end });
  return after;
}

/** Where the value at `pos` ends (after its closing quote, if quoted), or -1 when there is none. */
function valueEnd(text: string, pos: number, limit: number, closer: string, slashCloser: string): number {
  const quote = text[pos];
  if (quote === '"') {
    for (let p = pos + 1; p < limit; p++) {
      const c = text.charCodeAt(p);
      if (c === 0x5c && text.charCodeAt(p + 1) === 0x22) p++;
      else if (c === 0x22) return p + 1;
    }
    return -1;
  }
  if (quote === '`') {
    const close = text.indexOf('`', pos + 1);
    return close === -1 || close >= limit ? -1 : close + 1;
  }
  let p = pos;
  while (p < limit && !isSpace(text[p]) && !text.startsWith(closer, p) && !text.startsWith(slashCloser, p)) p++;
  return p === pos ? -1 : p;
}

/**
 * Calls `visit` with every well-formed tag from `from`, left to right, the way the renderer finds
 * them; the inside of a tag (a quoted `{{< … >}}`) is not searched again. The scan of a body for
 * shortcodes: the renderer's pairing of inline tags and the validator's figure check use it.
 */
export function forEachShortcode(text: string, from: number, visit: (tag: ShortcodeTag) => void): void {
  for (let i = text.indexOf('{{', from); i !== -1; i = text.indexOf('{{', i + 2)) {
    if (!startsShortcode(text, i)) continue;
    const tag = parseShortcodeTag(text, i);
    if (!tag) continue;
    visit(tag);
    i = tag.end - 2;
  }
}

/** Named parameter (case-insensitive, as authors mix `src` and `Src`), else the positional one. */
export function getParam(tag: Pick<ShortcodeTag, 'params'>, name: string, position?: number): string | undefined {
  const lower = name.toLowerCase();
  for (const p of tag.params) if (p.name !== undefined && p.name.toLowerCase() === lower) return p.value;
  if (position !== undefined) {
    const positional = tag.params.filter((p) => p.name === undefined);
    return positional[position]?.value;
  }
  return undefined;
}

/** The tag as the author would write it, for labels: `{{< name a="1" >}}`. */
export function describeTag(tag: ShortcodeTag): string {
  const params = tag.params.map((p) => {
    const quoted = /^[^\s"`]+$/.test(p.value) ? p.value : p.value.includes('"') && !p.value.includes('`') ? `\`${p.value}\`` : `"${p.value.replace(/"/g, '\\"')}"`;
    return p.name === undefined ? quoted : `${p.name}=${quoted}`;
  });
  const slash = tag.kind === 'close' ? '/' : '';
  return `{{${tag.delimiter} ${slash}${[tag.name, ...params].join(' ')} ${tag.selfClosing ? '/' : ''}${closingDelimiter(tag.delimiter)}`;
}
