/**
 * `npm run fuzz`: the unit tier's properties with many more cases.
 *   DEVOPS_NOTES_FUZZ_RUNS  cases per property before cost scaling (default 20000)
 *   DEVOPS_NOTES_FUZZ_SEED  seed, to replay a failure (default: random, printed)
 *   DEVOPS_NOTES_FUZZ_ONLY  run only properties whose name contains this text
 * Prints the cases per property and the total; exits 1 on any failure.
 */
import { allProperties } from './all';
import { checkProperty, runsFor } from './runner';

async function main(): Promise<number> {
  const budget = Number(process.env.DEVOPS_NOTES_FUZZ_RUNS) || 20_000;
  const seed = Number(process.env.DEVOPS_NOTES_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
  const only = process.env.DEVOPS_NOTES_FUZZ_ONLY;
  const properties = allProperties().filter((p) => !only || p.name.includes(only));
  process.stdout.write(`fuzz: ${properties.length} properties, budget ${budget} cases each, seed ${seed}\n`);
  let total = 0;
  let failures = 0;
  for (const p of properties) {
    const started = Date.now();
    const result = await checkProperty(p, runsFor(p, budget), seed);
    total += result.numRuns;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`${result.failure ? 'FAIL' : 'ok  '} ${String(result.numRuns).padStart(7)} cases ${seconds.padStart(6)} s  ${p.name}\n`);
    if (result.failure) {
      failures++;
      process.stdout.write(`${result.failure}\n\n`);
    }
  }
  process.stdout.write(`fuzz: ${total} cases in total, ${failures} failing ${failures === 1 ? 'property' : 'properties'}\n`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`fuzz: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
