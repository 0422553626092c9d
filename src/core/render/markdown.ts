import MarkdownIt from 'markdown-it';
import { parseFenceInfo, renderCodeBlock } from './codeBlocks';
import { asEnv, type RenderEnv } from './env';
import { attr } from './escape';
import { classifyLink, isAllowedDestination, REF_SCHEME, relativeHref } from './links';
import { renderImage } from './shortcodes/builtins';
import { shortcodePlugin } from './shortcodes/markdownItShortcodes';
import { getParam, type ShortcodeTag } from './shortcodes/syntax';

type Md = MarkdownIt.MarkdownIt;
type Token = MarkdownIt.Token;

/**
 * The markdown-it instance the preview, the CLI and the benchmarks share. markdown-it 15:
 * types are bundled (no @types package), internals come from the package root, and linkify
 * no longer links bare `example.com` (only URLs with a scheme), which is what we want.
 * `html: false`: raw HTML in a post is shown as text, never inserted into the page.
 */
export function createMarkdown(): Md {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.validateLink = isAllowedDestination;
  shortcodePlugin(md);
  md.core.ruler.push('dn_source_lines', (state) => sourceLinesAndIds(state.tokens, asEnv(state.env)));
  installRenderRules(md);
  return md;
}

/**
 * Scroll sync and anchors: every block element gets `data-line` (its first line in the whole
 * document, front matter included) and headings get Hugo-style ids. Also closes inline
 * shortcode wrappers whose closing tag was swallowed (for example inside a code span).
 */
function sourceLinesAndIds(tokens: Token[], env: RenderEnv): void {
  const offset = env.lineOffset ?? 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.map && t.type !== 'inline' && t.nesting >= 0) t.attrSet('data-line', String(t.map[0] + offset));
    if ((t.type === 'th_open' || t.type === 'td_open') && t.attrs) alignmentToClass(t);
    if (t.type === 'heading_open') {
      const inline = tokens[i + 1];
      if (inline?.type === 'inline') t.attrSet('id', headingId(plainText(inline.children ?? []), env));
    }
    if (t.type === 'inline' && t.children) {
      collectInlineNeeds(t.children, env);
      balanceInlineShortcodes(t);
    } else if (t.type === 'dn_shortcode' || t.type === 'dn_shortcode_open') collectShortcodeNeeds(t, env);
  }
}

/** Images and refs the body uses, gathered in the same pass (the caller resolves them before rendering). */
function collectInlineNeeds(children: Token[], env: RenderEnv): void {
  for (const c of children) {
    if (c.type === 'image') env.needs.images.add(String(c.attrGet('src') ?? ''));
    else if (c.type === 'link_open') {
      const href = String(c.attrGet('href') ?? '');
      if (href.startsWith(REF_SCHEME)) env.needs.refs.add(safeDecode(href.slice(REF_SCHEME.length)));
    } else if (c.type === 'dn_shortcode_inline' || c.type === 'dn_shortcode_inline_open') collectShortcodeNeeds(c, env);
  }
}

function collectShortcodeNeeds(t: Token, env: RenderEnv): void {
  const tag = (t.meta as { tag: ShortcodeTag }).tag;
  const name = tag.name.toLowerCase();
  if (name === 'figure') env.needs.images.add(getParam(tag, 'src') ?? '');
  else if (name === 'ref' || name === 'relref') env.needs.refs.add(getParam(tag, 'path', 0) ?? '');
}

/** The preview's CSP allows no inline styles, so table alignment becomes a class. */
function alignmentToClass(t: Token): void {
  const style = t.attrGet('style');
  const m = typeof style === 'string' ? /^text-align:(left|right|center)$/.exec(style) : null;
  t.attrs = (t.attrs ?? []).filter(([name]) => name !== 'style');
  if (m) t.attrJoin('class', `dn-align-${m[1]}`);
}

function balanceInlineShortcodes(inline: Token): void {
  const children = inline.children ?? [];
  const open: Token[] = [];
  let hasShortcode = false;
  for (const c of children) {
    if (c.type === 'dn_shortcode_inline_open') {
      open.push(c);
      hasShortcode = true;
    } else if (c.type === 'dn_shortcode_inline_close') open.pop();
  }
  if (!hasShortcode) return;
  while (open.length) {
    const opener = open.pop() as Token;
    const close = new MarkdownIt.Token('dn_shortcode_inline_close', '', 0);
    close.meta = opener.meta;
    children.push(close);
  }
}

function plainText(children: Token[]): string {
  let out = '';
  for (const c of children) if (c.type === 'text' || c.type === 'code_inline') out += c.content;
  return out;
}

/** Hugo's default (GitHub-style) heading ids: lowercase, punctuation dropped, spaces to dashes. */
function headingId(text: string, env: RenderEnv): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replace(/\s/g, '-') || 'heading';
  const used = (env.headingIds ??= new Map());
  const n = used.get(base);
  used.set(base, (n ?? -1) + 1);
  return n === undefined ? base : `${base}-${n + 1}`;
}

function installRenderRules(md: Md): void {
  const rules = md.renderer.rules;

  rules.fence = (tokens, idx, _options, rawEnv) => {
    const env = asEnv(rawEnv);
    const t = tokens[idx];
    const { lang, options } = parseFenceInfo(md.utils.unescapeAll(t.info));
    return renderCodeBlock({ code: t.content, lang, options, terminalAllowed: env.terminalAllowed, dataLine: lineOf(t), highlighter: env.highlighter });
  };
  rules.code_block = (tokens, idx, _options, rawEnv) => {
    const env = asEnv(rawEnv);
    const t = tokens[idx];
    return renderCodeBlock({ code: t.content, lang: '', options: parseFenceInfo('').options, terminalAllowed: env.terminalAllowed, dataLine: lineOf(t), highlighter: env.highlighter });
  };

  rules.image = (tokens, idx, options, rawEnv, self) => {
    const env = asEnv(rawEnv);
    const t = tokens[idx];
    const src = String(t.attrGet('src') ?? '');
    const alt = self.renderInlineAsText(t.children ?? [], options, env);
    return renderImage(src, env.resources.images.get(src), { alt, title: t.attrGet('title')?.toString() });
  };

  rules.link_open = (tokens, idx, options, rawEnv, self) => {
    const env = asEnv(rawEnv);
    const t = tokens[idx];
    const href = String(t.attrGet('href') ?? '');
    const kind = classifyLink(href);
    if (kind === 'ref') {
      const target = safeDecode(href.slice(REF_SCHEME.length));
      const resolved = env.resources.refs.get(target);
      if (resolved?.found && resolved.href !== undefined) {
        t.attrSet('href', relativeHref(resolved.href));
        t.attrSet('data-dn-link', 'relative');
        if (resolved.permalink && !t.attrGet('title')) t.attrSet('title', `Hugo links it to ${resolved.permalink}`);
      } else {
        return `<a class="dn-ref-missing"${attr('title', `ref "${target}": ${resolved?.problem ?? 'not resolved'}`)}>`;
      }
    } else if (kind === 'refused') {
      return `<a class="dn-link-refused"${attr('title', `Link not allowed: ${href}`)}>`;
    } else {
      t.attrSet('data-dn-link', kind);
    }
    return self.renderToken(tokens, idx, options);
  };
}

function lineOf(t: Token): number | undefined {
  const v = t.attrGet('data-line');
  return v === null ? undefined : Number(v);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
