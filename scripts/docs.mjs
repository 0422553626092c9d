// `npm run docs`: regenerates the README's command and settings tables from package.json
// (see scripts/readmeTables.ts). `--check` only reports whether they are stale (exit 1).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const { syncReadme } = await tsImport('./readmeTables.ts', import.meta.url);
const readmePath = path.join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const next = syncReadme(readme, manifest);

if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md command/settings tables are out of date: run npm run docs');
    process.exitCode = 1;
  } else {
    console.log('README.md tables are up to date');
  }
} else if (next === readme) {
  console.log('README.md tables are already up to date');
} else {
  writeFileSync(readmePath, next);
  console.log('README.md: updated the command and settings tables');
}
