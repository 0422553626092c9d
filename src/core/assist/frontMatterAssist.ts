import type { FieldNode, FrontMatterFormat, ParsedFrontMatter, ValueNode } from '../frontmatter';
import { termKey } from '../tags/termKey';
import { checkHugoDate, checkTomlDate, formatRfc3339 } from '../validate/dates';
import { canonicalKeyName, COMMON_THEME_FIELDS, HUGO_FIELDS, type FieldSpec } from '../validate/schema';
import { HUGO_FIELD_DOCS } from './fieldDocs';
import type { FrontMatterCursor } from './frontMatterCursor';

/** A term of the live index, as completions need it. */
export interface TermStat {
  readonly key: string;
  readonly postCount: number;
  readonly spellings: ReadonlyMap<string, number>;
}

/** What the site knows, handed in by the adapter (all from memory: nothing is read here). */
export interface FrontMatterSite {
  /** Taxonomy keys (any case). */
  taxonomies: readonly string[];
  terms(taxonomy: string): Iterable<TermStat>;
  /**
   * This post's own terms as the index holds them ([key, spelling]), so completion counts only
   * other posts: a term half typed here is not offered back as a term of the site.
   */
  ownTerms?(taxonomy: string): ReadonlyArray<readonly [key: string, spelling: string]>;
  /** Lowercased key → spelling → number of posts that write it (other posts of the site). */
  keyCounts?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Fields the user configured (`devopsNotes.frontMatter.fields`), keyed lowercased. */
  fields?: Readonly<Record<string, FieldSpec>>;
  /** Date values as the site's posts write them (to learn the site's format). */
  dateSamples?: Iterable<string>;
  now: Date;
  /** Minutes east of UTC of the user's time zone at an instant. */
  offsetMinutes?: (epochMs: number) => number;
}

export type AssistItemKind = 'field' | 'value' | 'term' | 'boolean' | 'date' | 'shortcode' | 'parameter' | 'file' | 'page' | 'keyword' | 'snippet';

/** One completion, plain data; the adapter maps it onto a CompletionItem. */
export interface AssistItem {
  label: string;
  /** Shown next to the label (a count, a type). */
  description?: string;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** `insertText` is in VS Code's snippet syntax. */
  snippet?: boolean;
  kind: AssistItemKind;
  /** Replace this range (absolute offsets). */
  start: number;
  end: number;
  filterText?: string;
  sortText?: string;
  /** Open the suggestion list again after inserting (a key whose values we complete). */
  retrigger?: boolean;
  preselect?: boolean;
}

/** Hover text (Markdown), with the range it covers. */
export interface AssistHover {
  markdown: string;
  start: number;
  end: number;
  /** Command ids the Markdown links to (the adapter trusts only these). */
  commands?: string[];
}

export const REVEAL_TERM_COMMAND = 'devopsNotes.tags.revealTerm';

const lower = (s: string) => s.toLowerCase();

function specOf(key: string, site: FrontMatterSite): FieldSpec | undefined {
  const k = lower(key);
  return site.fields?.[k] ?? HUGO_FIELDS[k] ?? COMMON_THEME_FIELDS[k];
}

function isTaxonomy(key: string, site: FrontMatterSite): boolean {
  const k = lower(key);
  return site.taxonomies.some((t) => lower(t) === k);
}

/** The most used spelling of a key across the site, else `fallback`. */
function siteSpelling(k: string, site: FrontMatterSite, fallback: string): string {
  const spellings = site.keyCounts?.get(k);
  if (!spellings?.size) return fallback;
  let best = fallback;
  let n = 0;
  for (const [s, c] of spellings) if (c > n) [best, n] = [s, c];
  return best;
}

function postsUsing(k: string, site: FrontMatterSite): number {
  let n = 0;
  for (const c of site.keyCounts?.get(k)?.values() ?? []) n += c;
  return n;
}

function typeLabel(spec: FieldSpec | undefined): string | undefined {
  if (!spec) return undefined;
  return spec.type === 'string-list' ? 'list' : spec.type === 'any' ? undefined : spec.type;
}

/** Completions at a front matter cursor. */
export function frontMatterCompletions(cursor: FrontMatterCursor, fm: ParsedFrontMatter, site: FrontMatterSite): AssistItem[] {
  return cursor.kind === 'key' ? keyItems(cursor, fm, site) : valueItems(cursor, fm, site);
}

