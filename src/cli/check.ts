import { parseFrontMatter } from '../core/frontmatter';
import { decodeUtf8, isValidUtf8, looksBinary, type FileSystem } from '../core/fs';
import { forEachLimited } from '../core/index';
import { LineIndex } from '../core/text/lineIndex';
import {
  spellingProblem,
  termOccurrences,
  TermSpellingCounter,
  validateDocument,
  type FrontMatterDiagnostic,
  type RuleCode,
  type TermSpelling,
  type TermSpellingProvider,
  type ValidationConfig,
} from '../core/validate';
import { choice, parseArgs, type ParsedArgs } from './args';
import { FORMATS, formatReport, type CliProblem, type ReportFormat } from './formats';
import { collectPostFiles, displayPath, SiteResolver, toPosix } from './posts';

export const CHECK_HELP = `Usage: devops-notes check [paths...] [--format text|json|gitlab|sarif]

Checks the front matter of Hugo posts: syntax, required fields, types, dates Hugo
cannot read, duplicate and misspelled keys, taxonomy mistakes, missing images.

Paths are posts or folders (searched for *.md and *.markdown; a site root means its
content/ folder). Without paths: ./content when it exists, else the current folder.
Each post's site root (the nearest folder above it with content/, a Hugo config or
.devops-notes.json) supplies .devops-notes.json and the Hugo taxonomies.

Options:
  --format text     one line per problem and a summary (default)
  --format json     {"problems": [{file, line, column, endLine, endColumn, severity, code, message}], ...}
  --format gitlab   a GitLab Code Quality report (artifacts:reports:codequality)
  --format sarif    SARIF 2.1.0 (GitHub code scanning and other SARIF viewers)
  -h, --help        this help

Lines and columns are 1-based; columns count UTF-16 code units, as editors do;
endColumn is the column just after the last character.

Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 usage error.
`;

/** Files larger than this are reported and skipped: no post is this big, and reading it would stall. */
export const MAX_POST_BYTES = 10 * 1024 * 1024;
/** Files read at once: enough to keep node's I/O threads busy without holding many texts in memory. */
const READ_CONCURRENCY = 32;

interface FileResult {
  file: string;
  problems: CliProblem[];
}

/** A term kept for the spelling check that runs after all posts are read. */
interface PendingTerm {
  result: FileResult;
  config: ValidationConfig;
  taxonomy: string;
  spelling: string;
  key: string;
  range: Pick<CliProblem, 'line' | 'column' | 'endLine' | 'endColumn'>;
}

