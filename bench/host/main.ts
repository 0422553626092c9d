import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_TAXONOMIES, displaySpelling, findPostFiles, indexFiles, PostIndex } from '../../src/core/index';
import { computeFileTermEdits } from '../../src/core/tags/fileTermEdits';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { ensureSite, SITES_DIR } from '../generate';
import { runWorker } from '../lib/child';
import { machineInfo, renderNotes, renderTable } from '../report';
import { memory } from '../suite';
import { subjects } from '../subjects';
import type { HostBenchOptions } from './hostBench.mjs';
import { hostRows, hostSelection } from './rows';

/**
 * `npm run bench -- --host`: the extension in the real editor (code-server driven by
 * playwright-core, bench/host/hostBench.mjs) on the 10k bench site, against VS Code's own features
 * in a window without the extension, each round one window of each; rows H1–H7 to stdout and
 * bench/results.host.json. `--smoke`: the 1k site, one round, no verdicts (results under
 * bench/sites/). `--rounds=N` overrides the number of rounds (3). `--only=H5,H7`: only those rows and
 * the steps they need (results under bench/sites/, never bench/results.host.json). `--profile`:
 * CPU profiles of the extension host and traces of the page around the timed steps, under
 * bench/sites/host-profiles/ (see bench/host/profile.mjs).
 */
