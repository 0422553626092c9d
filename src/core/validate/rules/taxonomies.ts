import { foldKey, keptFields, type FieldNode, type ValueNode } from '../../frontmatter';
import type { TermKeyStyle } from '../../tags/termKey';
import { goToLower } from '../../text/goCase';
import { describeValue, isEmptyValue, type RuleContext } from '../context';
import { removeListItem, replaceScalar, stringToList } from '../edits';
import { closestMatch } from '../suggest';
import { memoizeByString } from '../../text/stringMemo';
import { dominantSpelling, termKey } from '../terms';
import type { QuickFix, TermSpellingProvider } from '../types';
import { splitTerms } from './values';
import { termUrl, termUrlSegment } from '../../tags/termKey';
import { TermRepeats } from '../../tags/termTally';

/** One term written in a post, with where it sits. */
export interface TermOccurrence {
  taxonomy: string;
  spelling: string;
  key: string;
  node: ValueNode;
}

/**
 * The validator and its callers (the CLI, "Check all") both want a post's terms, one right after
 * the other: the last answer is kept, only the last (BENCHMARKS.md, "The last answer only").
 */
let lastOccurrences: { fields: readonly FieldNode[]; taxonomies: readonly string[]; style: TermKeyStyle; terms: TermOccurrence[] } | undefined;

/**
 * The terms of every taxonomy list in the front matter (empty and non-text items skipped), keyed
 * as the site's Hugo version merges them. A taxonomy written twice (`Tags` and `tags`) gives the
 * terms of the field Hugo keeps only.
 */
export function termOccurrences(
  fields: readonly FieldNode[],
  taxonomies: readonly string[],
  style: TermKeyStyle = 'lowercased',
  kept?: ReadonlyMap<string, FieldNode>,
): TermOccurrence[] {
  if (lastOccurrences?.fields === fields && lastOccurrences.taxonomies === taxonomies && lastOccurrences.style === style) return lastOccurrences.terms;
  const out: TermOccurrence[] = [];
  lastOccurrences = { fields, taxonomies, style, terms: out };
  const termOf = style === 'urlized' ? urlizedTermOf : lowercasedTermOf;
  for (const field of fields) {
    const taxonomy = foldKey(field.key);
    if (!taxonomies.includes(taxonomy) || field.value.kind !== 'sequence') continue;
    if ((kept ??= keptFields(fields)).get(taxonomy) !== field) continue;
    for (const item of field.value.items ?? []) {
      if (item.kind !== 'scalar' || isEmptyValue(item)) continue;
      const { spelling, key } = termOf(String(item.value));
      out.push({ taxonomy, spelling, key, node: item });
    }
  }
  return out;
}

// Terms repeat across thousands of posts: their keys are computed once (the table is bounded),
// and callers that keep terms after the text is gone (spelling counts across a workspace) keep
// one copy of each spelling, not a piece of every post's text.
const lowercasedTermOf = memoizeByString((spelling) => ({ spelling, key: termKey(spelling, 'lowercased') }), 50_000);
const urlizedTermOf = memoizeByString((spelling) => ({ spelling, key: termKey(spelling, 'urlized') }), 50_000);

