// A web-only copy of the extension for scenarios that run in the browser's web worker extension
// host: package.json without "main", so code-server cannot pick its Node extension host and runs
// the "browser" entry (dist/web/extension.js) in a web worker, where there is no Node.js.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Files the web entry needs at run time (the manifest's contributions and the preview's assets). */
const FILES = ['dist/web/extension.js', 'dist/preview.js', 'media', 'snippets', 'syntaxes', 'schemas', 'README.md', 'CHANGELOG.md', 'LICENSE'];

/** Writes the copy into `dir` (from a built repository at `repoRoot`); returns `dir`. */
export function writeWebOnlyExtension(repoRoot, dir) {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  if (!pkg.browser) throw new Error('package.json has no "browser" entry');
  delete pkg.main;
  mkdirSync(dir, { recursive: true });
  for (const f of FILES) {
    const from = path.join(repoRoot, f);
    if (existsSync(from)) cpSync(from, path.join(dir, f), { recursive: true });
  }
  if (!existsSync(path.join(dir, pkg.browser))) throw new Error(`${pkg.browser} was not built`);
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return dir;
}
