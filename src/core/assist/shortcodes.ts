import { closingDelimiter, MAX_TAG_LENGTH } from '../render/shortcodes/syntax';
import type { AssistItem } from './frontMatterAssist';

/** A parameter a shortcode takes: named (`src=`), or positional (`#0`). */
export interface ShortcodeParamInfo {
  name?: string;
  position?: number;
  doc?: string;
  /** Values to offer (enums, languages); `pages`/`files` ask for the site's pages or image files. */
  values?: readonly string[] | 'pages' | 'files' | 'boolean';
}

export interface ShortcodeInfo {
  name: string;
  doc: string;
  params: readonly ShortcodeParamInfo[];
  /** Has a closing tag (`{{< details >}}…{{< /details >}}`). */
  paired?: boolean;
  /** The template file (absolute path) for the site's and theme's own shortcodes. */
  template?: string;
  /** `embedded`, `site` or `theme`. */
  origin: 'embedded' | 'site' | 'theme';
}

/** Languages Hugo's highlighter (Chroma) knows under these names; the ones notes use most. */
export const HIGHLIGHT_LANGUAGES: readonly string[] = [
  'bash', 'sh', 'shell', 'console', 'zsh', 'powershell', 'dockerfile', 'docker', 'yaml', 'json', 'toml', 'ini', 'hcl', 'terraform',
  'go', 'python', 'javascript', 'typescript', 'java', 'rust', 'c', 'cpp', 'csharp', 'ruby', 'php', 'sql', 'nginx', 'apacheconf',
  'makefile', 'diff', 'html', 'css', 'xml', 'markdown', 'lua', 'groovy', 'kotlin', 'protobuf', 'properties', 'plaintext', 'text',
];

const bool = 'boolean' as const;
const LOADING = ['lazy', 'eager'] as const;

/** Hugo's embedded shortcodes and their parameters, described in our own words. */
export const EMBEDDED_SHORTCODES: readonly ShortcodeInfo[] = [
  {
    name: 'figure', origin: 'embedded', doc: 'An image in a `<figure>`, with an optional caption, title and link.',
    params: [
      { name: 'src', doc: 'The image: a page resource, a path under static/, or a URL.', values: 'files' },
      { name: 'alt', doc: 'Text for readers who cannot see the image.' },
      { name: 'caption', doc: 'Text under the image (Markdown).' },
      { name: 'title', doc: 'A heading inside the figure caption.' },
      { name: 'link', doc: 'Makes the image a link to this URL.' },
      { name: 'target', doc: 'The `target` of the link (`_blank`).' },
      { name: 'rel', doc: 'The `rel` of the link.' },
      { name: 'class', doc: 'CSS classes of the `<figure>`.' },
      { name: 'width', doc: 'The `width` of the image.' },
      { name: 'height', doc: 'The `height` of the image.' },
      { name: 'loading', doc: 'How the browser loads the image.', values: LOADING },
      { name: 'attr', doc: 'An attribution line after the caption.' },
      { name: 'attrlink', doc: 'Makes the attribution a link.' },
    ],
  },
  {
    name: 'highlight', origin: 'embedded', paired: true, doc: 'Highlights the inner code with Chroma.',
    params: [
      { position: 0, doc: 'The language of the code.', values: HIGHLIGHT_LANGUAGES },
      { position: 1, doc: 'Options: `linenos=table,hl_lines=2 4-5,linenostart=10`.', values: ['linenos=table', 'linenos=inline', 'hl_lines=', 'linenostart=', 'anchorlinenos=true', 'style='] },
    ],
  },
  { name: 'ref', origin: 'embedded', doc: 'The absolute permalink of another page of the site; the build fails when it is not found.', params: [{ position: 0, doc: 'The page: a path from the content folder or from this page.', values: 'pages' }, { name: 'lang' }, { name: 'outputFormat' }] },
  { name: 'relref', origin: 'embedded', doc: 'The relative permalink of another page of the site; the build fails when it is not found.', params: [{ position: 0, doc: 'The page: a path from the content folder or from this page.', values: 'pages' }, { name: 'lang' }, { name: 'outputFormat' }] },
  {
    name: 'youtube', origin: 'embedded', doc: 'An embedded YouTube video (privacy-enhanced player).',
    params: [
      { position: 0, doc: 'The video id (`id=` in newer Hugo).' }, { name: 'id', doc: 'The video id.' }, { name: 'autoplay', values: bool }, { name: 'controls', values: bool },
      { name: 'mute', values: bool }, { name: 'loop', values: bool }, { name: 'start', doc: 'Start at this second.' }, { name: 'end', doc: 'Stop at this second.' },
      { name: 'title' }, { name: 'class' }, { name: 'loading', values: LOADING }, { name: 'allowFullScreen', values: bool },
    ],
  },
  { name: 'vimeo', origin: 'embedded', doc: 'An embedded Vimeo video.', params: [{ position: 0, doc: 'The video id.' }, { name: 'id' }, { name: 'title' }, { name: 'class' }, { name: 'loading', values: LOADING }, { name: 'allowFullScreen', values: bool }] },
  { name: 'gist', origin: 'embedded', doc: 'An embedded GitHub gist (deprecated in Hugo 0.143, use a theme shortcode).', params: [{ position: 0, doc: 'The GitHub user.' }, { position: 1, doc: 'The gist id.' }, { position: 2, doc: 'One file of the gist.' }] },
  { name: 'param', origin: 'embedded', doc: 'A parameter of this page\'s front matter (or the site\'s params), e.g. `{{< param "author" >}}`.', params: [{ position: 0, doc: 'The parameter; dots reach into maps (`social.github`).' }] },
  {
    name: 'details', origin: 'embedded', paired: true, doc: 'A collapsible `<details>` block (Hugo 0.140+).',
    params: [{ name: 'summary', doc: 'The text of the always visible line.' }, { name: 'open', doc: 'Open at first.', values: bool }, { name: 'class' }, { name: 'name', doc: 'Groups blocks: opening one closes the others.' }, { name: 'title' }],
  },
  {
    name: 'qr', origin: 'embedded', doc: 'A QR code image for a text or URL (Hugo 0.141+).',
    params: [
      { name: 'text', doc: 'What the code holds (or the inner content).' }, { name: 'level', doc: 'Error correction.', values: ['low', 'medium', 'quartile', 'high'] },
      { name: 'scale', doc: 'Pixels per module.' }, { name: 'targetDir', doc: 'Where the image is published.' }, { name: 'alt' }, { name: 'class' }, { name: 'id' }, { name: 'title' }, { name: 'loading', values: LOADING },
    ],
  },
  { name: 'x', origin: 'embedded', doc: 'An embedded post from X (Twitter).', params: [{ name: 'user' }, { name: 'id' }] },
  { name: 'instagram', origin: 'embedded', doc: 'An embedded Instagram post.', params: [{ position: 0, doc: 'The post id.' }] },
  { name: 'comment', origin: 'embedded', paired: true, doc: 'Text that is never published.', params: [] },
];