export async function runCheck(argv: readonly string[], fs: FileSystem, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args: ParsedArgs = parseArgs(argv, { values: ['format'] });
  if (args.flags.has('help')) {
    out(CHECK_HELP);
    return 0;
  }
  const format: ReportFormat = choice(args, 'format', FORMATS, 'text');
  const cwd = toPosix(process.cwd());
  const skippedDuringWalk: string[] = [];
  const files = await collectPostFiles(fs, cwd, args.positionals, (p, reason) => skippedDuringWalk.push(`${displayPath(cwd, p)}: ${reason}`));
  for (const s of skippedDuringWalk) err(`devops-notes: skipped ${s}\n`);
  const sites = new SiteResolver(fs, cwd, (file, line, column, message) => err(`${displayPath(cwd, file)}:${line}:${column}: warning: ${message}\n`));
  const exists = cachedFileExists(fs);
  const counter = new TermSpellingCounter();
  const pending: PendingTerm[] = [];
  const results: FileResult[] = new Array(files.length);

  await forEachLimited(files, READ_CONCURRENCY, async (filePath, i) => {
    const result: FileResult = { file: displayPath(cwd, filePath), problems: [] };
    results[i] = result;
    const siteRoot = await sites.rootOf(filePath);
    const config = await sites.configOf(siteRoot);
    const report = (message: string, line = 1, column = 1) => {
      const severity = config.severities['fm/unreadable'];
      if (severity !== 'off') result.problems.push({ file: result.file, line, column, endLine: line, endColumn: column + 1, severity, code: 'fm/unreadable', message });
    };
    const text = await readPost(fs, filePath, report);
    if (text === undefined) return;
    const parsed = parseFrontMatter(text);
    if (parsed.format === null) return;
    const diagnostics = await validateDocument(text, { parsed, config, filePath, siteRoot, fileExists: exists });
    // Positions only matter inside the front matter for terms; one index serves both.
    const lines = new LineIndex(diagnostics.some((d) => d.start >= parsed.bodyStart) ? text : text.slice(0, parsed.blockEnd));
    for (const d of diagnostics) result.problems.push(toProblem(result.file, d, lines));
    const terms = termOccurrences(parsed.fields, config.taxonomies);
    const byTaxonomy = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const t of terms) {
      byTaxonomy.set(t.taxonomy, [...(byTaxonomy.get(t.taxonomy) ?? []), t.spelling]);
      // A repeated term is fm/duplicate-tag's business; only its first spelling is compared.
      const id = `${t.taxonomy}\u0000${t.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      pending.push({ result, config, taxonomy: t.taxonomy, spelling: t.spelling, key: t.key, range: toRange(lines, t.node.start, t.node.end) });
    }
    for (const [taxonomy, spellings] of byTaxonomy) counter.addPost(taxonomy, spellings);
  });

  // Spellings can only be judged once every post has been counted.
  const spellingsOf = memoizeSpellings(counter);
  for (const term of pending) {
    const severity = term.config.severities['fm/tag-spelling'];
    if (severity === 'off') continue;
    const problem = spellingProblem(term, spellingsOf);
    if (problem) term.result.problems.push({ file: term.result.file, ...term.range, severity, code: 'fm/tag-spelling', message: problem.message });
  }

  const all = results.flatMap((r) => r.problems.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)));
  out(formatReport(format, all, { filesChecked: files.length }));
  return all.some((p) => p.severity === 'error') ? 1 : 0;
}

/** Most posts are smaller than this, so one read gets them whole (no stat, no second read). */
const FIRST_READ_BYTES = 64 * 1024;

/** The text of a post, or undefined after reporting why it cannot be checked. */
async function readPost(fs: FileSystem, filePath: string, report: (message: string, line?: number, column?: number) => void): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    const first = await fs.readPrefix(filePath, FIRST_READ_BYTES);
    bytes = first.bytes;
    if (!first.complete) {
      const size = (await fs.stat(filePath))?.size ?? 0;
      if (size > MAX_POST_BYTES) {
        report(`Skipped: ${(size / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_POST_BYTES / 1024 / 1024} MB a post may be`);
        return undefined;
      }
      bytes = await fs.readFile(filePath);
    }
  } catch (e) {
    report(`Skipped: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return undefined;
  }
  if (looksBinary(bytes)) {
    report('Skipped: binary file (it contains NUL bytes), not a Markdown post');
    return undefined;
  }
  const text = decodeUtf8(bytes);
  if (!isValidUtf8(bytes)) {
    // Checked anyway, but editors and Hugo read these bytes differently: say where the first is.
    const at = new LineIndex(text).positionAt(Math.max(0, text.indexOf('\ufffd')));
    report('Not valid UTF-8: the invalid bytes read as "\ufffd" (save the file as UTF-8)', at.line + 1, at.character + 1);
  }
  return text;
}

/**
 * Whether a file exists, answered from one cached listing per folder: posts share `static/`
 * folders and bundles, so this costs a handful of directory reads instead of a stat per image.
 */
function cachedFileExists(fs: FileSystem): (path: string) => Promise<boolean> {
  const listings = new Map<string, Promise<Set<string>>>();
  return async (p) => {
    const slash = p.lastIndexOf('/');
    const dir = p.slice(0, slash) || '/';
    let listing = listings.get(dir);
    if (!listing) {
      listing = fs.readDirectory(dir).then((entries) => new Set(entries.filter((e) => !e.isDirectory).map((e) => e.name)));
      listings.set(dir, listing);
    }
    return (await listing).has(p.slice(slash + 1));
  };
}

/** The counter's answers, computed once per term (thousands of posts ask about the same tags). */
function memoizeSpellings(counter: TermSpellingCounter): TermSpellingProvider {
  const cache = new Map<string, readonly TermSpelling[]>();
  return (taxonomy, key) => {
    const id = `${taxonomy}\u0000${key}`;
    let v = cache.get(id);
    if (!v) cache.set(id, (v = counter.spellings(taxonomy, key)));
    return v;
  };
}

function toRange(lines: LineIndex, start: number, end: number): Pick<CliProblem, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function toProblem(file: string, d: FrontMatterDiagnostic, lines: LineIndex): CliProblem {
  return { file, ...toRange(lines, d.start, d.end), severity: d.severity, code: d.code as RuleCode, message: d.message };
}