function keyItems(cursor: FrontMatterCursor, fm: ParsedFrontMatter, site: FrontMatterSite): AssistItem[] {
  const present = new Set(fm.fields.filter((f) => !(f.keyStart >= cursor.start && f.keyEnd <= cursor.end)).map((f) => lower(f.key)));
  const out: AssistItem[] = [];
  const seen = new Set<string>();
  const add = (k: string, source: 'hugo' | 'taxonomy' | 'configured' | 'site', written: string) => {
    if (seen.has(k) || present.has(k)) return;
    seen.add(k);
    const spec = specOf(k, site);
    const name = siteSpelling(k, site, written);
    const used = postsUsing(k, site);
    const doc = HUGO_FIELD_DOCS[k] ?? (source === 'configured' ? 'A field configured in `devopsNotes.frontMatter.fields`.' : source === 'site' ? 'Not a Hugo field: Hugo keeps it as a page parameter (`.Params`).' : undefined);
    const description = [used ? `${used} post${used === 1 ? '' : 's'}` : '', source === 'hugo' ? 'Hugo' : source].filter(Boolean).join(' · ');
    const taxonomy = isTaxonomy(k, site);
    out.push({
      label: name,
      description,
      detail: [taxonomy ? 'taxonomy' : typeLabel(spec), doc?.split('\n')[0]].filter(Boolean).join(' — ') || undefined,
      documentation: doc,
      insertText: keyInsert(name, cursor),
      kind: 'field',
      start: cursor.start,
      end: cursor.end,
      filterText: cursor.format === 'json' ? `${cursor.quote}${name}` : name,
      // Keys the site uses most first, then Hugo's, then the rest.
      sortText: `${used ? 0 : source === 'hugo' || source === 'taxonomy' ? 1 : 2}${String(1e6 - used).padStart(7, '0')}${name}`,
      retrigger: taxonomy || spec?.type === 'boolean' || spec?.type === 'date' || !!spec?.enum,
    });
  };
  for (const t of site.taxonomies) add(lower(t), 'taxonomy', t);
  for (const k of Object.keys(HUGO_FIELDS)) if (!k.startsWith('_')) add(k, 'hugo', canonicalKeyName(k));
  for (const k of Object.keys(site.fields ?? {})) add(k, 'configured', k);
  for (const [k, spellings] of site.keyCounts ?? []) add(k, 'site', spellings.keys().next().value ?? k);
  return out;
}

function keyInsert(name: string, cursor: FrontMatterCursor): string {
  if (cursor.format === 'json') return cursor.hasSeparator ? JSON.stringify(name) : `${JSON.stringify(name)}: `;
  const bare = /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
  if (cursor.hasSeparator) return bare;
  return cursor.format === 'yaml' ? `${bare}: ` : `${bare} = `;
}

