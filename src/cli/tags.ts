import type { FileSystem } from '../core/fs';
import { displaySpelling, indexFiles, PostIndex, type TermInfo } from '../core/index';
import { termUrl } from '../core/tags/termKey';
import { termPagesDisabledBy } from '../core/site';
import type { ValidationConfig } from '../core/validate';
import { indexThreadsFor } from '../threads/indexThreads';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { parseArgs, UsageError } from './args';
import { collectPostFiles, displayPath, SiteResolver, toPosix } from './posts';

export const TAGS_HELP = `Usage: devops-notes tags [paths...] [--json | --json=summary]

Lists each taxonomy's terms with the number of posts using them and those posts.
Terms are merged the way the site's Hugo version merges them (from Hugo 0.123
lowercased with spaces as "-"; up to 0.122 by their URL, so "C++" and "c++!" are one),
and every spelling seen is shown with its count, so "Kubernetes" and "kubernetes"
appear as one term with two spellings. Terms that are distinct but get one page URL
are flagged. Taxonomies: tags and categories, or those of the site's Hugo config,
plus any in .devops-notes.json. The Hugo version is found as for "devops-notes check".

Paths work as for "devops-notes check" (default: the current folder's content folders).

Options:
  --json       machine-readable output:
               {"hugo", "termPages", "taxonomies": [{"taxonomy", "terms": [{"key", "name", "count",
                "spellings", "files", "sharesUrlWith"?}], "untagged"}]}
  --json=summary
               the same without the posts' paths, on one line (on a 10k-post site
               67 KB instead of 6.3 MB):
               each term has no "files", and each taxonomy has "untaggedCount"
               (a number) instead of "untagged"
  -h, --help   this help
`;

interface TermReport {
  key: string;
  /** The spelling most posts use. */
  name: string;
  count: number;
  spellings: Record<string, number>;
  /** Left out of `--json=summary`. */
  files?: string[];
  /** Other terms published at the same URL (Hugo 0.123+: one page overwrites the other). */
  sharesUrlWith?: string[];
}

