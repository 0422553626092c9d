import { createHash } from 'node:crypto';
import { RULE_CODES, RULE_INFO, DEFAULT_SEVERITIES, type RuleCode, type Severity } from '../core/validate';
import { VERSION } from '../core/version';

/** One problem as the CLI reports it: 1-based lines and columns (UTF-16), end column exclusive. */
export interface CliProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Exclude<Severity, 'off'>;
  code: RuleCode;
  message: string;
}

export const FORMATS = ['text', 'json', 'gitlab', 'sarif'] as const;
export type ReportFormat = (typeof FORMATS)[number];

const INFORMATION_URI = 'https://github.com/devops-notes/devops-notes';

/** The Hugo version a site was judged by, where it was found, and the site (as displayed). */
export interface JudgedAs {
  site: string;
  version: string;
  source: string;
}

export function formatReport(format: ReportFormat, problems: readonly CliProblem[], meta: { filesChecked: number; hugo?: readonly JudgedAs[] }): string {
  switch (format) {
    case 'text':
      return textReport(problems, meta.filesChecked) + hugoLine(meta.hugo ?? []);
    case 'json':
      return `${JSON.stringify({ ...jsonReport(problems, meta.filesChecked), hugo: meta.hugo ?? [] }, null, 2)}\n`;
    case 'gitlab':
      return `${JSON.stringify(gitlabReport(problems), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(sarifReport(problems), null, 2)}\n`;
  }
}

function counts(problems: readonly CliProblem[]) {
  const c = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const p of problems) c[p.severity]++;
  return c;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function textReport(problems: readonly CliProblem[], filesChecked: number): string {
  const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code} ${p.message}`);
  const c = counts(problems);
  const files = new Set(problems.map((p) => p.file)).size;
  if (problems.length === 0) return `No problems in ${plural(filesChecked, 'file')}.\n`;
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
  if (c.info + c.hint) parts.push(`${c.info + c.hint} info`);
  lines.push('', `${plural(problems.length, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}; ${plural(filesChecked, 'file')} checked.`);
  return `${lines.join('\n')}\n`;
}

/** "Judged as Hugo 0.122.0 (from netlify.toml (HUGO_VERSION))." — one site, or one per site. */
function hugoLine(sites: readonly JudgedAs[]): string {
  if (sites.length === 0) return '';
  if (sites.length === 1) return `Judged as Hugo ${sites[0].version} (${sites[0].source}).\n`;
  return `Judged as ${sites.map((s) => `Hugo ${s.version} for ${s.site} (${s.source})`).join('; ')}.\n`;
}

function jsonReport(problems: readonly CliProblem[], filesChecked: number) {
  const c = counts(problems);
  return {
    tool: 'devops-notes',
    version: VERSION,
    filesChecked,
    errorCount: c.error,
    warningCount: c.warning,
    infoCount: c.info + c.hint,
    problems,
  };
}

/** GitLab Code Quality severities: errors break the Hugo build, warnings do not. */
const GITLAB_SEVERITY: Record<CliProblem['severity'], string> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

/**
 * GitLab's Code Quality report (a subset of the Code Climate format). Fingerprints leave the
 * line out, so a finding keeps its identity when lines above it move; the n-th equal finding
 * in a file gets its own.
 */
function gitlabReport(problems: readonly CliProblem[]) {
  const seen = new Map<string, number>();
  return problems.map((p) => {
    const identity = `${p.file}\u0000${p.code}\u0000${p.message}`;
    const n = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, n);
    return {
      description: p.message,
      check_name: p.code,
      fingerprint: createHash('sha256').update(`${identity}\u0000${n}`).digest('hex').slice(0, 32),
      severity: GITLAB_SEVERITY[p.severity],
      location: { path: p.file, lines: { begin: p.line, end: p.endLine } },
    };
  });
}

const SARIF_LEVEL: Record<CliProblem['severity'], string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 with every rule described, results pointing at file regions relative to the working directory. */
function sarifReport(problems: readonly CliProblem[]) {
  const rules = RULE_CODES.map((id) => ({
    id,
    name: RULE_INFO[id].name,
    shortDescription: { text: RULE_INFO[id].summary },
    helpUri: `${INFORMATION_URI}/blob/main/docs/front-matter.md`,
    defaultConfiguration: { level: DEFAULT_SEVERITIES[id] === 'off' ? 'none' : SARIF_LEVEL[DEFAULT_SEVERITIES[id] as CliProblem['severity']] },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'devops-notes', version: VERSION, informationUri: INFORMATION_URI, rules } },
        columnKind: 'utf16CodeUnits',
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: RULE_CODES.indexOf(p.code),
          level: SARIF_LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: p.file.startsWith('/') ? { uri: `file://${encodeURI(p.file)}` } : { uri: encodeURI(p.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
