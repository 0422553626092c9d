import type MarkdownIt from 'markdown-it';
import { asEnv, type RenderEnv } from '../env';
import { REF_SCHEME } from '../links';
import { hasRawInner, INLINE_ONLY_SHORTCODES, renderShortcodeClose, renderShortcodeLeaf, renderShortcodeOpen, renderStrayClose, type ShortcodeContext } from './builtins';
import { indexBlockShortcodes } from './pairing';
import { forEachShortcode, getParam, parseShortcodeTag, startsShortcode, type ShortcodeTag } from './syntax';

type StateBlock = MarkdownIt.StateBlock;
type StateInline = MarkdownIt.StateInline;
type Token = MarkdownIt.Token;

/**
 * Hugo shortcodes as markdown-it rules, so they are parsed where markdown-it already is
 * (code spans and fences keep them literal) in the same single pass:
 * - a block rule for tags alone on their line(s), whose inner content is parsed as blocks;
 * - an inline rule for tags inside paragraphs;
 * - a link-destination hook so `[text]({{< ref "post.md" >}})` is a link, as in Hugo.
 */
export function shortcodePlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.before('paragraph', 'dn_shortcode', shortcodeBlock, { alt: ['paragraph'] });
  md.inline.ruler.after('text', 'dn_shortcode', shortcodeInline);

  const parseDestination = md.helpers.parseLinkDestination;
  md.helpers.parseLinkDestination = (str, start, max) => {
    if (startsShortcode(str, start)) {
      const tag = parseShortcodeTag(str, start, max);
      const name = tag?.name.toLowerCase();
      if (tag && tag.kind === 'open' && (name === 'ref' || name === 'relref')) {
        return { ok: true, pos: tag.end, str: REF_SCHEME + encodeURIComponent(getParam(tag, 'path', 0) ?? '') };
      }
    }
    return parseDestination(str, start, max);
  };

  const ctx = (env: RenderEnv, token: Token, block: boolean): ShortcodeContext => ({
    block,
    dataLine: block ? dataLineOf(token) : undefined,
    image: (src) => env.resources.images.get(src),
    ref: (target) => env.resources.refs.get(target),
    // Most captions are plain words; skip a markdown-it pass for those.
    renderInline: (markdown) => (MAY_HAVE_MARKUP.test(markdown) ? md.renderInline(markdown, env) : md.utils.escapeHtml(markdown)),
    pageParam: (name) => lookupParam(env.pageParams, name),
    terminalAllowed: env.terminalAllowed,
    highlighter: env.highlighter,
  });
  const rules = md.renderer.rules;
  rules.dn_shortcode = (tokens, idx, _o, env) => renderShortcodeLeaf(meta(tokens[idx]), ctx(asEnv(env), tokens[idx], true), tokens[idx].content || undefined);
  rules.dn_shortcode_open = (tokens, idx, _o, env) => renderShortcodeOpen(meta(tokens[idx]), ctx(asEnv(env), tokens[idx], true));
  rules.dn_shortcode_close = (tokens, idx, _o, env) => renderShortcodeClose(meta(tokens[idx]), ctx(asEnv(env), tokens[idx], true));
  rules.dn_shortcode_inline = (tokens, idx, _o, env) => renderShortcodeLeaf(meta(tokens[idx]), ctx(asEnv(env), tokens[idx], false), tokens[idx].content || undefined);
  rules.dn_shortcode_inline_open = (tokens, idx, _o, env) => renderShortcodeOpen(meta(tokens[idx]), ctx(asEnv(env), tokens[idx], false));
  rules.dn_shortcode_inline_close = (tokens, idx, _o, env) => renderShortcodeClose(meta(tokens[idx]), ctx(asEnv(env), tokens[idx], false));
  rules.dn_shortcode_stray = (tokens, idx, _o, env) => renderStrayClose(meta(tokens[idx]), ctx(asEnv(env), tokens[idx], tokens[idx].block));
  rules.dn_shortcode_literal = (tokens, idx, _o, _env, self) => {
    const t = tokens[idx];
    const text = md.utils.escapeHtml(t.content);
    return t.block ? `<p${self.renderAttrs(t)}>${text}</p>\n` : text;
  };
}

