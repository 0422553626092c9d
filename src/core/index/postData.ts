import type { FrontMatterFormat } from '../frontmatter';

/** What the index keeps of one post: only what the tag tree and the other features show. */
export interface PostData {
  /** Absolute path with forward slashes. */
  readonly path: string;
  readonly title?: string;
  /** The date as written (Hugo's `date`, else `publishDate`, `pubdate`, `published`, `lastmod`, `modified`). */
  readonly date?: string;
  readonly draft: boolean;
  /** `description`, else `summary`, cut to {@link MAX_DESCRIPTION} characters. */
  readonly description?: string;
  readonly format: FrontMatterFormat | null;
  /** Terms per taxonomy, in the order of the index's taxonomies, as written (blank ones dropped). */
  readonly terms: readonly (readonly string[])[];
  /** Why the front matter could not be read in full (a syntax error, never closed, too large). */
  readonly problem?: string;
}

/** Descriptions are for tooltips; a runaway one should not cost memory for every post. */
export const MAX_DESCRIPTION = 500;

const DATE_KEYS = ['date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'];
const TEXT_KEYS = ['title', 'description', 'summary', 'draft'];
const EMPTY: readonly string[] = Object.freeze([]);

/** The lowercased front matter keys the index reads (Hugo compares keys lowercased). */
export function wantedKeys(taxonomies: readonly string[]): ReadonlySet<string> {
  return new Set([...TEXT_KEYS, ...DATE_KEYS, ...taxonomies.map((t) => t.toLowerCase())]);
}

/** A post's front matter values by folded key (a `Map` will do). */
export interface FieldValues {
  get(key: string): unknown;
}

/**
 * Builds a post's data from the raw values of its wanted fields (lowercased key → the last value
 * written for it), the same way whichever reader produced them. `taxonomyKeys` are lowercased.
 */
export function postDataFrom(
  path: string,
  format: FrontMatterFormat | null,
  raw: FieldValues,
  taxonomyKeys: readonly string[],
  intern: (term: string) => string,
  problem?: string,
): PostData {
  let date: string | undefined;
  for (const k of DATE_KEYS) {
    date = text(raw.get(k));
    if (date !== undefined) break;
  }
  let description = text(raw.get('description')) ?? text(raw.get('summary'));
  if (description !== undefined && description.length > MAX_DESCRIPTION) description = `${description.slice(0, MAX_DESCRIPTION - 1)}…`;
  const terms = new Array<readonly string[]>(taxonomyKeys.length);
  for (let i = 0; i < taxonomyKeys.length; i++) terms[i] = termsOf(raw.get(taxonomyKeys[i]), intern);
  // Every post has the same fields (absent ones undefined): one object shape for V8, and
  // entries that compare equal however they were built.
  return {
    path,
    title: own(text(raw.get('title'))),
    date: own(date),
    draft: isTrue(raw.get('draft')),
    description: own(description),
    format,
    terms,
    problem: own(problem),
  };
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Hugo reads `draft` with Go's ParseBool rules. */
function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && /^(?:1|t|T|TRUE|true|True)$/.test(v));
}

/** A single value is one term (Hugo does not split it); lists keep their scalar items. */
function termsOf(v: unknown, intern: (term: string) => string): readonly string[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  let out: string[] | undefined;
  for (const item of items) {
    const t = text(item);
    if (t === undefined || t.trim() === '') continue;
    (out ??= []).push(intern(t));
  }
  // A copy without the spare room `push` leaves (17 slots for one term): 10k posts keep these.
  return out ? out.slice() : EMPTY;
}

/**
 * A copy of `s` that does not keep the text it was cut from alive: V8 represents a long
 * `slice()` as a view into its parent, so one title would otherwise pin a post's whole prefix.
 */
export function own(s: string | undefined): string | undefined {
  if (s === undefined || s.length < 13) return s;
  // Slicing a concatenation makes V8 copy both parts into a new flat string first.
  return (` ${s}`).slice(1);
}