export async function runTags(argv: readonly string[], fs: FileSystem, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, { optional: ['json'] });
  const json = args.flags.get('json');
  if (json !== undefined && json !== true && json !== 'summary') throw new UsageError(`--json takes no value or "summary", not "${json}"`);
  const summary = json === 'summary';
  if (args.flags.has('help')) {
    out(TAGS_HELP);
    return 0;
  }
  const cwd = toPosix(process.cwd());
  const onSkip = (p: string, reason: string) => err(`devops-notes: skipped ${displayPath(cwd, p)}: ${reason}\n`);
  const files = await collectPostFiles(fs, cwd, args.positionals, onSkip);
  const sites = new SiteResolver(fs, cwd, () => undefined);
  // One taxonomy list for the whole run: the union over the sites the posts belong to.
  const taxonomies = new Set<string>();
  // One Hugo version for the run too: the first site's (terms merge by it).
  let first: ValidationConfig | undefined;
  for (const root of new Set(await Promise.all(files.map((f) => sites.rootOf(f))))) {
    const config = await sites.configOf(root);
    first ??= config;
    for (const t of config.taxonomies) taxonomies.add(t);
  }
  if (taxonomies.size === 0) ['tags', 'categories'].forEach((t) => taxonomies.add(t));
  const hugo = first?.hugo;
  const index = new PostIndex([...taxonomies], hugo);
  // Built, the CLI reads posts as the extension does: on two cores a thread reads their first
  // bytes with blocking reads while this one parses (src/threads/indexThreads.ts).
  await indexFiles(fs, index, files, { onSkip, bulkReader: fs === nodeFileSystem ? cliIndexThreads() : undefined });
  const noTermPages = first ? termPagesDisabledBy(first.disableKinds, first.hugo.version) : undefined;

  const listed = summary ? undefined : new DisplayOrder(cwd, index.paths());
  const report = index.taxonomies.map((taxonomy) => {
    const shared = new Map<string, string[]>();
    for (const terms of index.urlCollisions(taxonomy).values()) for (const t of terms) shared.set(t.key, terms.filter((o) => o !== t).map(displaySpelling));
    return {
      taxonomy,
      // The summary never asks a term for its posts: the index then never gathers their paths.
      terms: [...index.terms(taxonomy)].map((t) => termReport(t, shared.get(t.key), listed)).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)),
      untagged: listed ? listed.sorted(index.postsWithout(taxonomy)) : [],
      untaggedCount: summary ? index.postsWithout(taxonomy).size : 0,
    };
  });
  if (json !== undefined) {
    const judged = hugo ? { version: hugo.version, source: hugo.source } : undefined;
    // The full shape is unchanged (pretty-printed, every path); the summary is one line.
    const taxonomies = summary ? report.map((t) => ({ taxonomy: t.taxonomy, terms: t.terms, untaggedCount: t.untaggedCount })) : report.map((t) => ({ taxonomy: t.taxonomy, terms: t.terms, untagged: t.untagged }));
    out(`${summary ? JSON.stringify({ posts: index.size, hugo: judged, termPages: !noTermPages, taxonomies }) : JSON.stringify({ posts: index.size, hugo: judged, termPages: !noTermPages, taxonomies }, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  if (hugo) lines.push(`Terms merged as Hugo ${hugo.version} merges them (${hugo.source}).`);
  if (noTermPages) lines.push(`This site builds no term pages: disableKinds = [${noTermPages.map((k) => JSON.stringify(k)).join(', ')}] (Hugo collects no terms).`);
  if (lines.length) lines.push('');
  for (const t of report) {
    lines.push(`${t.taxonomy}: ${t.terms.length} ${t.terms.length === 1 ? 'term' : 'terms'} (${t.untagged.length} of ${index.size} posts have none)`);
    for (const term of t.terms) {
      const spellings = Object.entries(term.spellings);
      const note = spellings.length > 1 ? `  spelled ${spellings.map(([s, n]) => `"${s}" ×${n}`).join(', ')}` : '';
      lines.push(`  ${term.name}  ${term.count} ${term.count === 1 ? 'post' : 'posts'}${note}`);
      if (term.sharesUrlWith) lines.push(`    ! shares the page ${termUrl(t.taxonomy, term.key)} with ${term.sharesUrlWith.map((s) => JSON.stringify(s)).join(', ')}: two terms to Hugo, one page overwrites the other`);
      for (const f of term.files ?? []) lines.push(`    ${f}`);
    }
    lines.push('');
  }
  out(lines.join('\n'));
  return 0;
}

/**
 * The posts' display paths in sorted order, each made once: a term's posts are then sorted as
 * numbers. On 10k posts with ~100k (term, post) pairs that is 10k paths made and sorted instead
 * of 100k; the order is the same, the display paths being distinct.
 */
class DisplayOrder {
  private readonly rank = new Map<string, number>();
  private readonly display: string[];

  constructor(cwd: string, paths: Iterable<string>) {
    const all = [...paths].map((p) => [p, displayPath(cwd, p)] as const).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    this.display = all.map((e) => e[1]);
    all.forEach(([p], i) => this.rank.set(p, i));
  }

  sorted(paths: Iterable<string>): string[] {
    const ranks: number[] = [];
    for (const p of paths) ranks.push(this.rank.get(p)!);
    return Int32Array.from(ranks)
      .sort()
      .reduce<string[]>((out, r) => (out.push(this.display[r]), out), []);
  }
}

function termReport(term: TermInfo, sharesUrlWith: string[] | undefined, listed: DisplayOrder | undefined): TermReport {
  const spellings = [...term.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const report: TermReport = {
    key: term.key,
    name: displaySpelling(term),
    count: term.postCount,
    spellings: Object.fromEntries(spellings),
  };
  if (listed) report.files = listed.sorted(term.posts);
  if (sharesUrlWith) report.sharesUrlWith = sharesUrlWith;
  return report;
}

/** The index threads of the built CLI (dist/ holds their workers); none when run from source. */
function cliIndexThreads(): ReturnType<typeof indexThreadsFor> {
  return __filename.endsWith('.js') ? indexThreadsFor(__dirname) : undefined;
}
