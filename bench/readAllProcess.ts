import { READ_ALL_VARIANTS, readEveryPostWhole, type ReadAllVariant } from './baselines/readAll';

/**
 * The whole-process floor for the CLI rows: a node process that finds every post under a folder
 * and reads it whole, one of the ways of baselines/readAll.ts, then exits. Bundled on its own
 * (bench/sites/readAll.cjs, a few KB) so its start-up is node's, not a bundle's.
 * Usage: node readAll.cjs <sync|async|threads> <root>
 */
const [variant, root] = process.argv.slice(2);
if (!READ_ALL_VARIANTS.includes(variant as ReadAllVariant) || !root) {
  process.stderr.write(`usage: readAll.cjs <${READ_ALL_VARIANTS.join('|')}> <root>\n`);
  process.exit(2);
}
readEveryPostWhole(root, variant as ReadAllVariant).then(
  (r) => process.stdout.write(`${r.files} ${r.bytes}\n`),
  (e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  },
);
