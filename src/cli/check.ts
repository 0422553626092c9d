import { availableParallelism, loadavg } from 'node:os';
import type { FileSystem } from '../core/fs';
import { SpellingPass, type ValidationConfig } from '../core/validate';
import type { SitePages } from '../core/site/pages';
import { configForPage } from '../core/validate/pageConfig';
import { choice, parseArgs, UsageError, type ParsedArgs } from './args';
import type { CheckedTerm, CheckJob } from './checkFile';
import { CheckThreads } from '../threads/checkThreads';
import { FORMATS, formatReport, type JudgedAs, type ReportFormat } from './formats';
import { collectPostFiles, displayPath, rememberingListings, SiteResolver, toPosix } from './posts';

export const CHECK_HELP = `Usage: devops-notes check [paths...] [--format text|json|gitlab|sarif]

Checks the front matter of Hugo posts: syntax, required fields, types, dates Hugo
cannot read, duplicate and misspelled keys, taxonomy mistakes, missing images.

Paths are posts or folders (searched for *.md and *.markdown). A site root means
its content folders (contentDir or content mounts in its Hugo config, else
content/). Without paths: the current folder, read the same way.
Each post's site root (the nearest folder above it with content/, a Hugo config or
.devops-notes.json) supplies .devops-notes.json and the Hugo taxonomies.
Posts are judged as the site's Hugo version judges them: the version its build
pins (netlify.toml, GitHub workflows, .gitlab-ci.yml, package.json, .tool-versions,
mise, module.hugoVersion.min), or "hugo": {"version": ...} in .devops-notes.json;
the newest Hugo otherwise. The last line of the text report names it.

Options:
  --format text     one line per problem and a summary (default)
  --format json     {"problems": [{file, line, column, endLine, endColumn, severity, code, message}], ...}
  --format gitlab   a GitLab Code Quality report (artifacts:reports:codequality)
  --format sarif    SARIF 2.1.0 (GitHub code scanning and other SARIF viewers)
  --jobs <n>        threads for big sites (default: half the idle CPUs; 1: one
                    thread, with another reading files ahead of it)
  -h, --help        this help

Lines and columns are 1-based; columns count UTF-16 code units, as editors do;
endColumn is the column just after the last character.

Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 usage error.
`;

/** Threads for a check: about one per two CPUs nobody else is using (src/threads/README.md). */
function defaultThreads(): number {
  const idle = Math.floor(availableParallelism() - loadavg()[0]);
  return Math.max(1, Math.ceil(idle / 2));
}

