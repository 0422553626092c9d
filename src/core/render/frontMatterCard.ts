import type { ParsedFrontMatter } from '../frontmatter';
import { LineIndex } from '../text/lineIndex';
import { formatOffset, formatReadableDate, parseHugoDate, type HugoDate } from './dates';
import { attr, escapeHtml } from './escape';
import type { CardProblem, PageLink, ResolvedResources } from './types';

/** What the card shows beside the front matter: the page's URL and its image, and the problems to list. */
export interface CardExtras {
  page?: PageLink;
  imageUrl?: string;
  /** The editor's Problems entries for the post; without them, the parser's errors. */
  problems?: readonly CardProblem[];
}

/**
 * The header card that replaces the front matter block in the preview: title, dates,
 * authors, description, status badges and taxonomy chips, for YAML, TOML and JSON alike.
 * The raw front matter text is never shown; every value is escaped.
 */
export function renderFrontMatterCard(fm: ParsedFrontMatter, text: string, now: Date, lineOffset = 0, extras: CardExtras = {}): string {
  const { problems } = extras;
  if (fm.format === null) return noFrontMatterCard(text, lineOffset, problems);
  const data = lowercaseKeys(fm.data);
  const parts: string[] = [];

  const badges = statusBadges(data, now);
  badges.push(`<span class="dn-badge dn-badge-format" title="Front matter format">${fm.format.toUpperCase()}</span>`);
  parts.push(`<div class="dn-card-badges">${badges.join('')}</div>`);

  const title = scalarText(data.title);
  if (title) parts.push(`<h1 class="dn-card-title">${escapeHtml(title)}</h1>`);

  const meta: string[] = [];
  const date = parseHugoDate(data.date);
  if (date) meta.push(renderDate(date, 'Date'));
  for (const [key, label] of [['publishdate', 'Published'], ['lastmod', 'Updated'], ['expirydate', 'Expires']] as const) {
    const other = parseHugoDate(data[key]);
    if (other) meta.push(renderDate(other, label));
  }
  const authors = authorNames(data);
  if (authors.length) meta.push(`<span class="dn-card-authors">by ${authors.map((a) => `<span class="dn-author">${escapeHtml(a)}</span>`).join(', ')}</span>`);
  if (meta.length) parts.push(`<div class="dn-card-meta">${meta.join('<span class="dn-sep" aria-hidden="true"> · </span>')}</div>`);

  if (extras.page) parts.push(renderPageLink(extras.page));
  if (extras.imageUrl) parts.push(`<img class="dn-card-image"${attr('src', extras.imageUrl)} alt="">`);

  const description = scalarText(data.description) ?? scalarText(data.summary);
  if (description) parts.push(`<p class="dn-card-description">${escapeHtml(description)}</p>`);

  for (const [taxonomy, label] of [['tags', 'Tags'], ['categories', 'Categories']] as const) {
    const terms = termList(data[taxonomy]);
    if (!terms.length) continue;
    const chips = terms.map(
      (term) => `<button type="button" class="dn-chip"${attr('data-taxonomy', taxonomy)}${attr('data-term', term)} title="Show &quot;${escapeHtml(term)}&quot; in the tag tree">${escapeHtml(term)}</button>`,
    );
    parts.push(`<div class="dn-card-terms"><span class="dn-terms-label">${label}</span>${chips.join('')}</div>`);
  }

  parts.push(problemBox(fm, text, problems));
  return `<header class="dn-card"${attr('data-line', lineOffset)}>${parts.join('')}</header>\n`;
}

/** The first entry of `images`, Hugo's own field for a page's images (a list, or one string). */
export function cardImageSource(data: Record<string, unknown>): string | undefined {
  const images = lowercaseKeys(data).images;
  const first = Array.isArray(images) ? images[0] : images;
  return typeof first === 'string' && first.trim() ? first.trim() : undefined;
}

/** What the card shows as its image: `images` when it loads, else the bundle's cover or feature. */
export function cardImageUrl(data: Record<string, unknown>, resources: ResolvedResources): string | undefined {
  const source = cardImageSource(data);
  const found = source === undefined ? resources.bundleImage : resources.images.get(source);
  return found && (found.kind === 'found' || found.kind === 'remote') ? found.url : undefined;
}

/**
 * The card of a post without front matter: nothing when it is a plain note with no problem,
 * else what is wrong (an empty file, the problems the editor lists for it).
 */
function noFrontMatterCard(text: string, lineOffset: number, problems: readonly CardProblem[] | undefined): string {
  const empty = text.trim() === '';
  if (!empty && !problems?.length) return '';
  const parts = [`<div class="dn-card-badges"><span class="dn-badge dn-badge-format" title="Front matter format">No front matter</span></div>`];
  if (empty) parts.push('<p class="dn-card-description" role="status">This post is empty. Hugo still builds a page for it, with no title, no date and no content.</p>');
  parts.push(problemBox({ errors: [] }, text, problems));
  return `<header class="dn-card dn-card-bare"${attr('data-line', lineOffset)}>${parts.join('')}</header>\n`;
}

