import type MarkdownIt from 'markdown-it';
import type { Highlighter } from './highlight/languages';
import type { BlockShortcodeIndex } from './shortcodes/pairing';
import type { ResolvedResources } from './types';

/** The markdown-it `env` our rules share between parsing and rendering one post. */
export interface RenderEnv extends MarkdownIt.Env {
  /** Lines taken by the front matter: token map lines are body lines. */
  lineOffset: number;
  /** Filled in after parsing, before rendering. */
  resources: ResolvedResources;
  terminalAllowed: boolean;
  /** Front matter data, for the `param` shortcode. */
  pageParams: Record<string, unknown>;
  /** Cached shortcode pairing of the source being parsed. */
  blockIndex?: { src: string; index: BlockShortcodeIndex };
  /** Heading ids already used, for Hugo-style `-1`, `-2` suffixes. */
  headingIds?: Map<string, number>;
  /** Image sources and ref targets met while parsing, to resolve before rendering. */
  needs: { images: Set<string>; refs: Set<string> };
  /** Highlights code while rendering; absent: the webview highlights it. */
  highlighter?: Highlighter;
}

export const EMPTY_RESOURCES: ResolvedResources = { images: new Map(), refs: new Map() };

export function newEnv(lineOffset: number, pageParams: Record<string, unknown>, terminalAllowed = false): RenderEnv {
  return { lineOffset, resources: EMPTY_RESOURCES, terminalAllowed, pageParams, needs: { images: new Set(), refs: new Set() } };
}

/** markdown-it hands rules its untyped `env`; ours is always a RenderEnv. */
export function asEnv(env: unknown): RenderEnv {
  return env as RenderEnv;
}
