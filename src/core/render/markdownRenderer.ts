import type MarkdownIt from 'markdown-it';
import type { ParsedFrontMatter } from '../frontmatter/types';
import { newEnv, type RenderEnv } from './env';
import { cardImageSource, cardImageUrl, renderFrontMatterCard } from './frontMatterCard';
import { createMarkdown } from './markdown';
import type { PartialOptions, RenderedPost, RenderOptions, ResolvedResources } from './types';

type Token = MarkdownIt.Token;

/** A parsed post, waiting for its images and refs to be looked up. */
export interface PreparedPost {
  readonly text: string;
  readonly frontMatter: ParsedFrontMatter;
  /**
   * Image sources and ref targets the body and card use, to resolve before rendering;
   * `bundleImage`: the card wants the page bundle's cover or feature image (no `images` field).
   */
  readonly needs: { images: string[]; refs: string[]; bundleImage: boolean };
  readonly tokens: Token[];
  readonly env: RenderEnv;
  /** Set when only the beginning of the body was parsed: characters shown (from the start of the text) and in all. */
  readonly partial?: { shownLength: number; totalLength: number };
}

/**
 * Renders Hugo posts to the preview's HTML. Two steps so that the core never does I/O:
 * `prepare` parses and lists what must be looked up (images, refs); the caller resolves those
 * (through the injected file system) and calls `render`. One instance can be reused.
 *
 * The front matter parser is passed in rather than imported: the extension loads this module
 * (with markdown-it) from its own bundle on the first preview, and hands it the parser its main
 * bundle already holds. `PostRenderer` (renderer.ts) is this class with the parser built in.
 */
export class MarkdownRenderer {
  private readonly md = createMarkdown();

  constructor(private readonly parseFrontMatter: (text: string) => ParsedFrontMatter) {}

  /**
   * With `partial`, a body longer than `maxBodyLength` (or a `text` that is only the beginning of
   * a longer post) is cut: a huge post renders in the time a normal one takes.
   */
  prepare(text: string, partial?: PartialOptions): PreparedPost {
    const frontMatter = this.parseFrontMatter(text);
    // An unclosed front matter block has no body: showing it would show the raw front matter.
    let body = frontMatter.terminated ? text.slice(frontMatter.bodyStart) : '';
    const totalLength = Math.max(text.length, partial?.totalLength ?? 0);
    let shown: PreparedPost['partial'];
    if (partial && (body.length > partial.maxBodyLength || totalLength > text.length)) {
      body = cutBody(body, partial.maxBodyLength);
      shown = { shownLength: (frontMatter.terminated ? frontMatter.bodyStart : text.length) + body.length, totalLength };
    }
    const lineOffset = countLines(text, frontMatter.terminated ? frontMatter.bodyStart : 0);
    const env = newEnv(lineOffset, frontMatter.data);
    const tokens = this.md.parse(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, env);
    const images = [...env.needs.images];
    const cardImage = cardImageSource(frontMatter.data);
    if (cardImage !== undefined && !images.includes(cardImage)) images.push(cardImage);
    return { text, frontMatter, tokens, env, needs: { images, refs: [...env.needs.refs], bundleImage: cardImage === undefined }, partial: shown };
  }

  render(post: PreparedPost, resources: ResolvedResources, options: RenderOptions): RenderedPost {
    const env = post.env;
    env.resources = resources;
    env.terminalAllowed = options.terminalAllowed;
    env.highlighter = options.highlighter;
    env.headingIds = undefined;
    const fm = post.frontMatter;
    const cardLine = countLines(post.text, fm.blockStart);
    const card = renderFrontMatterCard(fm, post.text, options.now ?? new Date(), cardLine, { page: options.page, imageUrl: cardImageUrl(fm.data, resources), problems: options.problems });
    const body = this.md.renderer.render(post.tokens, this.md.options, env);
    const title = typeof fm.data.title === 'string' ? fm.data.title : undefined;
    const { partial } = post;
    if (!partial) return { html: card + body, title, bodyLineOffset: env.lineOffset };
    const notice = partialNotice(partial.shownLength, partial.totalLength);
    const end = `<div class="dn-partial dn-partial-end" role="status">The rest of the post (${formatCount(partial.totalLength - partial.shownLength)} characters) is not shown.</div>\n`;
    return { html: card + notice + body + end, title, bodyLineOffset: env.lineOffset };
  }
}

/** The first `max` characters of `body`, ending at a line break when one is in the second half. */
function cutBody(body: string, max: number): string {
  if (body.length <= max) return body;
  const lineEnd = body.lastIndexOf('\n', max - 1);
  let cut = lineEnd >= max / 2 ? lineEnd + 1 : max;
  // Never split a surrogate pair.
  if (cut > 0 && cut < body.length && body.charCodeAt(cut - 1) >= 0xd800 && body.charCodeAt(cut - 1) <= 0xdbff) cut--;
  return body.slice(0, cut);
}

function partialNotice(shown: number, total: number): string {
  return (
    `<div class="dn-partial" role="status"><strong>This post is too long to preview whole.</strong> ` +
    `It has ${formatCount(total)} characters; the preview shows its front matter and the first ${formatCount(shown)}. ` +
    `The limits are the settings devopsNotes.preview.maxFullLength and devopsNotes.preview.partialLength.</div>\n`
  );
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