/** `fm/tags-string`, `fm/type` on taxonomy fields, `fm/duplicate-tag`, `fm/tag-not-allowed`, `fm/tag-spelling`. */
export function checkTaxonomies(ctx: RuleContext): void {
  for (const field of ctx.parsed.fields) {
    const taxonomy = foldKey(field.key);
    // A spelling of the key Hugo overwrites is reported by fm/duplicate-key; its terms do not count.
    if (!ctx.isTaxonomy(taxonomy) || isEmptyValue(field.value) || !ctx.isKept(field)) continue;
    const value = field.value;
    if (value.kind === 'scalar') checkTermString(ctx, field);
    else if (value.kind === 'mapping') {
      ctx.report('fm/type', value.start, value.end, `"${field.key}" should be a list of terms, not ${describeValue(value)}`);
    } else {
      for (const item of value.items ?? []) {
        if (item.kind !== 'scalar') ctx.report('fm/type', item.start, item.end, `Each "${field.key}" term should be text, not ${describeValue(item)}`);
        else if (isEmptyValue(item)) reportEmptyTerm(ctx, field, item);
      }
    }
  }
  const terms = termOccurrences(ctx.parsed.fields, ctx.config.taxonomies, ctx.config.hugo.termKeys, ctx.byKey);
  // From Hugo 0.123 two keys may still share a term page URL: first term per taxonomy and URL.
  const urls = ctx.config.hugo.termKeys === 'lowercased';
  if (!anyRepeat(terms, urls)) {
    // Most posts: no term repeats, no maps to build (a check of 10k posts built 50k of them).
    for (const term of terms) {
      checkAllowed(ctx, term);
      checkSpelling(ctx, term);
    }
    return;
  }
  // First occurrence per taxonomy and term key (a map per taxonomy: no joined keys to build per term).
  const seen = new Map<string, Map<string, TermOccurrence>>();
  const byUrl = urls ? new Map<string, Map<string, TermOccurrence>>() : undefined;
  let places: ListPlaces | undefined;
  for (const term of terms) {
    let inTaxonomy = seen.get(term.taxonomy);
    if (!inTaxonomy) seen.set(term.taxonomy, (inTaxonomy = new Map()));
    const first = inTaxonomy.get(term.key);
    if (first) {
      reportDuplicate(ctx, term, first, (places ??= listPlaces(ctx.parsed.fields)));
      continue;
    }
    inTaxonomy.set(term.key, term);
    if (byUrl) {
      let urls = byUrl.get(term.taxonomy);
      if (!urls) byUrl.set(term.taxonomy, (urls = new Map()));
      const url = termUrlSegment(term.key);
      const other = urls.get(url);
      if (other) reportSharedUrl(ctx, term, other, (places ??= listPlaces(ctx.parsed.fields)));
      else urls.set(url, term);
    }
    checkAllowed(ctx, term);
    checkSpelling(ctx, term);
  }
}

/** Per taxonomy, repeats among a post's term keys and (with `urls`) their URL segments. */
const keyRepeats = new Map<string, TermRepeats>();
const urlRepeats = new Map<string, TermRepeats>();

/** Whether a term repeats the key of an earlier one of its taxonomy, or (with `urls`) its URL segment. */
function anyRepeat(terms: readonly TermOccurrence[], urls: boolean): boolean {
  for (const r of keyRepeats.values()) r.reset();
  for (const r of urlRepeats.values()) r.reset();
  for (const term of terms) {
    if (repeatsOf(keyRepeats, term.taxonomy).next(term.key, term.key) !== undefined) return true;
    if (urls) {
      const url = termUrlSegment(term.key);
      if (repeatsOf(urlRepeats, term.taxonomy).next(url, url) !== undefined) return true;
    }
  }
  return false;
}

function repeatsOf(byTaxonomy: Map<string, TermRepeats>, taxonomy: string): TermRepeats {
  let repeats = byTaxonomy.get(taxonomy);
  if (!repeats) byTaxonomy.set(taxonomy, (repeats = new TermRepeats()));
  return repeats;
}

/**
 * Hugo skips a term that is the empty string (hugolib/content_map_page_assembler.go, where terms
 * are assembled: `if v == "" { continue }`): nothing changes on the site, so it is only tidying
 * up. A term of blank space is not skipped: Hugo makes a term of it.
 */
function reportEmptyTerm(ctx: RuleContext, field: FieldNode, item: ValueNode): void {
  const end = Math.max(item.end, item.start);
  if (item.value === null || item.value === undefined || item.value === '') {
    ctx.report('fm/empty-value', item.start, end, `Empty term in "${field.key}": Hugo skips it`, [], 'info');
  } else ctx.report('fm/empty-value', item.start, end, `Blank term in "${field.key}": Hugo keeps it as a term of blank space`);
}

