import type { FileSystem } from '../core/fs';
import { displaySpelling, indexFiles, PostIndex, type TermInfo } from '../core/index';
import { parseArgs } from './args';
import { collectPostFiles, displayPath, SiteResolver, toPosix } from './posts';

export const TAGS_HELP = `Usage: devops-notes tags [paths...] [--json]

Lists each taxonomy's terms with the number of posts using them and those posts.
Terms are merged the way Hugo merges them (lowercased, spaces as "-"), and every
spelling seen is shown with its count, so "Kubernetes" and "kubernetes" appear as
one term with two spellings. Taxonomies: tags and categories, or those of the
site's Hugo config, plus any in .devops-notes.json.

Paths work as for "devops-notes check" (default: the current folder's content folders).

Options:
  --json       machine-readable output:
               {"taxonomies": [{"taxonomy", "terms": [{"key", "name", "count", "spellings", "files"}], "untagged"}]}
  -h, --help   this help
`;

interface TermReport {
  key: string;
  /** The spelling most posts use. */
  name: string;
  count: number;
  spellings: Record<string, number>;
  files: string[];
}

export async function runTags(argv: readonly string[], fs: FileSystem, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, { switches: ['json'] });
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
  for (const root of new Set(await Promise.all(files.map((f) => sites.rootOf(f))))) {
    for (const t of (await sites.configOf(root)).taxonomies) taxonomies.add(t);
  }
  if (taxonomies.size === 0) ['tags', 'categories'].forEach((t) => taxonomies.add(t));
  const index = new PostIndex([...taxonomies]);
  await indexFiles(fs, index, files, { onSkip });

  const report = index.taxonomies.map((taxonomy) => ({
    taxonomy,
    terms: [...index.terms(taxonomy)].map((t) => termReport(t, cwd)).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)),
    untagged: [...index.postsWithout(taxonomy)].map((p) => displayPath(cwd, p)).sort(),
  }));
  if (args.flags.has('json')) {
    out(`${JSON.stringify({ posts: index.size, taxonomies: report }, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const t of report) {
    lines.push(`${t.taxonomy}: ${t.terms.length} ${t.terms.length === 1 ? 'term' : 'terms'} (${t.untagged.length} of ${index.size} posts have none)`);
    for (const term of t.terms) {
      const spellings = Object.entries(term.spellings);
      const note = spellings.length > 1 ? `  spelled ${spellings.map(([s, n]) => `"${s}" ×${n}`).join(', ')}` : '';
      lines.push(`  ${term.name}  ${term.count} ${term.count === 1 ? 'post' : 'posts'}${note}`);
      for (const f of term.files) lines.push(`    ${f}`);
    }
    lines.push('');
  }
  out(lines.join('\n'));
  return 0;
}

function termReport(term: TermInfo, cwd: string): TermReport {
  const spellings = [...term.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    key: term.key,
    name: displaySpelling(term),
    count: term.postCount,
    spellings: Object.fromEntries(spellings),
    files: [...term.posts].map((p) => displayPath(cwd, p)).sort(),
  };
}