/** The list of problems: the editor's when given (as in Problems), else the parser's errors. */
function problemBox(fm: Pick<ParsedFrontMatter, 'errors'>, text: string, problems: readonly CardProblem[] | undefined): string {
  let items: string[];
  if (problems) {
    items = problems.map((p) => `<li${attr('class', `dn-problem dn-problem-${p.severity}`)}>Line ${p.line + 1}: ${escapeHtml(p.message)}${p.code ? ` <span class="dn-problem-code">${escapeHtml(p.code)}</span>` : ''}</li>`);
  } else {
    const lines = fm.errors.length ? new LineIndex(text) : undefined;
    items = fm.errors.map((e) => `<li>Line ${lines!.positionAt(e.start).line + 1}: ${escapeHtml(e.message)}</li>`);
  }
  if (!items.length) return '';
  return `<div class="dn-card-errors" role="alert"><strong>Front matter problems</strong><ul>${items.join('')}</ul></div>`;
}

/** Hugo lowercases front matter keys, so `Title` and `title` are the same field. */
function lowercaseKeys(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    const key = k.toLowerCase();
    if (!(key in out) || k === key) out[key] = v;
  }
  return out;
}

function statusBadges(data: Record<string, unknown>, now: Date): string[] {
  const badges: string[] = [];
  if (data.draft === true || data.draft === 'true') {
    badges.push('<span class="dn-badge dn-badge-draft" title="draft: true — Hugo builds it only with --buildDrafts">Draft</span>');
  }
  const publish = parseHugoDate(data.publishdate) ?? parseHugoDate(data.date);
  if (publish?.instant && publish.instant.getTime() > now.getTime()) {
    badges.push('<span class="dn-badge dn-badge-future" title="Dated in the future — Hugo builds it only with --buildFuture">Scheduled</span>');
  }
  const expiry = parseHugoDate(data.expirydate);
  if (expiry?.instant && expiry.instant.getTime() <= now.getTime()) {
    badges.push('<span class="dn-badge dn-badge-expired" title="expiryDate has passed — Hugo builds it only with --buildExpired">Expired</span>');
  }
  return badges;
}

function renderDate(date: HugoDate, label: string): string {
  const labelHtml = `<span class="dn-date-label">${label}</span> `;
  if (!date.valid || !date.instant) {
    return `<span class="dn-date dn-date-invalid">${labelHtml}<span class="dn-date-written">${escapeHtml(date.written)}</span> <span class="dn-date-problem">(${escapeHtml(date.problem ?? 'not a date')})</span></span>`;
  }
  const zoneNote = date.dateOnly ? '' : date.offsetMinutes === undefined ? ' — no offset: Hugo uses the site timeZone (UTC by default)' : ` — ${formatOffset(date.offsetMinutes)}`;
  return (
    `<span class="dn-date">${labelHtml}<time${attr('datetime', date.instant.toISOString())}${attr('title', `As written: ${date.written}${zoneNote}`)}>` +
    `${escapeHtml(formatReadableDate(date))}</time> <code class="dn-date-written">${escapeHtml(date.written)}</code></span>`
  );
}

/** The post's URL as Hugo publishes it, with a copy button (the webview copies `data-url`). */
function renderPageLink(page: PageLink): string {
  if (page.unpublished || !page.permalink) {
    return '<div class="dn-card-url"><span class="dn-url-label">URL</span> <span class="dn-url-none" title="headless or build.render: never">Hugo publishes no page for this post</span></div>';
  }
  const note = [`Path on the site: ${page.relPermalink}`, ...(page.caveats ?? [])].join('\n');
  return (
    `<div class="dn-card-url"><span class="dn-url-label">URL</span> <code class="dn-url"${attr('title', note)}>${escapeHtml(page.permalink)}</code>` +
    `<button type="button" class="dn-code-button" data-action="copy-url"${attr('data-url', page.permalink)} title="Copy the URL">Copy</button></div>`
  );
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** `author`, `authors`, as a string, a list, or mappings with a `name`. */
function authorNames(data: Record<string, unknown>): string[] {
  const names: string[] = [];
  const add = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') add((v as Record<string, unknown>).name ?? (v as Record<string, unknown>).Name);
    else {
      const s = scalarText(v);
      if (s && !names.includes(s)) names.push(s);
    }
  };
  add(data.author);
  add(data.authors);
  return names;
}

function termList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out: string[] = [];
  for (const v of list) {
    const s = scalarText(v);
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}