/**
 * The parameters a shortcode template reads: `.Get "name"` (or with backticks), positional
 * `.Get 0`, and `.Params.name`. Order of first use.
 */
export function learnShortcodeParams(template: string): ShortcodeParamInfo[] {
  const out: ShortcodeParamInfo[] = [];
  const seen = new Set<string>();
  for (const m of template.matchAll(/\.Get\s+(?:"([\w-]+)"|`([\w-]+)`|(\d+))|\.Params\.([A-Za-z_]\w*)/g)) {
    const name = m[1] ?? m[2] ?? m[4];
    const id = name ?? `#${m[3]}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(name ? { name } : { position: Number(m[3]) });
  }
  return out;
}

/** A shortcode name from its template's path relative to `layouts/shortcodes/`: `note.html` → `note`, `a/b.html` → `a/b`. */
export function shortcodeNameOf(relative: string): string | undefined {
  const m = /^(.+?)(?:\.[\w-]+)?\.(?:html|md|xml|txt|json)$/.exec(relative);
  return m ? m[1] : undefined;
}

/** Where the cursor is inside a shortcode tag being typed. */
export type ShortcodeCursor =
  | { kind: 'name'; delimiter: '<' | '%'; prefix: string; start: number; end: number; closed: boolean; closing: boolean }
  | { kind: 'param'; delimiter: '<' | '%'; name: string; prefix: string; start: number; end: number; positional: number; used: string[] }
  | { kind: 'value'; delimiter: '<' | '%'; name: string; param: string | number; prefix: string; quote: string; start: number; end: number };

/** The shortcode tag the cursor is typing in, or undefined (from the last `{{<`/`{{%` before it). */
export function shortcodeCursor(text: string, offset: number, bodyStart = 0): ShortcodeCursor | undefined {
  const floor = Math.max(bodyStart, offset - MAX_TAG_LENGTH);
  const a = text.lastIndexOf('{{<', offset - 1);
  const b = text.lastIndexOf('{{%', offset - 1);
  const open = Math.max(a, b);
  if (open < floor || open + 3 > offset) return undefined;
  const delimiter = text[open + 2] as '<' | '%';
  const inner = text.slice(open + 3, offset);
  if (inner.includes('}}')) return undefined;
  const after = text.slice(offset, Math.min(text.length, offset + MAX_TAG_LENGTH));
  const nameMatch = /^(\s*)(\/?\s*)([\w./-]*)$/.exec(inner);
  if (nameMatch) {
    const start = open + 3 + nameMatch[1].length + nameMatch[2].length;
    const tail = /^[\w./-]*/.exec(after)![0];
    const closer = after.indexOf(closingDelimiter(delimiter));
    const nextOpen = after.indexOf('{{');
    return { kind: 'name', delimiter, prefix: nameMatch[3], start, end: offset + tail.length, closed: closer !== -1 && (nextOpen === -1 || closer < nextOpen), closing: nameMatch[2].includes('/') };
  }
  const head = /^\s*([\w./-]+)\s+/.exec(inner);
  if (!head) return undefined;
  const name = head[1];
  // Read the parameters written so far.
  let pos = head[0].length;
  let positional = 0;
  const used: string[] = [];
  for (;;) {
    const rest = inner.slice(pos);
    const value = /^([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"?|`[^`]*`?|\S*)$/.exec(rest);
    if (value) {
      const raw = value[2];
      const quote = raw[0] === '"' || raw[0] === '`' ? raw[0] : '';
      const closedQuote = quote && raw.length > 1 && raw.endsWith(quote);
      if (!closedQuote) {
        const start = open + 3 + pos + rest.length - raw.length;
        return { kind: 'value', delimiter, name, param: value[1], prefix: raw.slice(quote.length), quote, start, end: valueEnd(after, quote, offset) };
      }
    }
    const positionalTyping = /^("(?:[^"\\]|\\.)*|`[^`]*)$/.exec(rest);
    if (positionalTyping) {
      const start = open + 3 + pos;
      return { kind: 'value', delimiter, name, param: positional, prefix: rest.slice(1), quote: rest[0], start, end: valueEnd(after, rest[0], offset) };
    }
    const word = /^[\w-]*$/.exec(rest);
    if (word) {
      const tail = /^[\w-]*/.exec(after)![0];
      return { kind: 'param', delimiter, name, prefix: rest, start: open + 3 + pos, end: offset + tail.length, positional, used };
    }
    const param = /^(?:([\w-]+)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)\s+/.exec(rest);
    if (!param) return undefined;
    if (param[1]) used.push(param[1].toLowerCase());
    else positional++;
    pos += param[0].length;
  }
}

function valueEnd(after: string, quote: string, offset: number): number {
  if (!quote) return offset + /^[^\s>%}]*/.exec(after)![0].length;
  const close = after.indexOf(quote);
  const line = after.indexOf('\n');
  return close !== -1 && (line === -1 || close < line) ? offset + close + 1 : offset;
}

