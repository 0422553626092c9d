import * as os from 'node:os';

/** Whether a figure meets its target. `smoke` runs make no claims; `info` rows have no target. */
export type Verdict = 'MET' | 'NOT MET' | 'info' | 'smoke' | 'not measured' | 'ERROR';

/** One line of the results table. */
export interface Row {
  id: string;
  what: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  verdict: Verdict;
  /** Raw numbers behind the row, for results.json. */
  data?: Record<string, unknown>;
  note?: string;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  platform: string;
  date: string;
  loadAverageAtStart: number[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function verdict(met: boolean, smoke: boolean): Verdict {
  if (smoke) return 'smoke';
  return met ? 'MET' : 'NOT MET';
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

/** A plain-text table (also valid Markdown) of every row. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['#', 'Measurement', 'Ours (median)', 'Baseline (median)', 'Ratio', 'Target', 'Result'];
  const cells = rows.map((r) => [r.id, r.what, r.ours, r.baseline, r.ratio, r.target, r.verdict]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]): string => `| ${c.map((x, i) => pad(x, widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** Notes under the table: errors and caveats, one line each. */
export function renderNotes(rows: readonly Row[]): string {
  return rows
    .filter((r) => r.note)
    .map((r) => `- ${r.id}: ${r.note}`)
    .join('\n');
}
