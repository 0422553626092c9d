import { renderCodeBlock, parseCodeOptions } from '../codeBlocks';
import { attr, escapeHtml } from '../escape';
import { classifyLink, relativeHref } from '../links';
import type { Highlighter } from '../highlight/languages';
import type { ImageResolution, RefResolution } from '../types';
import { describeTag, getParam, type ShortcodeTag } from './syntax';

/** What a shortcode needs while it is rendered. */
export interface ShortcodeContext {
  /** Block-level (own element with `data-line`) or inside a paragraph. */
  block: boolean;
  dataLine?: number;
  image(src: string): ImageResolution | undefined;
  ref(target: string): RefResolution | undefined;
  /** Renders a parameter such as `caption` as inline markdown, with the same link policy. */
  renderInline(markdown: string): string;
  /** A page parameter from the front matter, for `param`. */
  pageParam(name: string): unknown;
  terminalAllowed: boolean;
  highlighter?: Highlighter;
}

/** Shortcodes that produce inline output (a URL or a value), never a block of their own. */
export const INLINE_ONLY_SHORTCODES = new Set(['ref', 'relref', 'param']);

/** Shortcodes whose inner content is source text, not markdown. */
export function hasRawInner(tag: ShortcodeTag): boolean {
  return tag.name.toLowerCase() === 'highlight';
}

/** Renders a shortcode with no inner markdown (self-contained, or with raw inner text). */
export function renderShortcodeLeaf(tag: ShortcodeTag, ctx: ShortcodeContext, raw?: string): string {
  switch (tag.name.toLowerCase()) {
    case 'figure':
      return renderFigure(tag, ctx);
    case 'highlight':
      return renderHighlight(tag, ctx, raw);
    case 'ref':
    case 'relref':
      return renderRef(tag, ctx);
    case 'param':
      return renderParam(tag, ctx);
    case 'youtube':
    case 'vimeo':
    case 'tweet':
    case 'x':
    case 'gist':
    case 'instagram':
      return renderEmbedCard(tag, ctx);
    default:
      return renderShortcodeOpen(tag, ctx, false) + `</${ctx.block ? 'div' : 'span'}>${ctx.block ? '\n' : ''}`;
  }
}

/**
 * Opening part of a shortcode with markdown inner content. Known leaf shortcodes written with a
 * closing tag render themselves, then their inner content; anything else is a labelled box.
 */
export function renderShortcodeOpen(tag: ShortcodeTag, ctx: ShortcodeContext, hasInner = true): string {
  const name = tag.name.toLowerCase();
  const el = ctx.block ? 'div' : 'span';
  if (name === 'details') {
    const summary = getParam(tag, 'summary', 0) ?? 'Details';
    const open = /^(?:true|open)$/i.test(getParam(tag, 'open') ?? '') ? ' open' : '';
    return `<details class="dn-details"${attr('data-line', ctx.dataLine)}${open}><summary>${ctx.renderInline(summary)}</summary>`;
  }
  if (name === 'comment') {
    return `<${el} class="dn-shortcode dn-shortcode-comment"${attr('data-line', ctx.dataLine)}><${el} class="dn-shortcode-head"><span class="dn-shortcode-name">comment</span><span class="dn-shortcode-note">not published</span></${el}><${el} class="dn-shortcode-inner">`;
  }
  if (KNOWN_LEAVES.has(name)) return `<${el} class="dn-shortcode-wrap"${attr('data-line', ctx.dataLine)}>${renderShortcodeLeaf(tag, { ...ctx, dataLine: undefined })}<${el} class="dn-shortcode-inner">`;
  const params = tag.params.length
    ? `<${ctx.block ? 'dl' : 'span'} class="dn-shortcode-params">${tag.params
        .map((p, i) => (ctx.block ? `<dt>${escapeHtml(p.name ?? `#${i + 1}`)}</dt><dd>${escapeHtml(p.value)}</dd>` : `<span class="dn-shortcode-param">${escapeHtml(p.name ? `${p.name}=${p.value}` : p.value)}</span>`))
        .join('')}</${ctx.block ? 'dl' : 'span'}>`
    : '';
  return (
    `<${el} class="dn-shortcode dn-shortcode-unknown"${attr('data-line', ctx.dataLine)}${attr('data-shortcode', tag.name)}${attr('title', describeTag(tag))}>` +
    `<${el} class="dn-shortcode-head"><span class="dn-shortcode-name">${escapeHtml(tag.name)}</span><span class="dn-shortcode-note">shortcode, rendered by your theme</span></${el}>${params}` +
    (hasInner ? `<${el} class="dn-shortcode-inner">` : '')
  );
}

export function renderShortcodeClose(tag: ShortcodeTag, ctx: ShortcodeContext): string {
  const name = tag.name.toLowerCase();
  const el = ctx.block ? 'div' : 'span';
  if (name === 'details') return '</details>\n';
  if (KNOWN_LEAVES.has(name)) return `</${el}></${el}>${ctx.block ? '\n' : ''}`;
  return `</${el}></${el}>${ctx.block ? '\n' : ''}`;
}

