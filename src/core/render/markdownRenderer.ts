import type MarkdownIt from 'markdown-it';
import type { ParsedFrontMatter } from '../frontmatter/types';
import { newEnv, type RenderEnv } from './env';
import { cardImageSource, cardImageUrl, renderFrontMatterCard } from './frontMatterCard';
import { createMarkdown } from './markdown';
import type { RenderedPost, RenderOptions, ResolvedResources } from './types';

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

  prepare(text: string): PreparedPost {
    const frontMatter = this.parseFrontMatter(text);
    // An unclosed front matter block has no body: showing it would show the raw front matter.
    const body = frontMatter.terminated ? text.slice(frontMatter.bodyStart) : '';
    const lineOffset = countLines(text, frontMatter.terminated ? frontMatter.bodyStart : 0);
    const env = newEnv(lineOffset, frontMatter.data);
    const tokens = this.md.parse(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, env);
    const images = [...env.needs.images];
    const cardImage = cardImageSource(frontMatter.data);
    if (cardImage !== undefined && !images.includes(cardImage)) images.push(cardImage);
    return { text, frontMatter, tokens, env, needs: { images, refs: [...env.needs.refs], bundleImage: cardImage === undefined } };
  }

  render(post: PreparedPost, resources: ResolvedResources, options: RenderOptions): RenderedPost {
    const env = post.env;
    env.resources = resources;
    env.terminalAllowed = options.terminalAllowed;
    env.highlighter = options.highlighter;
    env.headingIds = undefined;
    const fm = post.frontMatter;
    const cardLine = countLines(post.text, fm.blockStart);
    const card = renderFrontMatterCard(fm, post.text, options.now ?? new Date(), cardLine, { page: options.page, imageUrl: cardImageUrl(fm.data, resources) });
    const body = this.md.renderer.render(post.tokens, this.md.options, env);
    const title = typeof fm.data.title === 'string' ? fm.data.title : undefined;
    return { html: card + body, title, bodyLineOffset: env.lineOffset };
  }
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
