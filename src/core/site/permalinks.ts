import { goToLower } from '../text/goCase';
import { compileGlobs } from '../index/glob';
import { parseHugoDate } from '../render/dates';
import { configValue } from './hugoConfig';
import { siteDirsFrom, siteRelativeDir } from './siteDirs';

/**
 * Page URLs as Hugo computes them, from the site config and one content file's path and front
 * matter: no I/O. Follows Hugo's resources/page/permalinks.go, page_paths.go CreateTargetPaths
 * and hugolib/page__paths.go createTargetPathDescriptor, with the older behaviour where the
 * site's Hugo version predates a change (see {@link siteUrlConfig}); the real-Hugo test checks
 * it against Hugo 0.111.3. Only the HTML output format is computed.
 */

/** The newest Hugo whose URL rules this follows: the version assumed when a site pins none. */
export const NEWEST_HUGO_FOR_URLS = '0.165.0';

export type PageKind = 'home' | 'section' | 'page' | 'taxonomy' | 'term';

/** One `[permalinks]` rule: the first rule whose kind and page path match gives the pattern. */
export interface PermalinkRule {
  /** Kinds the rule applies to. */
  kinds: readonly PageKind[] | ((kind: string) => boolean);
  /** Whether a Hugo page path (`/blog/my-post`, lowercased) is covered (Hugo 0.161 and later). */
  matchesPath: (path: string) => boolean;
  /** Before Hugo 0.161 a rule names the page's first section (lowercased; `` is the top). */
  section?: string;
  /** From a `[permalinks.<kind>]` table (Hugo 0.115 and later). */
  kindTable?: boolean;
  pattern: string;
}

export interface LanguageUrlInfo {
  /** The language code as Hugo keys it (lowercased). */
  code: string;
  /** A language's own `baseURL` (multihost sites). */
  baseURL?: string;
}

/** What a site's config says about URLs; build it with {@link siteUrlConfig}. */
export interface SiteUrlConfig {
  /** The Hugo version whose rules apply, as a number (0.111.3 → 111003). */
  hugoVersion: number;
  /** With a trailing slash; `/` when the config names none. */
  baseURL: string;
  canonifyURLs: boolean;
  /** `uglyURLs`: for all sections, or per first section. */
  uglyURLs: boolean | Readonly<Record<string, boolean>>;
  disablePathToLower: boolean;
  removePathAccents: boolean;
  permalinks: readonly PermalinkRule[];
  defaultLanguage: string;
  defaultLanguageInSubdir: boolean;
  languages: readonly LanguageUrlInfo[];
  /** Some language has its own baseURL: each language is its own host, without a path prefix. */
  multihost: boolean;
  /** Content folders (site-relative), longest first; `lang` when the folder is one language's. */
  contentSources: readonly { dir: string; lang?: string }[];
  /** Taxonomy plurals, lowercased (`content/tags/_index.md` is the taxonomy page). */
  taxonomies: readonly string[];
  /** Where Hugo takes `.Date` from, in order (`[frontmatter] date`, expanded). */
  dateSources: readonly string[];
  /** Permalink patterns Hugo rejects (unknown `:token`): Hugo stops the build on these. */
  problems: readonly string[];
}

/** The page and where Hugo publishes it. */
export interface PageUrl {
  kind: PageKind;
  lang: string;
  /** Hugo's page path (`/blog/my-post`): what permalink rules match. */
  path: string;
  /** `.RelPermalink` (with the baseURL's path, unless `canonifyURLs`). */
  relPermalink: string;
  /** `.Permalink`. */
  permalink: string;
  /** Where the page's bundle files are published (site-absolute, with the baseURL's path, no trailing slash, not escaped). */
  resourceBase: string;
  /** The baseURL's path in `relPermalink` and `resourceBase` (`/blog`, or empty). */
  basePath: string;
  /** `index.md` is a leaf bundle, `_index.md` a branch bundle: both publish the files beside them. */
  bundle?: 'leaf' | 'branch';
  /** `build.render: never` or `headless`: Hugo publishes no page, `.RelPermalink` is empty. */
  unpublished: boolean;
  /** Parts Hugo takes from where we cannot look (git, file times): the URL may differ. */
  caveats: string[];
}

export interface PageUrlInput {
  /** The content file, relative to the site root with forward slashes (`content/posts/a.md`). */
  file: string;
  /** Front matter data (keys in any case, as parsed). */
  frontMatter: Readonly<Record<string, unknown>>;
  /**
   * Whether a content-relative folder (`docs/setup`) is a section, i.e. has an `_index` file.
   * Without it only top-level folders are sections, as in Hugo when no deeper `_index` exists.
   */
  isSection?: (contentDir: string) => boolean;
  /** Front matter of a section's `_index` file (for `:sectionslug`/`:sectionslugs`). */
  sectionFrontMatter?: (contentDir: string) => Readonly<Record<string, unknown>> | undefined;
}