/** Characters that can start inline markdown, an entity, or a linkified URL. */
const MAY_HAVE_MARKUP = /[*_`[\]!<>&\\~:@{]/;

function meta(token: Token): ShortcodeTag {
  return (token.meta as { tag: ShortcodeTag }).tag;
}

function dataLineOf(token: Token): number | undefined {
  const v = token.attrGet('data-line');
  return v === null ? undefined : Number(v);
}

function lookupParam(params: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(params)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function isBlankRange(src: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

function blockIndex(state: StateBlock): Map<number, number> {
  const env = asEnv(state.env);
  if (!env.blockIndex || env.blockIndex.src !== state.src) env.blockIndex = { src: state.src, index: indexBlockShortcodes(state.src) };
  return env.blockIndex.index.closeLineOf;
}

function shortcodeBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const pos = state.bMarks[startLine] + state.tShift[startLine];
  if (!startsShortcode(state.src, pos)) return false;
  const tag = parseShortcodeTag(state.src, pos, state.eMarks[endLine - 1]);
  if (!tag) return false;
  let tagEndLine = startLine;
  while (tagEndLine < endLine && state.eMarks[tagEndLine] < tag.end) tagEndLine++;
  if (tagEndLine >= endLine || !isBlankRange(state.src, tag.end, state.eMarks[tagEndLine])) return false;
  if (tag.kind === 'open' && INLINE_ONLY_SHORTCODES.has(tag.name.toLowerCase())) return false;
  if (silent) return true;

  if (tag.kind === 'comment' || tag.kind === 'close') {
    const token = state.push(tag.kind === 'comment' ? 'dn_shortcode_literal' : 'dn_shortcode_stray', '', 0);
    token.block = true;
    token.map = [startLine, tagEndLine + 1];
    token.content = tag.literal ?? '';
    token.meta = { tag };
    state.line = tagEndLine + 1;
    return true;
  }

  const closeLine = tag.selfClosing ? undefined : matchingCloseLine(state, startLine, tagEndLine, endLine, tag);
  if (closeLine === undefined) {
    const token = state.push('dn_shortcode', '', 0);
    token.block = true;
    token.map = [startLine, tagEndLine + 1];
    token.meta = { tag };
    state.line = tagEndLine + 1;
    return true;
  }
  if (hasRawInner(tag)) {
    const token = state.push('dn_shortcode', '', 0);
    token.block = true;
    token.map = [startLine, closeLine + 1];
    token.meta = { tag };
    token.content = state.getLines(tagEndLine + 1, closeLine, state.blkIndent, true);
    // An empty inner block is still a paired tag, not a missing closing tag.
    if (!token.content) token.content = '\n';
    state.line = closeLine + 1;
    return true;
  }
  const open = state.push('dn_shortcode_open', '', 1);
  open.block = true;
  open.map = [startLine, closeLine + 1];
  open.meta = { tag };
  const oldParent = state.parentType;
  const oldLineMax = state.lineMax;
  // markdown-it types list its own parent types only; ours marks content inside a shortcode.
  state.parentType = 'dn_shortcode' as typeof state.parentType;
  state.lineMax = closeLine;
  state.md.block.tokenize(state, tagEndLine + 1, closeLine);
  state.parentType = oldParent;
  state.lineMax = oldLineMax;
  const close = state.push('dn_shortcode_close', '', -1);
  close.block = true;
  close.meta = { tag };
  state.line = closeLine + 1;
  return true;
}

/**
 * The closing line from the pairing index, accepted only when it really is this tag's closing
 * tag in this container and no line in between leaves the container (which would make
 * markdown-it stop early and lose those lines).
 */
function matchingCloseLine(state: StateBlock, startLine: number, tagEndLine: number, endLine: number, tag: ShortcodeTag): number | undefined {
  const closeLine = blockIndex(state).get(startLine);
  if (closeLine === undefined || closeLine <= tagEndLine || closeLine >= endLine) return undefined;
  const cpos = state.bMarks[closeLine] + state.tShift[closeLine];
  const closing = parseShortcodeTag(state.src, cpos, state.eMarks[closeLine]);
  if (!closing || closing.kind !== 'close' || closing.name !== tag.name) return undefined;
  for (let line = tagEndLine + 1; line <= closeLine; line++) {
    if (!state.isEmpty(line) && state.sCount[line] < state.blkIndent) return undefined;
  }
  return closeLine;
}

/** Inline pairs per inline source: opening offset → closing tag. Computed once, on first need. */
const inlinePairsCache = new WeakMap<StateInline, Map<number, ShortcodeTag>>();
const inlineOpenCache = new WeakMap<StateInline, ShortcodeTag[]>();

function inlinePairs(state: StateInline): Map<number, ShortcodeTag> {
  let pairs = inlinePairsCache.get(state);
  if (pairs) return pairs;
  pairs = new Map();
  const stack: ShortcodeTag[] = [];
  const src = state.src;
  forEachShortcode(src, 0, (tag) => {
    if (tag.kind === 'open' && !tag.selfClosing) stack.push(tag);
    else if (tag.kind === 'close') {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].name === tag.name) {
          pairs.set(stack[k].start, tag);
          stack.length = k;
          break;
        }
      }
    }
  });
  inlinePairsCache.set(state, pairs);
  return pairs;
}

function shortcodeInline(state: StateInline, silent: boolean): boolean {
  const pos = state.pos;
  if (!startsShortcode(state.src, pos)) return false;
  const tag = parseShortcodeTag(state.src, pos, state.posMax);
  if (!tag) return false;
  if (silent) {
    state.pos = tag.end;
    return true;
  }
  if (tag.kind === 'comment') {
    const token = state.push('dn_shortcode_literal', '', 0);
    token.content = tag.literal ?? '';
  } else if (tag.kind === 'close') {
    const open = inlineOpenCache.get(state) ?? [];
    const k = open.map((t) => t.name).lastIndexOf(tag.name);
    if (k === -1) {
      state.push('dn_shortcode_stray', '', 0).meta = { tag };
    } else {
      const opener = open[k];
      open.length = k;
      state.push('dn_shortcode_inline_close', '', 0).meta = { tag: opener };
    }
  } else {
    const closing = tag.selfClosing ? undefined : inlinePairs(state).get(pos);
    if (!closing || closing.end > state.posMax) {
      state.push('dn_shortcode_inline', '', 0).meta = { tag };
    } else if (hasRawInner(tag)) {
      const token = state.push('dn_shortcode_inline', '', 0);
      token.meta = { tag };
      token.content = state.src.slice(tag.end, closing.start) || ' ';
      state.pos = closing.end;
      return true;
    } else {
      state.push('dn_shortcode_inline_open', '', 0).meta = { tag };
      const open = inlineOpenCache.get(state) ?? [];
      open.push(tag);
      inlineOpenCache.set(state, open);
    }
  }
  state.pos = tag.end;
  return true;
}