export async function hostMain(): Promise<number> {
  const smoke = process.argv.includes('--smoke');
  const roundsArg = process.argv.find((a) => a.startsWith('--rounds='));
  const rounds = roundsArg ? Math.max(1, Number(roundsArg.slice('--rounds='.length)) || 1) : smoke ? 1 : 3;
  const repoRoot = path.resolve(__dirname, '..', '..');
  const started = performance.now();
  const machine = machineInfo();
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  const posts = smoke ? 1000 : 10000;
  const only = hostSelection(process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length));
  const wants = (step: string): boolean => !only || (only.steps as readonly string[]).includes(step);
  const profileDir = process.argv.includes('--profile') ? path.join(SITES_DIR, 'host-profiles', new Date().toISOString().replace(/[:.]/g, '-')) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  if (only) log(`only ${only.rows.join(', ')}: steps ${['ready', ...only.steps].join(', ')}`);

  const site = ensureSite(posts);
  const warm = ensureSite(1000);
  log(`site ${posts}: ${site.generated ? 'generated' : 'cached'}`);
  // The production bundles, as a user installs them (the e2e tier runs the development build).
  execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: repoRoot, stdio: 'pipe' });
  // Row 6 of `npm run bench`, in the same run: the retained heap of the built index.
  let retainedMB = NaN;
  if (wants('retained')) {
    const [retained] = await memory({ repoRoot, smoke, runIntegration: false, sites: new Map([[posts, site.dir], [1000, warm.dir]]) }, posts);
    retainedMB = Number((retained.data as { retainedMB: number }).retainedMB);
    log(`retained index: ${retainedMB.toFixed(1)} MB`);
  }
  const term = await renameTarget(site.dir, Math.round((663 * posts) / 10000));
  log(`rename: tag "${term.display}" on ${term.posts.length + term.skipped.length} posts, ${term.posts.length} edited (${term.occurrences} lines; ${term.exclude.length} other post(s) the search matches are excluded from it)`);

  const { runHostBench } = await import('./hostBench.mjs');
  const options: HostBenchOptions = {
    repoRoot,
    rounds,
    refreshes: smoke ? 1 : 3,
    keys: smoke ? ['a', 'b'] : ['a', 'b', 'c', 'd', 'e'],
    // `--squiggles=N`: more timed keys per window, for profiling or a quick look at H5.
    squiggles: Number(process.argv.find((a) => a.startsWith('--squiggles='))?.slice('--squiggles='.length)) || (smoke ? 1 : 3),
    site: { dir: site.dir, posts },
    term,
    post: typingPost(site.dir, new Set(term.posts)),
    json: { path: 'hostbench.json', text: '{\n  "name": "host bench",\n  "count": 1\n}\n', breakLine: 3, breakKey: ',' },
    benchIndex: (dir) => runWorker('cold-ours', { root: dir, concurrency: subjects.readConcurrency }),
    log,
    steps: only?.steps,
    profileDir,
  };
  const { windows } = await runHostBench(options);
  const rows = hostRows(windows, { smoke, retainedMB, term }).filter((r) => !only || only.rows.includes(r.id));

  const seconds = (performance.now() - started) / 1000;
  const loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  process.stdout.write(`\nDevOps Notes in the real editor (code-server)${smoke ? ' (smoke: 1k posts, one round, no verdicts)' : ''}${only ? ` (only ${only.rows.join(', ')})` : ''}\n`);
  process.stdout.write(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, node ${machine.node}, ${machine.date}; load average ${machine.loadAverageAtStart.join(' ')} at the start, ${loadAverageAtEnd.join(' ')} at the end\n\n`);
  const notes = renderNotes(rows);
  process.stdout.write(`${renderTable(rows)}\n${notes ? `\n${notes}\n` : ''}\nTotal ${seconds.toFixed(0)} s.\n`);
  // Only a full run replaces the tracked results.
  const out = smoke || only ? path.join(SITES_DIR, `results.host${smoke ? '.smoke' : ''}${only ? '.only' : ''}.json`) : path.join(repoRoot, 'bench', 'results.host.json');
  const results = { machine: { ...machine, loadAverageAtEnd }, smoke, only: only?.rows, rounds, seconds, site: { posts }, retainedIndexMB: retainedMB, term: { ...term, posts: term.posts.length }, rows, windows };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`Results: ${path.relative(repoRoot, out)}\n`);
  if (profileDir) process.stdout.write(`Profiles: ${path.relative(repoRoot, profileDir)}\n`);
  const failed = rows.filter((r) => r.verdict === 'ERROR').length;
  process.stdout.write(`bench --host: ${rows.length - failed} measured, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The tag closest to `want` posts, the posts the rename edits (the plan the extension makes,
 * from the core), and a search that edits the same lines: the term as a list item of YAML (block
 * or flow), TOML or JSON, in any case, as VS Code's search matches by default. Posts the search
 * matches but the rename leaves alone (broken on purpose) are excluded, so both edit the same files.
 */
async function renameTarget(siteDir: string, want: number): Promise<HostBenchOptions['term']> {
  const index = new PostIndex(DEFAULT_TAXONOMIES);
  const files = await findPostFiles(nodeFileSystem, siteDir);
  await indexFiles(nodeFileSystem, index, files);
  const term = [...index.terms('tags')].sort((a, b) => Math.abs(a.postCount - want) - Math.abs(b.postCount - want) || (a.key < b.key ? -1 : 1))[0];
  const rel = (p: string): string => path.relative(siteDir, p).split(path.sep).join('/');
  const display = displaySpelling(term);
  const newName = `${display}-renamed`;
  // The posts the rename edits: it leaves alone, and says so, a post whose front matter it cannot edit safely.
  const posts = new Set<string>();
  const skipped: { path: string; reason: string }[] = [];
  for (const p of [...term.posts].sort()) {
    const plan = computeFileTermEdits(await nodeFileSystem.readFile(p), { kind: 'rename', taxonomy: 'tags', from: term.key, to: newName }, index.hugo);
    if (plan.skipped || plan.edits.length === 0) skipped.push({ path: rel(p), reason: plan.skipped ?? 'nothing to edit' });
    else posts.add(rel(p));
  }
  const regex = `(?<=^  - |^    "|^tags: \\[|^tags = \\["|, |, ")${escapeRegExp(term.key)}(?=$|[",\\]])`;
  const re = new RegExp(regex, 'gim');
  const exclude: string[] = [];
  let occurrences = 0;
  for (const f of files.map(String)) {
    const n = readFileSync(f, 'utf8').match(re)?.length ?? 0;
    if (n === 0) continue;
    if (posts.has(rel(f))) occurrences += n;
    else exclude.push(rel(f));
  }
  return { display, newName, posts: [...posts].sort(), skipped, regex, exclude, occurrences };
}

/** A YAML post outside the renamed tag whose title line and body start are where the typing goes. */
function typingPost(siteDir: string, avoid: ReadonlySet<string>): HostBenchOptions['post'] {
  const candidates = execFileSync('find', ['content/posts', '-name', '*.md'], { cwd: siteDir, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
  for (const rel of candidates) {
    if (avoid.has(rel) || rel.endsWith('index.md')) continue;
    const lines = readFileSync(path.join(siteDir, rel), 'utf8').split('\n');
    const close = lines.indexOf('---', 1);
    if (lines[0] !== '---' || !lines[1].startsWith('title: "') || close < 0 || lines[close + 1] !== '' || !lines[close + 2]) continue;
    // The marker goes on the empty line after the front matter; the breaking quote after the title.
    return { path: rel, markerLine: close + 2, marker: 'hostbench', breakLine: 2, breakKey: '"' };
  }
  throw new Error('no YAML post to type into');
}