const DEFAULT_TAXONOMIES = ['tags', 'categories'];
const KINDS: readonly PageKind[] = ['home', 'section', 'page', 'taxonomy', 'term'];
const CONTENT_EXT = /\.(md|markdown|mdown|mkd|mkdn|html|htm|adoc|asciidoc|ad|org|pandoc|pdc|rst)$/i;

/**
 * Reads the URL settings from a Hugo config's data (`readHugoConfig(...).data`), for the site's
 * Hugo version (default {@link NEWEST_HUGO_FOR_URLS}).
 */
export function siteUrlConfig(data: Record<string, unknown> = {}, options: { hugoVersion?: string } = {}): SiteUrlConfig {
  const problems: string[] = [];
  const hugoVersion = versionNumber(options.hugoVersion) ?? versionNumber(NEWEST_HUGO_FOR_URLS)!;
  const languagesTable = asTable(configValue(data, 'languages'));
  const defaultLanguage = (stringOf(configValue(data, 'defaultContentLanguage')) ?? 'en').toLowerCase();
  const languages: LanguageUrlInfo[] = [];
  const contentSources: { dir: string; lang?: string }[] = [];
  for (const [code, table] of Object.entries(languagesTable ?? {})) {
    if (isTrue(configValue(table, 'disabled'))) continue;
    const info: LanguageUrlInfo = { code: code.toLowerCase() };
    const ownBase = stringOf(configValue(table, 'baseURL'));
    if (ownBase) info.baseURL = withTrailingSlash(ownBase);
    languages.push(info);
    const dir = siteRelativeDir(configValue(table, 'contentDir'));
    if (dir !== undefined) contentSources.push({ dir, lang: info.code });
  }
  if (!languages.some((l) => l.code === defaultLanguage)) languages.push({ code: defaultLanguage });
  // Content mounts may name their language; plain folders leave it to the file name.
  for (const mount of asList(configValue(configValue(data, 'module'), 'mounts'))) {
    if (siteRelativeDir(configValue(mount, 'target')) !== 'content') continue;
    const dir = siteRelativeDir(configValue(mount, 'source'));
    const lang = stringOf(configValue(mount, 'lang'))?.toLowerCase();
    if (dir !== undefined && lang) contentSources.push({ dir, lang });
  }
  for (const dir of siteDirsFrom(data).contentDirs) if (!contentSources.some((s) => s.dir === dir)) contentSources.push({ dir });
  contentSources.sort((a, b) => b.dir.length - a.dir.length);

  const taxonomyTable = asTable(configValue(data, 'taxonomies'));
  const taxonomies = taxonomyTable ? Object.values(taxonomyTable).flatMap((v) => (typeof v === 'string' && v.trim() ? [goLower(v.trim())] : [])) : DEFAULT_TAXONOMIES;

  const ugly = configValue(data, 'uglyURLs');
  let uglyURLs: SiteUrlConfig['uglyURLs'] = false;
  if (typeof ugly === 'boolean') uglyURLs = ugly;
  else if (typeof ugly === 'string') uglyURLs = ugly.toLowerCase() === 'true';
  else if (asTable(ugly)) uglyURLs = Object.fromEntries(Object.entries(asTable(ugly)!).map(([k, v]) => [k.toLowerCase(), isTrue(v)]));

  const permalinks = permalinkRules(configValue(data, 'permalinks'), problems, hugoVersion);
  return {
    hugoVersion,
    baseURL: withTrailingSlash(stringOf(configValue(data, 'baseURL')) ?? '/'),
    canonifyURLs: isTrue(configValue(data, 'canonifyURLs')),
    uglyURLs,
    disablePathToLower: isTrue(configValue(data, 'disablePathToLower')),
    removePathAccents: isTrue(configValue(data, 'removePathAccents')),
    permalinks,
    defaultLanguage,
    defaultLanguageInSubdir: isTrue(configValue(data, 'defaultContentLanguageInSubdir')),
    languages,
    multihost: languages.some((l) => l.baseURL !== undefined),
    contentSources,
    taxonomies,
    dateSources: dateSources(configValue(configValue(data, 'frontmatter'), 'date')),
    problems,
  };
}

/**
 * `[permalinks]` in its three shapes (resources/page/permalinks.go DecodePermalinksConfig):
 * `section = pattern` (pages and terms below that section path), `[permalinks.<kind>]` tables,
 * and the list of `{target: {kind, path}, pattern}` rules. Patterns with an unknown token are
 * reported (Hugo fails the build) and left out.
 */