/** A string value written the way the format (and the quote the user opened) wants it. */
export function quoteValue(value: string, format: FrontMatterFormat, quote: '' | '"' | "'"): string {
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  if (quote === '"' || format !== 'yaml') return JSON.stringify(value);
  // Plain YAML only when it stays a string: not a number, boolean, null, date, or special syntax.
  const plain = /^[A-Za-z_][\w .+/#-]*$/.test(value) && !/^(?:true|false|yes|no|on|off|null|y|n|~)$/i.test(value) && !/ #|\s$/.test(value);
  return plain ? value : JSON.stringify(value);
}

function valueItems(cursor: FrontMatterCursor, fm: ParsedFrontMatter, site: FrontMatterSite): AssistItem[] {
  const key = cursor.key!;
  const k = lower(key);
  if (isTaxonomy(k, site)) return termItems(cursor, fm, site);
  const spec = specOf(k, site);
  const range = { start: cursor.start, end: cursor.end };
  if (spec?.type === 'boolean') {
    return ['true', 'false'].map((v, i) => ({ label: v, insertText: v, kind: 'boolean' as const, ...range, sortText: String(i), filterText: `${cursor.quote}${v}` }));
  }
  if (spec?.enum) {
    return spec.enum.map((v, i) => ({
      label: String(v),
      insertText: typeof v === 'string' ? quoteValue(v, cursor.format, cursor.quote) : String(v),
      kind: 'value' as const,
      ...range,
      sortText: String(i).padStart(3, '0'),
      filterText: `${cursor.quote}${v}`,
    }));
  }
  if (spec?.type === 'date') return dateItems(cursor, site);
  return [];
}

function termItems(cursor: FrontMatterCursor, fm: ParsedFrontMatter, site: FrontMatterSite): AssistItem[] {
  const k = lower(cursor.key!);
  // Terms the post already lists (other than the one being typed) are not offered again.
  const listed = new Set<string>();
  for (const f of fm.fields) {
    if (lower(f.key) !== k) continue;
    for (const item of f.value.items ?? [f.value]) {
      if (item.kind === 'scalar' && typeof item.value === 'string' && !(item.start <= cursor.end && item.end >= cursor.start)) listed.add(termKey(item.value));
    }
  }
  const terms: TermStat[] = [];
  for (const t of termsOfOtherPosts(site.terms(k), site.ownTerms?.(k) ?? [])) if (!listed.has(t.key)) terms.push(t);
  terms.sort((a, b) => b.postCount - a.postCount || (a.key < b.key ? -1 : 1));
  const out: AssistItem[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    const spelling = mostUsed(t);
    const others = [...t.spellings.keys()].filter((s) => s !== spelling);
    out.push({
      label: spelling,
      description: `${t.postCount} post${t.postCount === 1 ? '' : 's'}`,
      detail: others.length ? `also written ${others.slice(0, 3).join(', ')}` : undefined,
      // Right after `tags:` a list is started: a lone string is one term to Hugo, and the validator flags it.
      insertText: cursor.list ? quoteValue(spelling, cursor.format, cursor.quote) : `[${quoteValue(spelling, cursor.format, '')}]`,
      kind: 'term',
      start: cursor.start,
      end: cursor.end,
      filterText: cursor.list ? `${cursor.quote}${spelling}` : spelling,
      sortText: String(i).padStart(6, '0'),
    });
  }
  return out;
}

/** `terms` with one post's own terms taken out of the counts; terms only that post has are dropped. */
export function termsOfOtherPosts(terms: Iterable<TermStat>, own: ReadonlyArray<readonly [key: string, spelling: string]>): Iterable<TermStat> {
  if (own.length === 0) return terms;
  const ownByKey = new Map<string, Set<string>>();
  for (const [key, spelling] of own) {
    const set = ownByKey.get(key);
    if (set) set.add(spelling);
    else ownByKey.set(key, new Set([spelling]));
  }
  const out: TermStat[] = [];
  for (const t of terms) {
    const spelled = ownByKey.get(t.key);
    if (!spelled) {
      out.push(t);
      continue;
    }
    if (t.postCount <= 1) continue;
    const spellings = new Map(t.spellings);
    for (const s of spelled) {
      const n = (spellings.get(s) ?? 0) - 1;
      if (n > 0) spellings.set(s, n);
      else spellings.delete(s);
    }
    out.push({ key: t.key, postCount: t.postCount - 1, spellings });
  }
  return out;
}

/** The most used spelling of a term (ties: the one that sorts first). */
export function mostUsed(term: TermStat): string {
  let best = term.key;
  let count = -1;
  for (const [s, n] of term.spellings) {
    if (n > count || (n === count && s < best)) [best, count] = [s, n];
  }
  return best;
}

// ---- dates ----------------------------------------------------------------------------------

/** The shapes of date the site writes, by how we would write `now` in each. */
type DateShape = 'day' | 'utc' | 'offset' | 'local' | 'local-space' | 'space-offset';

const SHAPES: readonly [DateShape, RegExp][] = [
  ['day', /^\d{4}-\d{2}-\d{2}$/],
  ['utc', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/],
  ['offset', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?[+-]\d{2}:\d{2}$/],
  ['local', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?$/],
  ['local-space', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/],
  ['space-offset', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ?[+-]\d{2}:?\d{2}$/],
];

/** The date shape most of the samples use, or undefined when none is recognised. */
export function commonDateShape(samples: Iterable<string>): DateShape | undefined {
  const counts = new Map<DateShape, number>();
  for (const s of samples) {
    const shape = SHAPES.find(([, re]) => re.test(s))?.[0];
    if (shape) counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  let best: DateShape | undefined;
  let n = 0;
  for (const [shape, c] of counts) if (c > n) [best, n] = [shape, c];
  return best;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `now` written in one of the shapes; the local ones use the wall clock at `offsetMinutes`. */
export function formatDateShape(now: Date, shape: DateShape, offsetMinutes: number): string {
  const full = formatRfc3339(now, offsetMinutes);
  switch (shape) {
    case 'day': return full.slice(0, 10);
    case 'utc': return `${formatRfc3339(now, 0).slice(0, 19)}Z`;
    case 'offset': return full;
    case 'local': return full.slice(0, 19);
    case 'local-space': return full.slice(0, 19).replace('T', ' ');
    case 'space-offset': return `${full.slice(0, 19).replace('T', ' ')} ${full.slice(19).replace(':', '')}`;
  }
}

function dateItems(cursor: FrontMatterCursor, site: FrontMatterSite): AssistItem[] {
  const offset = site.offsetMinutes?.(site.now.getTime()) ?? 0;
  const shape = commonDateShape(site.dateSamples ?? []) ?? 'offset';
  const values: { label: string; value: string; detail: string }[] = [
    { label: 'now', value: formatDateShape(site.now, shape, offset), detail: shape === 'offset' ? 'now, with your UTC offset' : 'now, in the format most of the site\'s posts use' },
  ];
  const explicit = formatRfc3339(site.now, offset);
  if (explicit !== values[0].value) values.push({ label: 'now (with offset)', value: explicit, detail: 'now, with your UTC offset written out: no time zone guessing' });
  return values.map((v, i) => {
    const tomlLiteral = cursor.format === 'toml' && !cursor.quote && checkTomlDate(v.value).ok;
    const insertText = cursor.format === 'yaml' && !cursor.quote ? v.value : tomlLiteral ? v.value : quoteValue(v.value, cursor.format, cursor.quote || '"');
    return {
      label: v.label,
      description: v.value,
      detail: v.detail,
      insertText,
      kind: 'date' as const,
      start: cursor.start,
      end: cursor.end,
      filterText: `${cursor.quote}${v.label} ${v.value}`,
      sortText: String(i),
      preselect: i === 0,
    };
  });
}

// ---- hovers ---------------------------------------------------------------------------------

/** Hover for the front matter token at `offset`, from the parsed block. */
export function frontMatterHover(offset: number, fm: ParsedFrontMatter, site: FrontMatterSite): AssistHover | undefined {
  if (!fm.format) return undefined;
  for (const field of fm.fields) {
    if (offset >= field.keyStart && offset <= field.keyEnd) return keyHover(field, site);
    if (offset < field.value.start || offset > field.value.end) continue;
    const k = lower(field.key);
    const node = scalarAt(field.value, offset);
    if (!node) return undefined;
    if (isTaxonomy(k, site) && typeof node.value === 'string') return termHover(k, node, site);
    if (specOf(k, site)?.type === 'date') return dateHover(field, node, fm, site);
    return undefined;
  }
  return undefined;
}

function scalarAt(value: ValueNode, offset: number): ValueNode | undefined {
  if (value.kind === 'scalar') return offset >= value.start && offset <= value.end ? value : undefined;
  for (const item of value.items ?? []) if (offset >= item.start && offset <= item.end && item.kind === 'scalar') return item;
  return undefined;
}

function keyHover(field: FieldNode, site: FrontMatterSite): AssistHover {
  const k = lower(field.key);
  const spec = specOf(k, site);
  const lines: string[] = [`**${field.key}**${typeLabel(spec) ? ` · ${typeLabel(spec)}` : ''}`];
  if (isTaxonomy(k, site)) {
    const n = [...site.terms(k)].length;
    lines.push(`${HUGO_FIELD_DOCS[k] ?? 'A taxonomy: the page is listed under each of these terms.'} The site has ${n} term${n === 1 ? '' : 's'}.`);
  } else if (HUGO_FIELD_DOCS[k]) lines.push(HUGO_FIELD_DOCS[k]);
  else if (site.fields?.[k]) lines.push('A field configured in `devopsNotes.frontMatter.fields`.');
  else lines.push('Not a field Hugo reads itself: Hugo keeps it as a page parameter, `.Params.' + k + '` (keys are lowercased).');
  if (field.key !== k && HUGO_FIELDS[k]) lines.push(`Hugo compares keys lowercased, so \`${field.key}\` is \`${canonicalKeyName(k)}\`.`);
  const used = postsUsing(k, site);
  if (used) lines.push(`Used by ${used} post${used === 1 ? '' : 's'} of the site.`);
  return { markdown: lines.join('\n\n'), start: field.keyStart, end: field.keyEnd };
}

function termHover(taxonomy: string, node: ValueNode, site: FrontMatterSite): AssistHover {
  const written = node.value as string;
  const key = termKey(written);
  let term: TermStat | undefined;
  for (const t of site.terms(taxonomy)) if (t.key === key) term = t;
  if (!term) {
    return { markdown: `**${written}** (${taxonomy})\n\nNo other post uses this term yet.`, start: node.start, end: node.end };
  }
  const spellings = [...term.spellings].sort((a, b) => b[1] - a[1]).map(([s, n]) => `\`${s}\` (${n})`).join(', ');
  const args = encodeURIComponent(JSON.stringify([taxonomy, term.key]));
  return {
    markdown: [
      `**${mostUsed(term)}** (${taxonomy}) · ${term.postCount} post${term.postCount === 1 ? '' : 's'}`,
      `Spellings: ${spellings}. Hugo merges them into one term, \`${term.key}\`.`,
      `[Reveal in Posts by Tag](command:${REVEAL_TERM_COMMAND}?${args})`,
    ].join('\n\n'),
    start: node.start,
    end: node.end,
    commands: [REVEAL_TERM_COMMAND],
  };
}

/** An instant as `2024-03-14 09:05:00` plus its offset label. */
function wallClock(epochMs: number, offsetMinutes: number): string {
  const t = new Date(epochMs + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`;
}

/** The instant Hugo reads from a date node, or a message saying why it cannot. */
function readDate(node: ValueNode, format: FrontMatterFormat): { epochMs: number; dateOnly: boolean } | string {
  const text = String(node.value);
  const check = format === 'toml' && node.scalarType === 'date' ? checkTomlDate(text) : checkHugoDate(text);
  return check.ok ? { epochMs: check.date.epochMs, dateOnly: check.date.dateOnly } : check.message;
}

const PUBLISH_KEYS = ['publishdate', 'pubdate', 'published', 'date'];
const EXPIRY_KEYS = ['expirydate', 'unpublishdate'];

function dateHover(field: FieldNode, node: ValueNode, fm: ParsedFrontMatter, site: FrontMatterSite): AssistHover {
  const read = readDate(node, fm.format!);
  const range = { start: node.start, end: node.end };
  if (typeof read === 'string') return { markdown: `**${field.key}**: Hugo cannot read this date. ${read}`, ...range };
  const local = site.offsetMinutes?.(read.epochMs) ?? 0;
  const written = String(node.value);
  const lines = [
    `**${field.key}** as Hugo reads it`,
    `UTC: ${wallClock(read.epochMs, 0)}  \nLocal: ${wallClock(read.epochMs, local)}`,
  ];
  if (!/(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{3,4})$/.test(written.trim())) lines.push('No offset is written: Hugo reads it in the site\'s `timeZone` (UTC unless the config sets one).');
  lines.push(postStatus(fm, site.now.getTime()));
  return { markdown: lines.join('\n\n'), ...range };
}

/** Published, scheduled, expired or draft, by Hugo's default `[frontmatter]` date rules. */
export function postStatus(fm: ParsedFrontMatter, nowMs: number): string {
  const firstDate = (keys: readonly string[]): { key: string; epochMs: number } | undefined => {
    for (const k of keys) {
      // The last field written wins, as in Hugo's map.
      const f = [...fm.fields].reverse().find((x) => lower(x.key) === k);
      if (!f || f.value.kind !== 'scalar' || f.value.value === '' || f.value.value === null) continue;
      const r = readDate(f.value, fm.format!);
      if (typeof r !== 'string') return { key: f.key, epochMs: r.epochMs };
    }
    return undefined;
  };
  const draftField = [...fm.fields].reverse().find((x) => lower(x.key) === 'draft');
  const draft = draftField?.value.value === true || /^(?:1|t|true)$/i.test(String(draftField?.value.value ?? ''));
  const publish = firstDate(PUBLISH_KEYS);
  const expiry = firstDate(EXPIRY_KEYS);
  if (draft) return 'Status: **draft**, built only with `--buildDrafts`.';
  if (publish && publish.epochMs > nowMs) return `Status: **scheduled**: Hugo leaves the post out until ${wallClock(publish.epochMs, 0)} (from \`${publish.key}\`), unless \`--buildFuture\`.`;
  if (expiry && expiry.epochMs <= nowMs) return `Status: **expired** since ${wallClock(expiry.epochMs, 0)} (from \`${expiry.key}\`): Hugo leaves it out unless \`--buildExpired\`.`;
  return `Status: **published**${expiry ? `, until ${wallClock(expiry.epochMs, 0)}` : ''}.`;
}
