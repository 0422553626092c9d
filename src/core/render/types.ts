import type { Highlighter } from './highlight/languages';

/** How one image source of a post resolved. */
export type ImageResolution =
  /** A local file: `url` is what the page loads (a webview URI, or a relative path for the CLI). */
  | { kind: 'found'; url: string }
  /** An https: or data:image URL the page may load as is. */
  | { kind: 'remote'; url: string }
  /** No file at any place Hugo would look; `path` is shown to the reader. */
  | { kind: 'missing'; path: string }
  /** Not loadable by policy (http:, other schemes, outside the workspace). */
  | { kind: 'refused'; reason: string };

/** How a `ref`/`relref` target resolved. */
export interface RefResolution {
  found: boolean;
  /** Link to the target post, relative to the current post's folder (works for the CLI and the preview). */
  href?: string;
  /** The target's title, when known, for links without text. */
  title?: string;
  /** Why it did not resolve (not found, ambiguous). */
  problem?: string;
  /** What Hugo prints for it: the target's .Permalink (`ref`) and .RelPermalink (`relref`). */
  permalink?: string;
  relPermalink?: string;
}

/** What the renderer needs from the outside world, looked up before rendering. */
export interface ResolvedResources {
  images: ReadonlyMap<string, ImageResolution>;
  refs: ReadonlyMap<string, RefResolution>;
  /** The page bundle's cover or feature image, when the card asked for one and the bundle has it. */
  bundleImage?: ImageResolution;
}

/** The post's URL on the published site, for the card (see core/site/permalinks.ts). */
export interface PageLink {
  permalink: string;
  relPermalink: string;
  /** Headless or `build.render: never`: Hugo publishes no page. */
  unpublished?: boolean;
  /** Why the URL may differ from Hugo's (a date from git, …). */
  caveats?: readonly string[];
}

/** Options that change the rendered page. */
export interface RenderOptions {
  /** Shows the post's URL with a copy button in the card. */
  page?: PageLink;
  /** "Send to terminal" buttons are disabled when false (Restricted Mode, the CLI). */
  terminalAllowed: boolean;
  /** Used for the "future" and "expired" badges; defaults to the current time. */
  now?: Date;
  /**
   * Highlights code blocks in the HTML (the CLI passes `highlightCode`). Without it, code is
   * escaped and marked for the webview to highlight as it scrolls into view (`codeBodyHtml`).
   */
  highlighter?: Highlighter;
  /**
   * The problems the card lists (the editor passes its Problems entries for the post, so both say
   * the same). Without it, the card lists the front matter parser's errors.
   */
  problems?: readonly CardProblem[];
}

/** One problem listed in the front matter card. */
export interface CardProblem {
  /** 0-based document line. */
  line: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  /** The rule, e.g. `fm/duplicate-key`. */
  code?: string;
}

/** How much of a post too long to preview whole is rendered. */
export interface PartialOptions {
  /** Characters of body rendered (cut at the last line break before, when there is one). */
  maxBodyLength: number;
  /** The whole post's length when `text` is only its beginning. */
  totalLength?: number;
}

/** The rendered post. */
export interface RenderedPost {
  /** The card and the body: what the preview shows inside its content element. */
  html: string;
  /** The title from the front matter, if any (for the panel title). */
  title?: string;
  /** Lines taken by the front matter block; body line N is document line N + this. */
  bodyLineOffset: number;
}