function permalinkRules(value: unknown, problems: string[], version: number): PermalinkRule[] {
  const rules: PermalinkRule[] = [];
  const add = (kinds: PermalinkRule['kinds'], matchesPath: PermalinkRule['matchesPath'], pattern: unknown, where: string, extra: Partial<PermalinkRule> = {}) => {
    if (typeof pattern !== 'string') return;
    const unknown = unknownTokens(pattern, version);
    if (unknown.length) problems.push(`permalinks ${where}: ${unknown.map((t) => `":${t}"`).join(', ')} is not a permalink token (Hugo: "permalink attribute not recognised")`);
    else rules.push({ kinds, matchesPath, pattern, ...extra });
  };
  const table = asTable(value);
  const sectionKey = (key: string) => goLower(key.replace(/^[ /\\]+|[ /\\]+$/g, ''));
  if (table) {
    for (const [key, v] of Object.entries(table)) {
      const kind = key.toLowerCase();
      const nested = asTable(v);
      if (nested && (KINDS as readonly string[]).includes(kind)) {
        for (const [section, pattern] of Object.entries(nested)) add([kind as PageKind], sectionMatcher(section), pattern, `${kind}.${section}`, { section: sectionKey(section), kindTable: true });
      } else add(['page', 'term'], sectionMatcher(key), v, key, { section: sectionKey(key) });
    }
  } else if (version >= 161000) {
    for (const item of asList(value)) {
      const target = configValue(item, 'target');
      const kindGlob = stringOf(configValue(target, 'kind'));
      const pathGlob = stringOf(configValue(target, 'path'));
      const kinds = kindGlob ? compileGlobs([kindGlob.toLowerCase()]) : undefined;
      const paths = pathGlob ? compileGlobs([pathGlob.toLowerCase()], { ignoreCase: true }) : undefined;
      add(
        (k) => (kinds ? kinds.matches(k) : KINDS.includes(k as PageKind)),
        (p) => (paths ? paths.matches(p) : true),
        configValue(item, 'pattern'),
        pathGlob ?? kindGlob ?? '[]',
      );
    }
  }
  return rules;
}

/** `blog` covers `/blog` and everything below it; `/` (or empty) the pages at the top (permalinks.go sectionToPathGlob). */
function sectionMatcher(section: string): (path: string) => boolean {
  const s = goLower(section.replace(/^[ /\\]+|[ /\\]+$/g, ''));
  if (s === '') return (p) => /^\/[^/]+$/.test(p);
  return (p) => p === `/${s}` || p.startsWith(`/${s}/`);
}

/** Hugo's default `.Date` sources and aliases (pagemeta/page_frontmatter.go newDefaultFrontmatterConfig, addDateFieldAliases). */
function dateSources(value: unknown): string[] {
  const defaults = ['date', 'publishdate', 'lastmod'];
  const configured = asList(value).flatMap((v) => (typeof v === 'string' ? [v.toLowerCase()] : []));
  const expanded = (configured.length ? configured : defaults).flatMap((v) => (v === ':default' ? defaults : [v]));
  const aliases: Record<string, string[]> = { lastmod: ['modified'], publishdate: ['pubdate', 'published'], expirydate: ['unpublishdate'] };
  return [...new Set(expanded.flatMap((v) => [v, ...(aliases[v] ?? [])]))];
}

