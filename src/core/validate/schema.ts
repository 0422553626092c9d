/**
 * The types a front matter field can have. Checks follow what Hugo does with the value: it
 * converts loosely (a number for a title is fine), so a type is "wrong" only when Hugo would fail
 * the build or silently read something else than the author meant.
 */
export type FieldType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'number'
  | 'date'
  /** A list of strings; Hugo also takes one string and splits it at spaces. */
  | 'string-list'
  | 'map'
  | 'map-list'
  | 'map-or-map-list'
  /** A string or a mapping (themes' `cover`). */
  | 'string-or-map'
  /** Hugo's `menus`: a menu name, a list of names, or a mapping of menu entries. */
  | 'menus'
  /** A mapping, or a boolean that themes read as an on/off switch (Hugo ignores it). */
  | 'map-or-boolean'
  | 'any';

/** What one field may hold. */
export interface FieldSpec {
  type: FieldType;
  /** Allowed values (compared case-sensitively for strings). */
  enum?: readonly (string | number | boolean)[];
  /** A regular expression (JavaScript syntax) string values must match. */
  pattern?: string;
  /** Specs of known keys inside a mapping (unknown keys inside are allowed). */
  properties?: Readonly<Record<string, FieldSpec>>;
}

const BUILD_OPTIONS: FieldSpec = {
  type: 'map',
  properties: {
    list: { type: 'string', enum: ['always', 'local', 'never'] },
    publishresources: { type: 'boolean' },
    render: { type: 'string', enum: ['always', 'link', 'never'] },
  },
};

/**
 * Hugo's predefined front matter fields, keyed lowercased (Hugo lowercases keys). The date
 * aliases are the keys Hugo's default `[frontmatter]` configuration reads for each date.
 */
export const HUGO_FIELDS: Readonly<Record<string, FieldSpec>> = {
  title: { type: 'string' },
  linktitle: { type: 'string' },
  description: { type: 'string' },
  summary: { type: 'string' },
  date: { type: 'date' },
  publishdate: { type: 'date' },
  pubdate: { type: 'date' },
  published: { type: 'date' },
  lastmod: { type: 'date' },
  modified: { type: 'date' },
  expirydate: { type: 'date' },
  unpublishdate: { type: 'date' },
  draft: { type: 'boolean' },
  headless: { type: 'boolean' },
  iscjklanguage: { type: 'boolean' },
  slug: { type: 'string' },
  url: { type: 'string' },
  aliases: { type: 'string-list' },
  keywords: { type: 'string-list' },
  outputs: { type: 'string-list' },
  weight: { type: 'integer' },
  layout: { type: 'string' },
  type: { type: 'string' },
  markup: { type: 'string' },
  translationkey: { type: 'string' },
  params: { type: 'map' },
  cascade: { type: 'map-or-map-list' },
  build: BUILD_OPTIONS,
  _build: BUILD_OPTIONS,
  resources: { type: 'map-list' },
  // Themes use `sitemap: false` to leave a page out; Hugo reads only the mapping form.
  sitemap: {
    type: 'map-or-boolean',
    properties: {
      changefreq: { type: 'string', enum: ['always', 'hourly', 'daily', 'weekly', 'monthly', 'yearly', 'never'] },
      priority: { type: 'number' },
      disable: { type: 'boolean' },
      filename: { type: 'string' },
    },
  },
  menus: { type: 'menus' },
  menu: { type: 'menus' },
};

/**
 * Page parameters that Hugo's own templates (Open Graph, Twitter cards, schema) or most themes
 * read. Hugo keeps any unknown top-level key as a page param, so these are valid; knowing them
 * keeps `fm/unknown-key` quiet for them and lets it suggest them for typos.
 */
export const COMMON_THEME_FIELDS: Readonly<Record<string, FieldSpec>> = {
  images: { type: 'string-list' },
  image: { type: 'string' },
  cover: { type: 'string-or-map' },
  videos: { type: 'string-list' },
  audio: { type: 'string-list' },
  author: { type: 'any' },
  authors: { type: 'string-list' },
  series: { type: 'string-list' },
  toc: { type: 'boolean' },
  comments: { type: 'boolean' },
  subtitle: { type: 'string' },
  thumbnail: { type: 'string' },
  featured_image: { type: 'string' },
  featuredimage: { type: 'string' },
  math: { type: 'boolean' },
  hidden: { type: 'boolean' },
};

/** Fields Hugo reads as dates. */
export const DATE_FIELDS: ReadonlySet<string> = new Set(
  Object.entries(HUGO_FIELDS)
    .filter(([, spec]) => spec.type === 'date')
    .map(([key]) => key),
);

/**
 * Words people write for a field Hugo knows under another name. Edit distance alone misses
 * these (`category` is three edits from `categories`).
 */
export const KEY_SYNONYMS: Readonly<Record<string, string>> = {
  tag: 'tags',
  category: 'categories',
  alias: 'aliases',
  keyword: 'keywords',
  updated: 'lastmod',
  created: 'date',
  expires: 'expiryDate',
  expiry: 'expiryDate',
  excerpt: 'summary',
};

/** The spelling Hugo's documentation uses for a lowercased key (for messages and fixes). */
export const CANONICAL_KEY_NAMES: Readonly<Record<string, string>> = {
  linktitle: 'linkTitle',
  publishdate: 'publishDate',
  expirydate: 'expiryDate',
  unpublishdate: 'unpublishDate',
  iscjklanguage: 'isCJKLanguage',
  translationkey: 'translationKey',
  publishresources: 'publishResources',
};

export function canonicalKeyName(lowercased: string): string {
  return CANONICAL_KEY_NAMES[lowercased] ?? lowercased;
}