/** A closing tag with no opening one: shown, so the author sees the mistake. */
export function renderStrayClose(tag: ShortcodeTag, ctx: ShortcodeContext): string {
  const el = ctx.block ? 'p' : 'span';
  return `<${el} class="dn-shortcode-stray"${attr('data-line', ctx.dataLine)}><code>${escapeHtml(describeTag(tag))}</code> closes a shortcode that was never opened</${el}>`;
}

const KNOWN_LEAVES = new Set(['figure', 'highlight', 'ref', 'relref', 'param', 'youtube', 'vimeo', 'tweet', 'x', 'gist', 'instagram']);

/** An image or its placeholder; used by the figure shortcode and markdown images. */
export function renderImage(src: string, resolution: ImageResolution | undefined, extra: { alt?: string; title?: string; width?: string; height?: string; loading?: string }): string {
  const common = `${attr('alt', extra.alt ?? '')}${attr('title', extra.title || undefined)}${attr('width', extra.width || undefined)}${attr('height', extra.height || undefined)}`;
  const loading = extra.loading === 'eager' ? 'eager' : 'lazy';
  if (resolution && (resolution.kind === 'found' || resolution.kind === 'remote')) {
    return `<img${attr('src', resolution.url)}${common}${attr('loading', loading)}${attr('data-src', src)}>`;
  }
  const message = !resolution
    ? `Image not resolved: ${src}`
    : resolution.kind === 'missing'
      ? `Missing image: ${resolution.path}`
      : resolution.reason;
  return `<span class="dn-image-missing" role="img"${attr('aria-label', message)}${attr('data-src', src)}><span class="dn-image-missing-icon" aria-hidden="true"></span>${escapeHtml(message)}</span>`;
}

function renderFigure(tag: ShortcodeTag, ctx: ShortcodeContext): string {
  const get = (n: string): string | undefined => getParam(tag, n);
  const src = get('src') ?? '';
  const caption = get('caption');
  const title = get('title');
  const attrText = get('attr');
  const attrLink = get('attrlink');
  const alt = get('alt') ?? (caption ? plain(caption) : undefined);
  let img = renderImage(src, ctx.image(src), { alt, width: get('width'), height: get('height'), loading: get('loading') });
  const link = get('link');
  if (link) img = linkWrap(link, img, { target: get('target'), rel: get('rel') });
  const [fig, cap, heading, para] = ctx.block ? ['figure', 'figcaption', 'h4', 'p'] : ['span', 'span', 'strong', 'span'];
  let captionHtml = '';
  if (title || caption || attrText) {
    captionHtml += `<${cap} class="dn-figcaption">`;
    if (title) captionHtml += `<${heading}>${escapeHtml(title)}</${heading}>`;
    if (caption || attrText) {
      let attribution = attrText ? ctx.renderInline(attrText) : '';
      if (attrText && attrLink) attribution = linkWrap(attrLink, attribution, {});
      captionHtml += `<${para}>${caption ? ctx.renderInline(caption) : ''}${caption && attribution ? ' ' : ''}${attribution}</${para}>`;
    }
    captionHtml += `</${cap}>`;
  }
  const cls = ['dn-figure', get('class')].filter(Boolean).join(' ');
  return `<${fig}${attr('class', cls)}${attr('data-line', ctx.dataLine)}>${img}${captionHtml}</${fig}>${ctx.block ? '\n' : ''}`;
}

/** Wraps HTML in a link after checking the URL against the link policy. */
export function linkWrap(href: string, inner: string, extra: { target?: string; rel?: string }): string {
  const kind = classifyLink(href);
  if (kind === 'refused' || kind === 'ref') return `<span class="dn-link-refused"${attr('title', `Link not allowed: ${href}`)}>${inner}</span>`;
  return `<a${attr('href', href)}${attr('data-dn-link', kind)}${attr('target', extra.target || undefined)}${attr('rel', extra.rel || undefined)}>${inner}</a>`;
}

function renderHighlight(tag: ShortcodeTag, ctx: ShortcodeContext, raw: string | undefined): string {
  const lang = getParam(tag, 'lang', 0) ?? '';
  if (raw === undefined) {
    // Without a closing tag there is no code to show; say so rather than print nothing.
    return renderShortcodeOpen({ ...tag, name: 'highlight (no closing tag)' }, ctx, false) + `</${ctx.block ? 'div' : 'span'}>`;
  }
  const options = parseCodeOptions(getParam(tag, 'options', 1) ?? '');
  const code = raw.replace(/^\r?\n/, '');
  if (!ctx.block) {
    return `<code class="dn-code-inline">${escapeHtml(code)}</code>`;
  }
  return renderCodeBlock({ code, lang, options, terminalAllowed: ctx.terminalAllowed, dataLine: ctx.dataLine, highlighter: ctx.highlighter });
}