/** The URL Hugo gives the content file, or undefined when the file is not in a content folder. */
export function pageUrl(site: SiteUrlConfig, input: PageUrlInput): PageUrl | undefined {
  const file = input.file.replace(/\\/g, '/').replace(/^\.\//, '');
  const source = site.contentSources.find((s) => s.dir === '.' || file.startsWith(`${s.dir}/`));
  if (!source || !CONTENT_EXT.test(file)) return undefined;
  const rel = source.dir === '.' ? file : file.slice(source.dir.length + 1);
  const segments = rel.split('/');
  const fileName = segments.pop()!;
  let name = fileName.replace(CONTENT_EXT, '');
  // `post.fr.md`: a configured language's code before the extension names the language.
  let lang = source.lang ?? site.defaultLanguage;
  const dot = name.lastIndexOf('.');
  if (dot > 0 && site.languages.some((l) => l.code === name.slice(dot + 1).toLowerCase())) {
    if (!source.lang) lang = name.slice(dot + 1).toLowerCase();
    name = name.slice(0, dot);
  }
  const fm = input.frontMatter;
  const caveats: string[] = [];
  const isBranch = name === '_index';
  const isLeafBundle = name === 'index';
  let kind: PageKind;
  let container: string[];
  let baseName: string;
  if (isBranch) {
    container = segments;
    baseName = '';
    const taxonomy = segments.length > 0 && site.taxonomies.includes(goLower(segments[0]));
    kind = segments.length === 0 ? 'home' : taxonomy && segments.length === 1 ? 'taxonomy' : taxonomy && segments.length === 2 ? 'term' : 'section';
  } else {
    kind = 'page';
    container = isLeafBundle ? segments.slice(0, -1) : segments;
    baseName = isLeafBundle ? (segments[segments.length - 1] ?? 'index') : name;
  }
  // The content base name: a bundle's folder, else the file's name without language and extension.
  const contentBaseName = isBranch ? (segments[segments.length - 1] ?? '') : baseName;
  const pathSegments = isBranch ? segments : [...container, baseName];
  const pagePath = `/${pathSegments.map(normalizePathSegment).join('/')}`.replace(/\/$/, '') || '/';
  const section = kind === 'page' ? (container[0] ?? '') : (segments[0] ?? '');
  const isSection = (dir: string) => !dir.includes('/') || (input.isSection?.(dir) ?? false);
  // The nearest section at or above the page: what `:sections` and `:sectionslugs` walk.
  let currentSection = kind === 'page' ? container : segments;
  while (currentSection.length > 0 && !isSection(currentSection.join('/'))) currentSection = currentSection.slice(0, -1);

  let slug = stringOf(fmValue(fm, 'slug')) ?? '';
  const date = pageDate(site, fm, contentBaseName, caveats);
  if (date.slugFromFilename !== undefined && fmValue(fm, 'slug') === undefined) slug = date.slugFromFilename;

  const token = (attr: string): string | undefined => {
    const d = date.parts;
    switch (attr) {
      case 'year':
        return String(d.year);
      case 'month':
        return pad2(d.month);
      case 'monthname':
        return MONTHS[d.month - 1];
      case 'day':
        return pad2(d.day);
      case 'weekday':
        return String(weekday(d));
      case 'weekdayname':
        return WEEKDAYS[weekday(d)];
      case 'yearday':
        return String(yearDay(d));
      case 'section':
        return section;
      case 'sections':
        return currentSection.join('/');
      case 'title':
        return urlize(site, titleOf(fm, kind, contentBaseName));
      case 'slug':
        return urlize(site, slug || titleOf(fm, kind, contentBaseName));
      case 'slugorfilename':
        return urlize(site, slug || filenameToken(name, contentBaseName));
      case 'filename':
        return urlize(site, filenameToken(name, contentBaseName));
      case 'contentbasename':
        return urlize(site, contentBaseName);
      case 'slugorcontentbasename':
        return urlize(site, slug || contentBaseName);
      case 'sectionslug': {
        const first = currentSection.length ? [currentSection[0]] : [];
        return first.map((s) => sectionSlug(site, input, s)).join('');
      }
      case 'sectionslugs':
        return currentSection.map((_, i) => sectionSlug(site, input, currentSection.slice(0, i + 1).join('/'))).join('/');
    }
    const cut = /^(sections|sectionslugs)(\[.+\])$/.exec(attr);
    if (cut) {
      const parts = cut[1] === 'sections' ? currentSection : currentSection.map((_, i) => sectionSlug(site, input, currentSection.slice(0, i + 1).join('/')));
      return sliceSections(parts, cut[2]).join('/');
    }
    return goTimeFormat(attr, d);
  };

  let url = stringOf(fmValue(fm, 'url')) ?? '';
  // Hugo 0.131 expands permalink tokens in `url` too.
  if (url.includes(':') && site.hugoVersion >= 131000) {
    const expanded = expandPattern(url, token);
    if (expanded) url = queryUnescape(expanded);
  }
  let expandedPermalink = '';
  const rule = site.permalinks.find((r) => {
    if (!(typeof r.kinds === 'function' ? r.kinds(kind) : r.kinds.includes(kind))) return false;
    if (site.hugoVersion >= 161000) return r.matchesPath(goLower(pagePath));
    // Older Hugo looks a rule up by the page's first section; kind tables came in 0.115.
    return r.section === goLower(section) && (!r.kindTable || site.hugoVersion >= 115000);
  });
  if (rule) {
    const expanded = expandPattern(rule.pattern, token);
    if (expanded) expandedPermalink = cleanPath(queryUnescape(expanded));
  }

  const prefix = languagePrefix(site, lang);
  const link = targetLink(site, {
    kind,
    url,
    expandedPermalink,
    sectionBase: kind === 'page' || segments.length === 0 ? '' : `/${segments.join('/')}`,
    container,
    baseName: slug || baseName,
    isBundle: isBranch || isLeafBundle,
    ugly: typeof site.uglyURLs === 'boolean' ? site.uglyURLs : site.uglyURLs[goLower(section)] === true,
    prefix,
  });
  const baseURL = (site.multihost && site.languages.find((l) => l.code === lang)?.baseURL) || site.baseURL;
  const basePath = site.canonifyURLs ? '' : baseURLPath(baseURL);
  const withBase = (p: string) => (basePath ? joinKeepingSlash(basePath, p) : p);
  const build = asTable(fmValue(fm, 'build')) ?? asTable(fmValue(fm, '_build'));
  const unpublished = isTrue(fmValue(fm, 'headless')) || goLower(stringOf(configValue(build, 'render')) ?? '') === 'never';
  return {
    kind,
    lang,
    path: pagePath,
    relPermalink: unpublished ? '' : withBase(link.link),
    permalink: unpublished ? '' : baseURL + link.link.replace(/^\//, ''),
    resourceBase: withBase(link.resourceBase),
    basePath,
    ...(isBranch ? { bundle: 'branch' as const } : isLeafBundle ? { bundle: 'leaf' as const } : {}),
    unpublished,
    caveats,
  };
}

interface LinkInput {
  kind: PageKind;
  url: string;
  expandedPermalink: string;
  /** For branch pages: their own path (`/docs/setup`). */
  sectionBase: string;
  container: string[];
  baseName: string;
  isBundle: boolean;
  ugly: boolean;
  prefix: string;
}

/**
 * The link and the bundle files' folder of the HTML output, as resources/page/page_paths.go
 * CreateTargetPaths builds them (element list, `index.html`, ugly URLs, sanitizing, escaping).
 */
function targetLink(site: SiteUrlConfig, d: LinkInput): { link: string; resourceBase: string } {
  const els: string[] = [];
  const add = (...parts: string[]) => {
    for (const p of parts) if (p !== '' && p !== '/') els.push(p);
  };
  const concatLast = (s: string) => {
    if (els.length === 0) return add(s);
    els[els.length - 1] = els[els.length - 1].replace(/\/$/, '') + s;
  };
  const branch = d.kind !== 'page';
  let url = d.url;
  let forcePrefix = site.multihost;
  if (url && !url.startsWith('/')) forcePrefix = true;
  if (url.includes('..')) url = cleanPath(`/${url}`);
  let isUgly = d.ugly;
  let suffix = '.html';
  const baseNameSameAsType = !d.isBundle && d.baseName !== '' && d.baseName === 'index';
  // Hugo 0.148 publishes ugly home, section and taxonomy pages as `…/index.html` (before: `/section.html`).
  const indexIsUglyKind = site.hugoVersion >= 148000 && (d.kind === 'home' || d.kind === 'section' || d.kind === 'taxonomy') && isUgly;
  if (d.expandedPermalink === '' && baseNameSameAsType) isUgly = true;
  let needsBase = true;
  let upperOffset = 0;
  let prefixLink = '';
  if (branch && !url && d.sectionBase !== '') {
    add(d.expandedPermalink || d.sectionBase);
    needsBase = false;
  }
  if (d.kind !== 'home' && url) {
    add(...url.split('/').filter((s) => s !== ''));
    const hasDot = url.includes('.');
    if (url.endsWith('/') || !hasDot) add('index.html');
    else suffix = url.slice(url.lastIndexOf('.'));
    if (els[els.length - 1] === 'index.html') upperOffset = 1;
    if (forcePrefix && d.prefix && !url.startsWith(`/${d.prefix}`)) prefixLink = d.prefix;
  } else if (!branch) {
    if (d.expandedPermalink) add(d.expandedPermalink);
    else {
      add(d.container.join('/'));
      add(d.baseName);
    }
    if (isUgly) concatLast(suffix);
    else add('index.html');
    if (els[els.length - 1] === 'index.html') upperOffset = 1;
    prefixLink = d.prefix;
  } else {
    if (needsBase || !isUgly || indexIsUglyKind) add('index.html');
    else concatLast(suffix);
    if (!indexIsUglyKind && els[els.length - 1] === 'index.html') upperOffset = 1;
    prefixLink = d.prefix;
  }
  // A `url` from front matter is kept as written (before Hugo 0.136.1 only on regular pages); the rest is sanitized and lowercased.
  if (!url || (site.hugoVersion < 136001 && branch)) for (let i = 0; i < els.length; i++) els[i] = makePathSanitized(site, els[i]);
  const joinEls = (upto: number) => {
    let out = '';
    let hadTrailingSlash = false;
    for (const el of els.slice(0, upto)) {
      if (!hadTrailingSlash && !el.startsWith('/')) out += '/';
      hadTrailingSlash = el.endsWith('/');
      out += el;
    }
    return out;
  };
  let link = joinEls(els.length - upperOffset);
  if (baseNameSameAsType && link.endsWith(d.baseName)) link = link.slice(0, -d.baseName.length);
  if (prefixLink) link = `/${prefixLink}${link}`;
  if (upperOffset > 0 && !link.endsWith('/')) link += '/';
  // The folder bundle files go to: the page's folder (pretty) or its path without the suffix (ugly).
  const full = joinEls(els.length);
  const last = els[els.length - 1] ?? '';
  let dir = last.startsWith('index.') ? full.slice(0, Math.max(0, full.lastIndexOf('/'))) : full.endsWith(suffix) ? full.slice(0, -suffix.length) : full;
  if (dir === '/') dir = '';
  if (prefixLink) dir = `/${prefixLink}${dir}`;
  link = link.replace(/#/g, '%23');
  link = url ? goEscapeUrl(link) : goEscapedPath(link);
  return { link: link || '/', resourceBase: dir };
}

/** The language folder of a page's links (hugolib/site.go getLanguagePermalinkLang, config LanguagePrefix). */
function languagePrefix(site: SiteUrlConfig, lang: string): string {
  if (site.multihost) return '';
  // Before Hugo 0.115.2 a site of one language had no language folder even with defaultContentLanguageInSubdir.
  if (site.languages.length < 2 && site.hugoVersion < 115002) return '';
  if (lang === site.defaultLanguage) return site.defaultLanguageInSubdir ? lang : '';
  return site.languages.length > 1 ? lang : '';
}

/** `.Date` and, from a `:filename` source, the slug the file name gives. */
function pageDate(site: SiteUrlConfig, fm: Readonly<Record<string, unknown>>, contentBaseName: string, caveats: string[]): { parts: DateParts; slugFromFilename?: string } {
  for (const source of site.dateSources) {
    if (source === ':filename') {
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:.(\d{2})-(\d{2})-(\d{2}))?/.exec(contentBaseName);
      if (m) {
        const parts = { year: +m[1], month: +m[2], day: +m[3] };
        if (validDay(parts)) return { parts, slugFromFilename: contentBaseName.slice(m[4] !== undefined ? 19 : 10).replace(/^[ _-]+|[ _-]+$/g, '') };
      }
      continue;
    }
    if (source.startsWith(':')) {
      caveats.push(`Hugo may take the date from ${source} (site config [frontmatter] date), which is not read here`);
      continue;
    }
    const value = fmValue(fm, source);
    const parsed = parseHugoDate(value);
    if (parsed?.valid && parsed.parts) return { parts: parsed.parts };
  }
  // No date: Go's zero time, 0001-01-01.
  return { parts: { year: 1, month: 1, day: 1 } };
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function weekday(d: DateParts): number {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return t.getUTCDay();
}

function yearDay(d: DateParts): number {
  const start = new Date(0);
  start.setUTCFullYear(d.year, 0, 1);
  const day = new Date(0);
  day.setUTCFullYear(d.year, d.month - 1, d.day);
  return Math.round((day.getTime() - start.getTime()) / 86400000) + 1;
}

function validDay(d: DateParts): boolean {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return d.month >= 1 && d.month <= 12 && t.getUTCDate() === d.day;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A Go time layout made of word characters (`:2006`, `:Jan`), as permalinks.go accepts any token
 * that formats the reference time differently from itself. Undefined when it is no layout.
 */
function goTimeFormat(layout: string, d: DateParts): string | undefined {
  const tokens: [string, (d: DateParts) => string][] = [
    ['January', (x) => MONTHS[x.month - 1]],
    ['Monday', (x) => WEEKDAYS[weekday(x)]],
    ['2006', (x) => String(x.year).padStart(4, '0')],
    ['Jan', (x) => MONTHS[x.month - 1].slice(0, 3)],
    ['Mon', (x) => WEEKDAYS[weekday(x)].slice(0, 3)],
    ['002', (x) => String(yearDay(x)).padStart(3, '0')],
    ['01', (x) => pad2(x.month)],
    ['02', (x) => pad2(x.day)],
    ['06', (x) => pad2(x.year % 100)],
    ['15', (x) => pad2(x.hour ?? 0)],
    ['03', (x) => pad2((x.hour ?? 0) % 12 || 12)],
    ['04', (x) => pad2(x.minute ?? 0)],
    ['05', (x) => pad2(x.second ?? 0)],
    ['PM', (x) => ((x.hour ?? 0) >= 12 ? 'PM' : 'AM')],
    ['pm', (x) => ((x.hour ?? 0) >= 12 ? 'pm' : 'am')],
    ['1', (x) => String(x.month)],
    ['2', (x) => String(x.day)],
    ['3', (x) => String((x.hour ?? 0) % 12 || 12)],
    ['4', (x) => String(x.minute ?? 0)],
    ['5', (x) => String(x.second ?? 0)],
  ];
  let out = '';
  let changed = false;
  for (let i = 0; i < layout.length; ) {
    const hit = tokens.find(([t]) => layout.startsWith(t, i));
    if (hit) {
      out += hit[1](d);
      i += hit[0].length;
      changed = true;
    } else out += layout[i++];
  }
  return changed ? out : undefined;
}

const ATTRIBUTE = /:\w+(\[.+?\])?/g;

/** Tokens in a pattern that the given Hugo version does not know (it fails the build on them). */
export function unknownTokens(pattern: string, version = versionNumber(NEWEST_HUGO_FOR_URLS)!): string[] {
  const probe = { year: 2019, month: 11, day: 9, hour: 23, minute: 1, second: 42 };
  const known = new Set(['year', 'month', 'monthname', 'day', 'weekday', 'weekdayname', 'yearday', 'section', 'sections', 'title', 'slug', 'slugorfilename', 'filename']);
  // permalinks.go gained `:contentbasename` in 0.144 and `:sectionslug(s)` in 0.149.
  if (version >= 144000) ['contentbasename', 'slugorcontentbasename'].forEach((t) => known.add(t));
  if (version >= 149000) ['sectionslug', 'sectionslugs'].forEach((t) => known.add(t));
  const sliced = version >= 149000 ? /^(sections|sectionslugs)\[/ : /^sections\[/;
  return [...pattern.replace(/\\:/g, '\0').matchAll(ATTRIBUTE)]
    .map((m) => m[0].slice(1))
    .filter((a) => !known.has(a) && !sliced.test(a) && goTimeFormat(a, probe) === undefined);
}

/** `0.111.3` (or `v0.111.3`, `0.123`) as a comparable number: 111003. */
export function versionNumber(version: string | undefined): number | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version?.trim() ?? '');
  return m ? +m[1] * 1_000_000 + +m[2] * 1000 + +(m[3] ?? 0) : undefined;
}

/** Replaces each token once, in order, as permalinks.go getOrParsePattern does; `\:` is a literal colon. */
function expandPattern(pattern: string, token: (attr: string) => string | undefined): string | undefined {
  let field = pattern.replace(/\\:/g, '\0');
  for (const m of [...field.matchAll(ATTRIBUTE)]) {
    const value = token(m[0].slice(1));
    if (value === undefined) return undefined;
    const at = field.indexOf(m[0]);
    field = field.slice(0, at) + value + field.slice(at + m[0].length);
  }
  return field.replace(/\0/g, ':');
}

/** `sections[1:]`, `sections[last]`… lenient like permalinks.go toSliceFunc. */
function sliceSections(parts: string[], cut: string): string[] {
  const spec = cut.trim().toLowerCase();
  if (spec.length < 3 || !spec.startsWith('[') || !spec.endsWith(']')) return [];
  const inner = spec.slice(1, -1);
  const index = (s: string, low: boolean): number => {
    if (s === '') return low ? 0 : parts.length;
    if (s === 'last') return parts.length - 1;
    const n = Math.max(0, parseInt(s, 10) || 0);
    if (n >= parts.length) return low ? -1 : parts.length;
    return n;
  };
  if (parts.length === 0) return [];
  if (!inner.includes(':')) {
    const n = index(inner, true);
    return n < 0 || parts[n] === '' ? [] : [parts[n]];
  }
  const [a, b] = inner.split(':');
  const n1 = index(a, true);
  const n2 = index(b, false);
  return n1 < 0 || n2 < 0 ? [] : parts.slice(n1, n2);
}

function titleOf(fm: Readonly<Record<string, unknown>>, kind: PageKind, contentBaseName: string): string {
  const title = stringOf(fmValue(fm, 'title'));
  if (title !== undefined) return title;
  // Branch pages without a title get their folder's name (capitalized; urlize lowercases it again).
  return kind === 'page' ? '' : contentBaseName;
}

/** `:filename`: the translation base name, a bundle's folder for `index`, nothing for `_index`. */
function filenameToken(name: string, contentBaseName: string): string {
  if (name === 'index') return contentBaseName;
  return name === '_index' ? '' : name;
}

function sectionSlug(site: SiteUrlConfig, input: PageUrlInput, dir: string): string {
  const fm = input.sectionFrontMatter?.(dir) ?? {};
  const slug = stringOf(fmValue(fm, 'slug'));
  return urlize(site, slug || (stringOf(fmValue(fm, 'title')) ?? dir.slice(dir.lastIndexOf('/') + 1)));
}

/** Hugo's urlize for tokens: sanitized, lowercased, escaped (helpers URLize). */
function urlize(site: SiteUrlConfig, s: string): string {
  return goEscapeUrl(makePathSanitized(site, s));
}

/** helpers/path.go MakePathSanitized: UnicodeSanitize, then lowercased unless `disablePathToLower`. */
export function makePathSanitized(site: Pick<SiteUrlConfig, 'disablePathToLower' | 'removePathAccents'>, s: string): string {
  const clean = unicodeSanitize(site.removePathAccents ? s.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC') : s);
  return site.disablePathToLower ? clean : goLower(clean);
}

const KEPT = /^[\p{L}\p{Nd}\p{M}./\\_#+~@-]$/u;
const HEX = /^[0-9A-Fa-f]$/;

/**
 * helpers/path.go UnicodeSanitize: keeps letters, digits, marks, `. / \ _ # + ~ - @` and `%XX`;
 * a run of white space between kept characters becomes one `-`; everything else goes.
 */
export function unicodeSanitize(s: string): string {
  const chars = Array.from(s);
  let out = '';
  let prependHyphen = false;
  let wasHyphen = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const kept = KEPT.test(c) || (c === '%' && i + 2 < chars.length && HEX.test(chars[i + 1]) && HEX.test(chars[i + 2]));
    if (kept) {
      wasHyphen = c === '-';
      if (prependHyphen && !wasHyphen) out += '-';
      prependHyphen = false;
      out += c;
    } else if (out.length > 0 && !wasHyphen && /^[\s\u0085]$/u.test(c)) prependHyphen = true;
  }
  return out;
}

/** Go's strings.ToLower: rune by rune, so `İ` is `i` and a final `Σ` is `σ` (JavaScript differs on both). */
export function goLower(s: string): string {
  return goToLower(s);
}

/** The page path as newer Hugo keys it: lowercased, spaces as `-`. */
function normalizePathSegment(s: string): string {
  return goLower(s).replace(/ /g, '-');
}

/** Characters url.URL.EscapedPath leaves alone (Go net/url shouldEscape, encodePath). */
const PATH_SAFE = /[A-Za-z0-9\-_.~$&+,/:;=@]/;
/** Characters Go accepts unescaped in a raw path it keeps as written (net/url validEncoded). */
const RAW_OK = /^(?:[A-Za-z0-9\-_.~!$&'()*+,;=:@[\]/]|%[0-9A-Fa-f]{2})*$/;

/** common/paths PathEscape: url.Parse(p).EscapedPath(): valid escapes are kept, the rest percent-encoded as UTF-8. */
export function goEscapedPath(p: string): string {
  if (RAW_OK.test(p)) return p;
  let decoded = p;
  try {
    decoded = decodeURIComponent(p.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    // Not valid UTF-8 escapes: encode what is written.
  }
  let out = '';
  for (const byte of new TextEncoder().encode(decoded)) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && PATH_SAFE.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** common/paths URLEscape: url.Parse(u).String(): the path escaped as above, a query or fragment kept. */
function goEscapeUrl(u: string): string {
  const q = u.search(/[?#]/);
  return q === -1 ? goEscapedPath(u) : goEscapedPath(u.slice(0, q)) + u.slice(q);
}

/** Go's url.QueryUnescape, as permalinks are run through it (`+` becomes a space). Invalid escapes leave the text as it is. */
function queryUnescape(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Go's path.Clean. */
function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(seg);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/** helpers PrependBasePath: path.Join keeping a trailing slash. */
function joinKeepingSlash(base: string, rel: string): string {
  const joined = cleanPath(`${base}/${rel}`);
  return rel.endsWith('/') && !joined.endsWith('/') ? `${joined}/` : joined;
}

function baseURLPath(baseURL: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(baseURL);
  const path = (m ? (m[1] ?? '/') : baseURL).replace(/[?#].*$/, '');
  return path.replace(/\/+$/, '');
}

function withTrailingSlash(s: string): string {
  return s.endsWith('/') ? s : `${s}/`;
}

/** A front matter value by key, as Hugo reads keys (case-insensitive; the last spelling wins). */
function fmValue(fm: Readonly<Record<string, unknown>> | undefined, key: string): unknown {
  if (!fm) return undefined;
  let found: unknown;
  for (const k of Object.keys(fm)) if (goLower(k) === key) found = fm[k];
  return found;
}

function stringOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

function asTable(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) ? (v as Record<string, unknown>) : undefined;
}

function asList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/**
 * The file in the page's bundle that a site-absolute path names when it points under the page's
 * own URL (`/2023/06/21/my-post/cover.jpg` for the bundle `posts/2023-06-21-my-post/index.md`):
 * Hugo publishes a bundle's files there. Accepts the path with or without the baseURL's path.
 * Undefined for other paths and for pages that are not bundles.
 */
export function bundleFileFor(sitePath: string, postPath: string, page: PageUrl | undefined): string | undefined {
  if (!page?.bundle || !sitePath.startsWith('/')) return undefined;
  const bases = [page.resourceBase];
  if (page.basePath && page.resourceBase.startsWith(`${page.basePath}/`)) bases.push(page.resourceBase.slice(page.basePath.length));
  for (const base of bases) {
    const prefix = `${base}/`;
    if (!sitePath.startsWith(prefix) || sitePath.length === prefix.length) continue;
    const rest = sitePath.slice(prefix.length);
    // Only a file of this bundle: no way back out of its folder.
    if (rest.split('/').some((seg) => seg === '..' || seg === '.')) return undefined;
    return `${postPath.slice(0, postPath.lastIndexOf('/'))}/${rest}`;
  }
  return undefined;
}

/** The URL of a content file given by absolute path, for adapters that know the site root. */
export function pageUrlOf(site: SiteUrlConfig, siteRoot: string, filePath: string, frontMatter: Readonly<Record<string, unknown>>, extra: Omit<PageUrlInput, 'file' | 'frontMatter'> = {}): PageUrl | undefined {
  const root = siteRoot.replace(/\/+$/, '');
  if (!filePath.startsWith(`${root}/`)) return undefined;
  return pageUrl(site, { file: filePath.slice(root.length + 1), frontMatter, ...extra });
}
