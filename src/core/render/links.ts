/**
 * Link and image URL policy for post content. A post is untrusted input: only web links,
 * mail links, relative paths and in-page fragments become live links; everything else
 * (javascript:, vbscript:, data:, file:, command:, vscode: …) is refused.
 */

/** Scheme our markdown-it hook gives `[text]({{< ref "x" >}})` destinations, resolved at render time. */
export const REF_SCHEME = 'devopsnotes-ref:';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const SAFE_IMAGE_DATA = /^data:image\/(?:png|gif|jpeg|webp);/i;

export type LinkKind = 'external' | 'mail' | 'fragment' | 'relative' | 'ref' | 'refused';

/** Sorts a link destination into what the preview may do with it. */
export function classifyLink(href: string): LinkKind {
  const trimmed = href.trim();
  if (trimmed.startsWith('#')) return 'fragment';
  // Browsers drop tabs and newlines inside URLs, so `java\tscript:` must be judged without them.
  const compact = trimmed.replace(/[\t\n\r]/g, '');
  const scheme = SCHEME.exec(compact)?.[1].toLowerCase();
  if (scheme === undefined) return compact.startsWith('//') ? 'refused' : 'relative';
  if (scheme === 'http' || scheme === 'https') return 'external';
  if (scheme === 'mailto') return 'mail';
  if (compact.toLowerCase().startsWith(REF_SCHEME)) return 'ref';
  return 'refused';
}

/**
 * A resolved ref is a path relative to the post, but a post's file name may look like a scheme
 * (`javascript:alert(1).md` is a legal name on Linux and macOS): such a path gets `./` in front
 * so that it stays a relative link.
 */
export function relativeHref(href: string): string {
  const kind = classifyLink(href);
  return kind === 'relative' || kind === 'fragment' ? href : `./${href}`;
}

/** What markdown-it may turn into a link or image at all (images may also be small data: images). */
export function isAllowedDestination(url: string): boolean {
  return classifyLink(url) !== 'refused' || SAFE_IMAGE_DATA.test(url.trim());
}

/** Image sources that the webview may load directly (the CSP allows https: and data: images). */
export function isRemoteImage(src: string): boolean {
  return /^https:\/\//i.test(src.trim()) || SAFE_IMAGE_DATA.test(src.trim());
}

/** True for `http:`/`https:`/`mailto:` links, the only ones handed to the system browser. */
export function isExternalLink(href: string): boolean {
  const kind = classifyLink(href);
  return kind === 'external' || kind === 'mail';
}