function checkTermString(ctx: RuleContext, field: FieldNode): void {
  const raw = String(field.value.value);
  // One word is plainly one term; with commas or spaces it was probably meant as several.
  if (!/[\s,]/.test(raw.trim())) return;
  const fixes: QuickFix[] = [];
  const items = splitTerms(raw);
  fixes.push({ title: `Convert "${field.key}" to a list: ${items.map((i) => JSON.stringify(i)).join(', ')}`, edits: [stringToList(ctx.target, field, items)], isPreferred: true });
  if (!raw.includes(',')) {
    const words = raw.split(/\s+/).filter(Boolean);
    fixes.push({ title: `Convert "${field.key}" to a list of its words: ${words.map((w) => JSON.stringify(w)).join(', ')}`, edits: [stringToList(ctx.target, field, words)] });
  }
  // Hugo makes one term of a single string (Hugo 0.111.3: `tags: "docker, swarm"` gives the one
  // term page /tags/docker-swarm/; hugolib/content_map_page_assembler.go takes a string as one value).
  const url = termUrl(ctx.config.taxonomies.includes(field.key.toLowerCase()) ? field.key.toLowerCase() : 'tags', termKey(raw));
  ctx.report('fm/tags-string', field.value.start, field.value.end, `"${field.key}" is one string, not a list: Hugo keeps ${JSON.stringify(raw)} as one term (${url}). Write a list if these are several terms`, fixes);
}

/** Each item of a top-level list: the list and where in it the item sits. */
type ListPlaces = Map<ValueNode, { list: ValueNode; index: number }>;

/**
 * Made once a post repeats a term: looking each repeat up in the lists instead took time in
 * proportion to the list, for every repeat (a post repeating 15,000 of 20,000 tags: seconds).
 */
function listPlaces(fields: readonly FieldNode[]): ListPlaces {
  const places: ListPlaces = new Map();
  for (const f of fields) f.value.items?.forEach((item, index) => places.has(item) || places.set(item, { list: f.value, index }));
  return places;
}

function reportDuplicate(ctx: RuleContext, term: TermOccurrence, first: TermOccurrence, places: ListPlaces): void {
  const place = places.get(term.node);
  const list = place?.list;
  const index = place?.index ?? -1;
  const fixes: QuickFix[] = list && index > 0 ? [{ title: `Remove the repeated term ${JSON.stringify(term.spelling)}`, edits: [removeListItem(ctx.target, list, index)], isPreferred: true }] : [];
  const same = term.spelling === first.spelling ? `"${term.spelling}" is listed twice` : `"${term.spelling}" repeats "${first.spelling}"`;
  ctx.report(
    'fm/duplicate-tag',
    term.node.start,
    term.node.end,
    `${same} (line ${ctx.lineOf(first.node.start)}): ${whyOneTerm(ctx, term, first)}, so they are one term`,
    fixes,
  );
}

/**
 * From Hugo 0.123 `C++` and `c++!` are two terms (keys `c++` and `c++!`: the term path through
 * common/paths/pathparser.go NormalizePathStringBasic, in hugolib/content_map_page_assembler.go
 * sitePagesAssembler.assembleTerms), but both term pages publish at /tags/c++/: the page path is
 * cleaned by resources/page/page_paths.go pagePathBuilder.Sanitize (common/paths/path.go Sanitize
 * drops `!`). Hugo builds both, one file over the other, and says so only with
 * --printPathWarnings (hugolib/hugo_sites_build.go printPathWarningsOnce): a warning, not an error.
 */
