import { PostRenderer, type ImageResolution, type RefResolution, type RenderOptions } from '../../src/core/render';

/** Renders a post with fixed resolutions (no file system) and a fixed "now". */
export function render(
  text: string,
  options: { images?: Record<string, ImageResolution>; refs?: Record<string, RefResolution> } & Partial<RenderOptions> = {},
): string {
  const renderer = new PostRenderer();
  const prepared = renderer.prepare(text);
  return renderer.render(
    prepared,
    { images: new Map(Object.entries(options.images ?? {})), refs: new Map(Object.entries(options.refs ?? {})) },
    { terminalAllowed: options.terminalAllowed ?? true, now: options.now ?? new Date('2024-06-01T00:00:00Z'), highlighter: options.highlighter, page: options.page, problems: options.problems },
  ).html;
}

/** Text content of an HTML fragment (tags dropped, the five entities decoded). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** `data-line` values in document order, with the tag that carries each. */
export function dataLines(html: string): { tag: string; line: number }[] {
  return [...html.matchAll(/<([a-z0-9]+)[^>]*\sdata-line="(\d+)"/g)].map((m) => ({ tag: m[1], line: Number(m[2]) }));
}

/** Values of an attribute on every element that has it. */
export function attrValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]);
}