/** Files and pages a shortcode value or an image path can name, from the adapter's caches. */
export interface BodySite {
  shortcodes: readonly ShortcodeInfo[];
  /** Paths of the site's pages, from the content folder (`posts/a.md`, `posts/b/index.md`). */
  pages?: readonly string[];
  /** Image files beside the post (its page bundle), relative to the post's folder. */
  bundleFiles?: readonly string[];
  /** Image files of the static folders, as site URLs (`/img/a.png`). */
  staticFiles?: readonly string[];
}

function snippetEscape(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

/** Completions inside a shortcode tag. */
export function shortcodeCompletions(cursor: ShortcodeCursor, site: BodySite): AssistItem[] {
  const byName = new Map<string, ShortcodeInfo>();
  // The site's own template overrides an embedded one of the same name, as in Hugo.
  for (const s of site.shortcodes) if (!byName.has(s.name) || s.origin !== 'embedded') byName.set(s.name, s);
  if (cursor.kind === 'name') {
    return [...byName.values()].map((s, i) => {
      const close = closingDelimiter(cursor.delimiter);
      const first = s.params.find((p) => p.name === 'src') ?? s.params[0];
      const firstText = !first ? '' : first.name ? ` ${first.name}="$1"` : ' "$1"';
      let insertText = snippetEscape(s.name);
      if (!cursor.closing && !cursor.closed) {
        insertText += `${firstText} $0${close}`;
        if (s.paired) insertText += `\n\n{{${cursor.delimiter} /${snippetEscape(s.name)} ${close}`;
      } else if (!cursor.closing) insertText += firstText;
      return {
        label: s.name,
        description: s.origin === 'embedded' ? 'Hugo' : s.origin,
        detail: s.params.length ? `parameters: ${s.params.map((p) => p.name ?? `#${p.position}`).join(', ')}` : undefined,
        documentation: s.doc,
        insertText,
        snippet: true,
        kind: 'shortcode' as const,
        start: cursor.start,
        end: cursor.end,
        sortText: `${s.origin === 'embedded' ? 1 : 0}${String(i).padStart(4, '0')}`,
      };
    });
  }
  const info = byName.get(cursor.name);
  if (!info) return [];
  if (cursor.kind === 'param') {
    const named = info.params.filter((p) => p.name && !cursor.used.includes(p.name.toLowerCase()));
    const items: AssistItem[] = named.map((p, i) => ({
      label: p.name!,
      detail: `${info.name} parameter`,
      documentation: p.doc,
      insertText: `${p.name}="$1"`,
      snippet: true,
      kind: 'parameter' as const,
      start: cursor.start,
      end: cursor.end,
      sortText: String(i).padStart(3, '0'),
      retrigger: !!p.values,
    }));
    const pos = info.params.find((p) => p.position === cursor.positional);
    if (pos && !cursor.used.length) items.unshift(...valueItems(info, pos, { kind: 'value', delimiter: cursor.delimiter, name: cursor.name, param: cursor.positional, prefix: cursor.prefix, quote: '', start: cursor.start, end: cursor.end }, site));
    return items;
  }
  const param = info.params.find((p) => (typeof cursor.param === 'number' ? p.position === cursor.param : p.name?.toLowerCase() === cursor.param.toLowerCase()));
  return param ? valueItems(info, param, cursor, site) : [];
}

function valueItems(info: ShortcodeInfo, param: ShortcodeParamInfo, cursor: Extract<ShortcodeCursor, { kind: 'value' }>, site: BodySite): AssistItem[] {
  let values: { label: string; description?: string; kind: AssistItem['kind'] }[] = [];
  if (param.values === 'boolean') values = ['true', 'false'].map((label) => ({ label, kind: 'boolean' }));
  else if (param.values === 'pages') values = (site.pages ?? []).map((label) => ({ label, kind: 'page' }));
  else if (param.values === 'files') values = fileValues(site);
  else if (param.values) values = param.values.map((label) => ({ label, kind: 'value' }));
  const q = cursor.quote || '"';
  return values.map((v, i) => ({
    label: v.label,
    description: v.description,
    detail: `${info.name} ${param.name ?? `#${param.position}`}`,
    documentation: param.doc,
    insertText: `${q}${v.label}${q}`,
    kind: v.kind,
    start: cursor.start,
    end: cursor.end,
    filterText: `${cursor.quote}${v.label}`,
    sortText: String(i).padStart(6, '0'),
  }));
}

function fileValues(site: BodySite): { label: string; description?: string; kind: AssistItem['kind'] }[] {
  return [
    ...(site.bundleFiles ?? []).map((label) => ({ label, description: 'page bundle', kind: 'file' as const })),
    ...(site.staticFiles ?? []).map((label) => ({ label, description: 'static', kind: 'file' as const })),
  ];
}

/** A Markdown image path being typed: `![alt](pa|`. */
export function markdownImageCursor(text: string, offset: number): { prefix: string; start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /!\[[^\]\n]*\]\(<?([^()\s>]*)$/.exec(text.slice(lineStart, offset));
  if (!m) return undefined;
  const tail = /^[^()\s>]*/.exec(text.slice(offset))![0];
  return { prefix: m[1], start: offset - m[1].length, end: offset + tail.length };
}

export function imagePathCompletions(cursor: { start: number; end: number }, site: BodySite): AssistItem[] {
  return fileValues(site).map((v, i) => ({ label: v.label, description: v.description, insertText: v.label, kind: 'file' as const, start: cursor.start, end: cursor.end, sortText: String(i).padStart(6, '0') }));
}

/** Image file names a completion offers. */
export const IMAGE_FILE = /\.(?:png|jpe?g|gif|webp|svg|avif|bmp|ico)$/i;