function renderRef(tag: ShortcodeTag, ctx: ShortcodeContext): string {
  const target = getParam(tag, 'path', 0) ?? '';
  const resolved = ctx.ref(target);
  if (resolved?.found && resolved.href !== undefined) {
    // Hugo prints the target's URL: .Permalink for ref, .RelPermalink for relref.
    const hugoUrl = tag.name === 'relref' ? resolved.relPermalink : resolved.permalink;
    const title = `${tag.name} "${target}"${hugoUrl ? ` → ${hugoUrl}` : ''}`;
    return `<a class="dn-ref"${attr('href', relativeHref(resolved.href))} data-dn-link="relative"${attr('title', title)}>${escapeHtml(resolved.title ?? target)}</a>`;
  }
  const why = resolved?.problem ?? 'not resolved';
  return `<span class="dn-ref-missing"${attr('title', why)}>${escapeHtml(`${tag.name} "${target}"`)}: ${escapeHtml(why)}</span>`;
}

function renderParam(tag: ShortcodeTag, ctx: ShortcodeContext): string {
  const name = getParam(tag, 'name', 0) ?? '';
  const value = ctx.pageParam(name);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return `<span class="dn-param">${escapeHtml(String(value))}</span>`;
  return `<span class="dn-ref-missing">param "${escapeHtml(name)}" is not set in the front matter</span>`;
}

/** Remote players and posts become link cards: the strict CSP loads no third-party frames. */
function renderEmbedCard(tag: ShortcodeTag, ctx: ShortcodeContext): string {
  const name = tag.name.toLowerCase();
  const card = embedTarget(name, tag);
  const el = ctx.block ? 'div' : 'span';
  const title = getParam(tag, 'title');
  const body = card.url
    ? `<a${attr('href', card.url)} data-dn-link="external">${escapeHtml(title ?? card.display)}</a>`
    : `<span class="dn-embed-problem">${escapeHtml(card.problem ?? 'missing id')}</span>`;
  return (
    `<${el} class="dn-embed dn-embed-${escapeHtml(name)}"${attr('data-line', ctx.dataLine)}>` +
    `<span class="dn-embed-kind">${escapeHtml(card.kind)}</span>${body}` +
    `<span class="dn-embed-note">Opens in your browser; remote embeds are not loaded in the preview.</span></${el}>${ctx.block ? '\n' : ''}`
  );
}

interface EmbedTarget {
  kind: string;
  url?: string;
  display: string;
  problem?: string;
}

function embedTarget(name: string, tag: ShortcodeTag): EmbedTarget {
  const id = getParam(tag, 'id', 0) ?? '';
  switch (name) {
    case 'youtube': {
      if (!/^[A-Za-z0-9_-]{6,20}$/.test(id)) return { kind: 'YouTube video', display: id, problem: `Not a YouTube video id: "${id}"` };
      const start = getParam(tag, 'start');
      const t = start && /^\d{1,6}$/.test(start) ? `&t=${start}s` : '';
      return { kind: 'YouTube video', url: `https://www.youtube.com/watch?v=${id}${t}`, display: `youtube.com/watch?v=${id}` };
    }
    case 'vimeo':
      if (!/^\d{1,12}$/.test(id)) return { kind: 'Vimeo video', display: id, problem: `Not a Vimeo video id: "${id}"` };
      return { kind: 'Vimeo video', url: `https://vimeo.com/${id}`, display: `vimeo.com/${id}` };
    case 'tweet':
    case 'x': {
      const user = getParam(tag, 'user') ?? '';
      // Older posts write the id alone: {{< tweet 877500564405444608 >}}.
      const postId = getParam(tag, 'id') ?? tag.params.find((p) => p.name === undefined && /^\d+$/.test(p.value))?.value ?? '';
      if (!/^\d{1,20}$/.test(postId)) return { kind: 'Post on X', display: postId, problem: `Not a post id: "${postId}"` };
      if (user && !/^\w{1,15}$/.test(user)) return { kind: 'Post on X', display: postId, problem: `Not a user name: "${user}"` };
      return { kind: 'Post on X', url: `https://x.com/${user || 'i'}/status/${postId}`, display: user ? `@${user}, post ${postId}` : `post ${postId}` };
    }
    case 'gist': {
      const user = getParam(tag, 'user', 0) ?? '';
      const gistId = getParam(tag, 'id', 1) ?? '';
      const file = getParam(tag, 'file', 2);
      if (!/^[\w-]{1,39}$/.test(user) || !/^[0-9a-f]{1,64}$/i.test(gistId)) return { kind: 'GitHub gist', display: `${user}/${gistId}`, problem: `Not a gist: "${user}/${gistId}"` };
      const anchor = file ? `#file-${file.replace(/[^\w-]/g, '-').toLowerCase()}` : '';
      return { kind: 'GitHub gist', url: `https://gist.github.com/${user}/${gistId}${anchor}`, display: `gist ${user}/${gistId}${file ? ` (${file})` : ''}` };
    }
    default: {
      if (!/^[A-Za-z0-9_-]{4,40}$/.test(id)) return { kind: 'Instagram post', display: id, problem: `Not an Instagram post id: "${id}"` };
      return { kind: 'Instagram post', url: `https://www.instagram.com/p/${id}/`, display: `instagram.com/p/${id}` };
    }
  }
}

/** Text of a markdown caption without its markup, for `alt` (as Hugo's `plainify`). */
function plain(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .trim();
}