export async function runCheck(argv: readonly string[], fs: FileSystem, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args: ParsedArgs = parseArgs(argv, { values: ['format', 'jobs'] });
  if (args.flags.has('help')) {
    out(CHECK_HELP);
    return 0;
  }
  const format: ReportFormat = choice(args, 'format', FORMATS, 'text');
  const jobsFlag = args.flags.get('jobs');
  const threads = jobsFlag === undefined ? undefined : Number(jobsFlag);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new UsageError('--jobs must be a whole number of at least 1');
  const cwd = toPosix(process.cwd());
  // Threads start while the folders are walked, unless the paths are a few files.
  const fewFiles = args.positionals.length > 0 && args.positionals.length < 300 && args.positionals.every((p) => /\.(md|markdown)$/i.test(p));
  const pool = new CheckThreads(fewFiles ? 1 : (threads ?? defaultThreads()), !fewFiles);
  const skippedDuringWalk: string[] = [];
  const listed = rememberingListings(fs);
  let files: string[];
  try {
    files = await collectPostFiles(listed, cwd, args.positionals, (p, reason) => skippedDuringWalk.push(`${displayPath(cwd, p)}: ${reason}`));
  } catch (e) {
    pool.close();
    throw e;
  }
  for (const s of skippedDuringWalk) err(`devops-notes: skipped ${s}\n`);
  const sites = new SiteResolver(listed, cwd, (file, line, column, message) => err(`${displayPath(cwd, file)}:${line}:${column}: warning: ${message}\n`));
  // Posts share folders, and folders share sites: each folder's site root is looked for once
  // (in the listings the walk made), all at the same time; each site's configuration is read
  // once, in the order met.
  const folderOf = (filePath: string) => filePath.slice(0, filePath.lastIndexOf('/'));
  const rootsByFolder = new Map<string, Promise<string>>();
  for (const filePath of files) {
    const folder = folderOf(filePath);
    if (rootsByFolder.has(folder)) continue;
    const root = sites.rootOf(filePath);
    // A failure is thrown where the root is awaited, below; not reported as unhandled meanwhile.
    root.catch(() => {});
    rootsByFolder.set(folder, root);
  }
  const siteByFolder = new Map<string, { siteRoot: string; config: ValidationConfig; pages: SitePages }>();
  for (const [folder, root] of rootsByFolder) {
    const siteRoot = await root;
    siteByFolder.set(folder, { siteRoot, config: await sites.configOf(siteRoot), pages: await sites.pagesOf(siteRoot) });
  }
  listed.forget();
  // Files named on the command line are checked whatever they are; a walk keeps Hugo's pages only
  // (not a leaf bundle's other Markdown files, its resources).
  const named = new Set(args.positionals.map(toPosix));
  const jobs: CheckJob[] = [];
  for (const filePath of files) {
    const { siteRoot, config, pages } = siteByFolder.get(folderOf(filePath))!;
    const info = pages.pageInfo(filePath);
    if (info.role === 'resource' && !named.has(filePath)) continue;
    jobs.push({ filePath, display: displayPath(cwd, filePath), siteRoot, config: configForPage(config, pages, info) });
  }
  // Spellings can only be judged once every post has been counted; counting goes on as outcomes arrive.
  // Where each judged term is written is kept in numbers (no object per term: a big check judges 100k).
  const spellings = new SpellingPass<number>();
  const places = new TermPlaces(jobs.length * 16);
  const outcomes = await pool.check(jobs, (outcome, i) => {
    spellings.addPost(outcome.terms, outcome.spellingSeverity !== 'off', (term) => places.add(i, term));
    outcome.terms = [];
  });
  for (const { ref, message } of spellings.problems()) {
    const i = places.post(ref);
    const { problems, spellingSeverity: severity } = outcomes[i];
    if (severity === 'off') continue;
    problems.push({ file: jobs[i].display, ...places.range(ref), severity, code: 'fm/tag-spelling', message });
  }

  const all = outcomes.flatMap((o) => o.problems.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)));
  // Which Hugo each site was judged as, and why: versions change what is an error.
  const judged = new Map<string, JudgedAs>();
  for (const { siteRoot, config } of siteByFolder.values()) {
    if (!judged.has(siteRoot)) judged.set(siteRoot, { site: siteRoot === cwd ? '.' : displayPath(cwd, siteRoot), version: config.hugo.version, source: config.hugo.source });
  }
  out(formatReport(format, all, { filesChecked: jobs.length, hugo: [...judged.values()].sort((a, b) => (a.site < b.site ? -1 : 1)) }));
  return all.some((p) => p.severity === 'error') ? 1 : 0;
}

/** Posts and ranges of terms, five numbers each in one growing array. */
class TermPlaces {
  private data: Int32Array;
  private size = 0;

  /** @param terms how many to make room for at first (it grows past that, but seldom should). */
  constructor(terms: number) {
    this.data = new Int32Array(5 * Math.max(1024, terms));
  }

  /** Keeps where a term of post `post` is written; returns its number. */
  add(post: number, t: CheckedTerm): number {
    if (this.size + 5 > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const at = this.size;
    this.data[at] = post;
    this.data[at + 1] = t.line;
    this.data[at + 2] = t.column;
    this.data[at + 3] = t.endLine;
    this.data[at + 4] = t.endColumn;
    this.size += 5;
    return at / 5;
  }

  post(n: number): number {
    return this.data[n * 5];
  }

  range(n: number): Pick<CheckedTerm, 'line' | 'column' | 'endLine' | 'endColumn'> {
    const d = this.data;
    const at = n * 5;
    return { line: d[at + 1], column: d[at + 2], endLine: d[at + 3], endColumn: d[at + 4] };
  }
}
