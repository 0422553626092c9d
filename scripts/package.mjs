// `npm run package`: a production build, then `vsce package` into devops-notes-<version>.vsix.
//
// vsce lists every file under the project before applying .vscodeignore, and it only skips the
// top-level node_modules while listing; the code-server/VS Code caches in .vscode-test/ and the
// generated benchmark sites hold tens of thousands of files and made packaging take most of a
// minute. So vsce runs on a staging copy without those caches; .vscodeignore (a whitelist)
// still decides what goes in.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
export const vsixPath = path.join(root, `${pkg.name}-${pkg.version}.vsix`);

const SKIP = new Set(['.git', 'node_modules', '.vscode-test', path.join('bench', 'sites')]);

function run(cmd, args, cwd) {
  const res = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (exit ${res.status})`);
}

export function packageExtension() {
  run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], root);
  const stage = mkdtempSync(path.join(tmpdir(), 'dnotes-package-'));
  try {
    cpSync(root, stage, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(root, src);
        return !SKIP.has(rel) && !rel.endsWith('.vsix');
      },
    });
    rmSync(vsixPath, { force: true });
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsixPath], stage);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  if (!existsSync(vsixPath)) throw new Error(`vsce did not write ${vsixPath}`);
  return vsixPath;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    packageExtension();
  } catch (err) {
    console.error(`package: ${err.message}`);
    process.exitCode = 1;
  }
}