function reportSharedUrl(ctx: RuleContext, term: TermOccurrence, first: TermOccurrence, places: ListPlaces): void {
  const place = places.get(term.node);
  const fixes: QuickFix[] =
    place && place.index > 0 ? [{ title: `Remove ${JSON.stringify(term.spelling)}, which shares the page of ${JSON.stringify(first.spelling)}`, edits: [removeListItem(ctx.target, place.list, place.index)], isPreferred: true }] : [];
  ctx.report(
    'fm/duplicate-tag',
    term.node.start,
    term.node.end,
    `"${term.spelling}" and "${first.spelling}" (line ${ctx.lineOf(first.node.start)}) are two ${term.taxonomy} to ${ctx.hugoName}, but both get the page ${termUrl(term.taxonomy, term.key)}: Hugo writes one term page over the other (it warns only with --printPathWarnings)`,
    fixes,
  );
}

/** Why Hugo files two spellings under one term: the same lowercased text, or (up to 0.122) the same URL. */
function whyOneTerm(ctx: RuleContext, term: TermOccurrence, first: TermOccurrence): string {
  const lower = (t: string) => goToLower(t);
  if (lower(term.spelling) === lower(first.spelling)) return `Hugo compares ${term.taxonomy} lowercased`;
  if (ctx.config.hugo.termKeys === 'urlized') return `${ctx.hugoName} files ${term.taxonomy} by their URL (/${term.taxonomy}/${term.key}/)`;
  return `Hugo compares ${term.taxonomy} lowercased, with spaces as "-"`;
}

function checkAllowed(ctx: RuleContext, term: TermOccurrence): void {
  const allowed = ctx.config.allowedTerms[term.taxonomy];
  if (!allowed || !ctx.isEnabled('fm/tag-not-allowed')) return;
  if (allowed.some((a) => termKey(a, ctx.config.hugo.termKeys) === term.key)) return;
  const closest = closestMatch(term.spelling, allowed);
  const fixes: QuickFix[] = closest
    ? [{ title: `Change to the allowed term ${JSON.stringify(closest)}`, edits: [replaceScalar(ctx.target, term.node, { kind: 'string', value: closest })], isPreferred: true }]
    : [];
  const hint = closest ? `: did you mean ${JSON.stringify(closest)}?` : ' (see allowedTags in the settings or .devops-notes.json)';
  ctx.report('fm/tag-not-allowed', term.node.start, term.node.end, `${JSON.stringify(term.spelling)} is not an allowed term for "${term.taxonomy}"${hint}`, fixes);
}

function checkSpelling(ctx: RuleContext, term: TermOccurrence): void {
  const provider = ctx.options.termSpellings;
  if (!provider || !ctx.isEnabled('fm/tag-spelling')) return;
  const problem = spellingProblem(term, provider);
  if (!problem) return;
  ctx.report('fm/tag-spelling', term.node.start, term.node.end, problem.message, [
    { title: `Change to ${JSON.stringify(problem.spelling)}`, edits: [replaceScalar(ctx.target, term.node, { kind: 'string', value: problem.spelling })], isPreferred: true },
  ]);
}

/**
 * Whether a term is spelled against the workspace's habit: another spelling of the same term is
 * used by more posts than this one. Shared with the CLI, which checks spellings after reading all posts.
 */
export function spellingProblem(
  term: { taxonomy: string; spelling: string; key: string },
  provider: TermSpellingProvider,
): { spelling: string; message: string } | undefined {
  const spellings = provider(term.taxonomy, term.key);
  const best = dominantSpelling(spellings);
  if (!best || best.spelling === term.spelling) return undefined;
  const mine = spellings.find((s) => s.spelling === term.spelling)?.count ?? 0;
  if (best.count <= mine) return undefined;
  const posts = `${best.count} ${best.count === 1 ? 'post' : 'posts'}`;
  return {
    spelling: best.spelling,
    message: `${JSON.stringify(term.spelling)} is written ${JSON.stringify(best.spelling)} in ${posts}: Hugo merges them into one term, shown in whichever spelling it meets first`,
  };
}
