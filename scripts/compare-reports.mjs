#!/usr/bin/env node
// Runs `devops-notes check --format json` and `devops-notes tags --json` built from two git refs
// on the same sites and says whether every report is byte-identical. A refactor that must not
// change behaviour (issue 16) is checked with it:
//   node scripts/compare-reports.mjs --base main --head HEAD
// Sites: demo/, every generated site under bench/sites/ (`npm run bench:sites`) and every site
// in ../shared/corpora/; add others with --site DIR (repeatable). Exit 0 when all are identical.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(new URL('..', import.meta.url).pathname);

function parseArgs(argv) {
  const opts = { base: 'main', head: 'HEAD', sites: [], keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--base') opts.base = value();
    else if (arg === '--head') opts.head = value();
    else if (arg === '--site') opts.sites.push(resolve(value()));
    else if (arg === '--keep') opts.keep = true;
    else if (arg === '-h' || arg === '--help') {
      console.log('Usage: node scripts/compare-reports.mjs [--base REF] [--head REF] [--site DIR]... [--keep]');
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  return opts;
}

function defaultSites() {
  const sites = [join(repoRoot, 'demo')];
  const bench = join(repoRoot, 'bench', 'sites');
  if (existsSync(bench)) {
    for (const name of readdirSync(bench).sort()) {
      const dir = join(bench, name);
      if (statSync(dir).isDirectory() && existsSync(join(dir, 'content'))) sites.push(dir);
    }
  }
  const corpora = resolve(repoRoot, '..', 'shared', 'corpora');
  if (existsSync(corpora)) {
    for (const name of readdirSync(corpora).sort()) {
      const dir = join(corpora, name);
      if (statSync(dir).isDirectory()) sites.push(dir);
    }
  }
  return sites;
}

/** Exports `ref` into a scratch folder and builds its CLI there with this checkout's packages. */
function buildRef(ref, scratch) {
  const commit = execFileSync('git', ['-C', repoRoot, 'rev-parse', '--verify', `${ref}^{commit}`], { encoding: 'utf8' }).trim();
  const dir = join(scratch, commit.slice(0, 12));
  if (existsSync(join(dir, 'dist', 'cli.js'))) return { ref, commit, dir };
  execFileSync('mkdir', ['-p', dir]);
  execFileSync('sh', ['-c', `git -C "$1" archive "$2" | tar -x -C "$3"`, 'sh', repoRoot, commit, dir]);
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'inherit' });
  return { ref, commit, dir };
}

function run(build, args, cwd) {
  const res = spawnSync(process.execPath, [join(build.dir, 'dist', 'cli.js'), ...args], {
    cwd,
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: res.status, stdout: res.stdout ?? Buffer.alloc(0), stderr: String(res.stderr ?? '') };
}

function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const scratch = mkdtempSync(join(tmpdir(), 'devops-notes-compare-'));
  let differing = 0;
  try {
    const base = buildRef(opts.base, scratch);
    const head = buildRef(opts.head, scratch);
    console.log(`base ${opts.base} (${base.commit.slice(0, 12)}) vs head ${opts.head} (${head.commit.slice(0, 12)})`);
    const sites = opts.sites.length ? opts.sites : defaultSites();
    const commands = [
      ['check', '--format', 'json'],
      ['tags', '--json'],
    ];
    for (const site of sites) {
      for (const command of commands) {
        // Run from the site's folder, so reports name files the same way for both builds.
        const a = run(base, command, site);
        const b = run(head, command, site);
        const offset = firstDifference(a.stdout, b.stdout);
        const same = offset === -1 && a.status === b.status;
        if (!same) differing++;
        const label = `${command[0].padEnd(5)} ${site.startsWith(repoRoot) ? site.slice(repoRoot.length + 1) : site}`;
        const size = `${a.stdout.length} bytes`;
        if (same) console.log(`identical  ${label} (${size}, exit ${a.status})`);
        else {
          const detail = offset === -1 ? `exit ${a.status} vs ${b.status}` : `first difference at byte ${offset} (${a.stdout.length} vs ${b.stdout.length} bytes)`;
          console.log(`DIFFERENT  ${label}: ${detail}`);
          if (offset >= 0) {
            const from = Math.max(0, offset - 80);
            console.log(`  base: ${JSON.stringify(a.stdout.subarray(from, offset + 80).toString('utf8'))}`);
            console.log(`  head: ${JSON.stringify(b.stdout.subarray(from, offset + 80).toString('utf8'))}`);
          }
          if (a.stderr !== b.stderr) console.log(`  stderr differs:\n  base: ${a.stderr.slice(0, 300)}\n  head: ${b.stderr.slice(0, 300)}`);
        }
      }
    }
    console.log(differing === 0 ? 'all reports identical' : `${differing} report(s) differ`);
  } finally {
    if (opts.keep) console.log(`builds kept in ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  process.exit(differing === 0 ? 0 : 1);
}

main();
