// The system programs the code-server install needs, checked before anything slow starts.
// As root on Debian they are installed with apt-get; otherwise one line says what to run.
//   rg       VS Code's ripgrep package would download a binary otherwise (no network here)
//   make, g++, python3   node-gyp builds code-server's native modules (terminal, logging, watchdog)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Program on PATH -> the Debian package that provides it. */
export const CODE_SERVER_PROGRAMS = { rg: 'ripgrep', make: 'make', 'g++': 'g++', python3: 'python3' };

export function findOnPath(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, cmd);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The Debian packages whose programs are missing from PATH. */
export function missingPackages(programs = CODE_SERVER_PROGRAMS) {
  return [...new Set(Object.entries(programs).filter(([cmd]) => !findOnPath(cmd)).map(([, pkg]) => pkg))];
}

/** The one command a user runs to install `packages`. */
export function installCommand(packages, { root = process.getuid?.() === 0 } = {}) {
  return `${root ? '' : 'sudo '}apt-get install -y ${packages.join(' ')}`;
}

/**
 * Makes sure every program is on PATH. Installs the missing ones with apt-get when running as
 * root on a machine that has it; otherwise throws an error whose message is the one command to run.
 */
export function ensurePrograms({ programs = CODE_SERVER_PROGRAMS, log = console.log } = {}) {
  const missing = missingPackages(programs);
  if (!missing.length) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !findOnPath('apt-get')) {
    throw new Error(`missing system packages (${missing.join(', ')}): run \`${installCommand(missing)}\` and try again`);
  }
  log(`installing missing Debian packages as root: ${installCommand(missing, { root: true })}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  // A fresh machine's package lists may be empty or stale: update once, only if the first try fails.
  const ok = apt(['install', '-y', '--no-install-recommends', ...missing])
    || (apt(['update']) && apt(['install', '-y', '--no-install-recommends', ...missing]));
  const still = missingPackages(programs);
  if (!ok || still.length) {
    throw new Error(`apt-get could not install ${still.join(', ') || missing.join(', ')}: run \`${installCommand(missing)}\` by hand and try again`);
  }
}
