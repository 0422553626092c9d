import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { activation } from './activation';
import { ensureSite, SITES_DIR } from './generate';
import { hostMain } from './host/main';
import { machineInfo, renderNotes, renderTable, type Row } from './report';
import { check, cliProcesses, coldGrowth, coldIndex, incremental, memory, render, responsiveness, termCompletion, type SuiteContext } from './suite';

/**
 * `npm run bench`: every figure of the benchmark issue, each against a baseline measured in the
 * same run, printed as one table and written to bench/results.json.
 * `--integration` runs the integration suite first, so activate() time is from this run.
 * `npm run bench:smoke` (`--smoke`): 1k posts, one pass of every measurement, no verdicts — it
 * proves the harness works; its results go to bench/sites/ (ignored by git).
 * `npm run bench -- --host` measures in the real editor instead (bench/host/main.ts).
 */
async function main(): Promise<number> {
  const smoke = process.argv.includes('--smoke');
  const repoRoot = path.resolve(__dirname, '..');
  const started = performance.now();
  const machine = machineInfo();
  const log = (s: string): void => void process.stderr.write(`${s}\n`);

  const sizes = smoke ? [1000] : [1000, 10000, 50000];
  const sites = new Map<number, string>();
  for (const n of sizes) {
    const t = performance.now();
    const site = ensureSite(n);
    sites.set(n, site.dir);
    log(`site ${n}: ${site.generated ? `generated in ${((performance.now() - t) / 1000).toFixed(1)} s` : 'cached'}`);
  }
  const ctx: SuiteContext = { repoRoot, smoke, sites, runIntegration: process.argv.includes('--integration') };
  const main = smoke ? 1000 : 10000;
  const rows: Row[] = [];
  let failed = 0;
  const step = async (name: string, fn: () => Promise<Row[]>): Promise<void> => {
    const t = performance.now();
    log(`${name} …`);
    try {
      rows.push(...(await fn()));
    } catch (err) {
      failed++;
      const message = err instanceof Error ? err.message : String(err);
      rows.push({ id: name.split(' ')[0], what: name.slice(name.indexOf(' ') + 1), ours: 'ERROR', baseline: '—', ratio: '—', target: '—', verdict: 'ERROR', note: message.split('\n').join(' / ') });
    }
    log(`${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };

  // Activation first: it builds the production bundles the CLI measurement runs.
  await step('5 activation', () => activation(ctx));
  await step(`1 cold index ${main}`, async () => (await coldIndex(ctx, main, smoke ? 1 : 9)).rows);
  await step('1c cold index growth', () => coldGrowth(ctx, smoke ? 1000 : 10000, smoke ? 1000 : 50000, smoke ? 1 : 3));
  await step('2 incremental', () => incremental(ctx, sizes, smoke ? 3 : 24, smoke ? 1 : 3));
  await step('3 check', () => check(ctx, main, smoke ? 1 : 11));
  await step(`9 cli ${main}`, () => cliProcesses(ctx, main, smoke ? 1 : 7));
  await step('4 render', () => render(ctx, smoke ? 1 : 7, smoke ? 3 : 40));
  await step('6 memory', () => memory(ctx, main));
  await step('7 responsiveness', () => responsiveness(ctx, smoke ? 1000 : 50000));
  await step('8 completion', () => termCompletion(ctx, smoke ? 1000 : 50000, smoke ? 21 : 210));

  const table = renderTable(rows);
  const notes = renderNotes(rows);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`\nDevOps Notes benchmarks${smoke ? ' (smoke: 1k posts, no verdicts)' : ''}\n`);
  process.stdout.write(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, node ${machine.node}, ${machine.date}\n\n`);
  process.stdout.write(`${table}\n${notes ? `\n${notes}\n` : ''}\nTotal ${seconds.toFixed(0)} s.\n`);
  const out = smoke ? path.join(SITES_DIR, 'results.smoke.json') : path.join(__dirname, 'results.json');
  const results = { machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) }, smoke, seconds, rows };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`Results: ${path.relative(repoRoot, out)}\n`);
  // As a tier of `npm test` (scripts/test-all.mjs): a measurement that ran and gave numbers passes.
  const measured = rows.filter((r) => r.verdict !== 'ERROR').length;
  const summaryFile = process.env.DEVOPS_NOTES_TIER_SUMMARY;
  if (summaryFile) writeFileSync(summaryFile, `${JSON.stringify({ passed: measured, failed, pending: 0, note: smoke ? 'bench smoke' : 'bench' })}\n`);
  process.stdout.write(`bench: ${measured} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

(process.argv.includes('--host') ? hostMain() : main()).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
