import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { markSiteEditing } from './generate';
import { readAllProcessBundle, runWorker } from './lib/child';
import { warmPageCache } from './lib/pageCache';
import { formatMs, summarize, type Summary } from './lib/stats';
import { verdict, type Row } from './report';
import { subjects } from './subjects';
import { GRAY_MATTER_LABELS, GRAY_MATTER_VARIANTS } from './baselines/grayMatterIndex';
import { READ_ALL_LABELS, READ_ALL_VARIANTS } from './baselines/readAll';

/** Where the suite runs and how hard it tries; `smoke` runs every measurement once on 1k posts. */
export interface SuiteContext {
  repoRoot: string;
  smoke: boolean;
  /** Site roots by post count (the `content/` folder's parent). */
  sites: Map<number, string>;
  /** Run the integration suite first, for a fresh activate() figure (`--integration`). */
  runIntegration: boolean;
}

const ratio = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');

interface ColdResult {
  ms: number;
  /** CPU time of the whole process (all threads) over the same span: less sensitive to a busy machine. */
  cpuMs: number;
  posts: number;
}

/**
 * The median over rounds of `a[r] / b[r]`: each pair was measured back to back, so drift in the
 * machine's speed between rounds (a third on a shared machine) cancels out of each ratio.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let r = 0; r < n; r++) ratios.push(a[r] / b[r]);
  return summarize(ratios).median;
}

/**
 * The fastest of several variants in each round: a round's floor is the fastest way this machine
 * read (or indexed) in that round, and which variant it was. `byVariant` holds each variant's
 * samples, one per round, in round order.
 */
export function fastestPerRound(byVariant: Record<string, readonly number[]>): { ms: number[]; winners: string[]; wins: Record<string, number> } {
  const names = Object.keys(byVariant);
  const rounds = Math.min(...names.map((n) => byVariant[n].length));
  const ms: number[] = [];
  const winners: string[] = [];
  const wins: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (let r = 0; r < rounds; r++) {
    let best = names[0];
    for (const n of names) if (byVariant[n][r] < byVariant[best][r]) best = n;
    ms.push(byVariant[best][r]);
    winners.push(best);
    wins[best]++;
  }
  return { ms, winners, wins };
}

/** "sync 7, threads 2": how many rounds each variant won, most first. */
function winsText(wins: Record<string, number>): string {
  return Object.entries(wins)
    .sort((a, b) => b[1] - a[1])
    .map(([n, k]) => `${n} ${k}`)
    .join(', ');
}

/**
 * 1. Cold index vs reading every file whole (three ways, the fastest per round is the floor) and
 * vs gray-matter indexers (two YAML engines, the faster per round is the baseline). Each trial is
 * a fresh process against a warm page cache (warmed before every round); the order of
 * contenders rotates each round so none always runs first.
 */
export async function coldIndex(ctx: SuiteContext, posts: number, rounds: number): Promise<{ rows: Row[] }> {
  const site = ctx.sites.get(posts)!;
  const concurrency = subjects.readConcurrency;
  const contenders: { key: string; task: string; variant?: string }[] = [
    { key: 'ours', task: 'cold-ours' },
    ...READ_ALL_VARIANTS.map((variant) => ({ key: `read:${variant}`, task: 'cold-read-all', variant })),
    ...GRAY_MATTER_VARIANTS.map((variant) => ({ key: `gm:${variant}`, task: 'cold-gray-matter', variant })),
  ];
  const samples: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.key, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.key, []]));
  const found: Record<string, number> = {};
  for (let r = 0; r < rounds; r++) {
    await warmPageCache(site);
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + r) % contenders.length];
      const result = await runWorker<ColdResult>(c.task, { root: site, concurrency, variant: c.variant });
      samples[c.key].push(result.ms);
      cpu[c.key].push(result.cpuMs);
      found[c.key] = result.posts;
    }
  }
  const pick = (prefix: string): Record<string, number[]> => Object.fromEntries(Object.entries(samples).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  const floor = fastestPerRound(pick('read:'));
  const gray = fastestPerRound(pick('gm:'));
  const ours = summarize(samples.ours);
  // Each round runs every contender in turn, so a round's ratio compares them on the same machine
  // state; the median of those is steadier than a ratio of medians when the machine's speed drifts.
  const vsRead = pairedRatio(samples.ours, floor.ms);
  const vsGray = pairedRatio(gray.ms, samples.ours);
  const at10k = posts === 10000;
  const cpuMedian = (k: string): number => summarize(cpu[k]).median;
  const data = {
    posts,
    medians: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])),
    cpuMedians: Object.fromEntries(Object.keys(cpu).map((k) => [k, cpuMedian(k)])),
    floor: { perRound: floor.ms, winners: floor.winners, wins: floor.wins },
    grayMatter: { perRound: gray.ms, winners: gray.winners, wins: gray.wins },
    pairedRatios: { vsRead, vsGray },
    samples,
    postsFound: found,
    rounds,
    concurrency,
  };
  const rows: Row[] = [
    {
      id: '1a',
      what: `Cold index, ${posts} posts, vs fastest whole-file read`,
      ours: formatMs(ours.median),
      baseline: formatMs(summarize(floor.ms).median),
      ratio: ratio(vsRead),
      target: at10k ? '≤ 1.00× at 10k' : '(context)',
      verdict: at10k ? verdict(vsRead <= 1, ctx.smoke) : 'info',
      data,
      note: `${posts} posts; the floor is the fastest read in each round (rounds won: ${winsText(floor.wins)}); CPU time (all threads) medians: ours ${formatMs(cpuMedian('ours'))}, ${READ_ALL_VARIANTS.map((v) => `${v} ${formatMs(cpuMedian(`read:${v}`))}`).join(', ')}`,
    },
    ...READ_ALL_VARIANTS.map(
      (v): Row => ({
        id: `1a.${v}`,
        what: `  whole-file read: ${READ_ALL_LABELS[v]}`,
        ours: formatMs(ours.median),
        baseline: formatMs(summarize(samples[`read:${v}`]).median),
        ratio: ratio(pairedRatio(samples.ours, samples[`read:${v}`])),
        target: `won ${floor.wins[v]} of ${floor.ms.length}`,
        verdict: 'info',
      }),
    ),
    {
      id: '1b',
      what: `Cold index, ${posts} posts, vs faster gray-matter indexer`,
      ours: formatMs(ours.median),
      baseline: formatMs(summarize(gray.ms).median),
      ratio: `${ratio(vsGray)} faster`,
      target: at10k ? '≥ 3× faster at 10k' : '(context)',
      verdict: at10k ? verdict(vsGray >= 3, ctx.smoke) : 'info',
      note: `gray-matter indexers read with readFileSync; rounds won: ${winsText(gray.wins)}; CPU medians ${GRAY_MATTER_VARIANTS.map((v) => `${v} ${formatMs(cpuMedian(`gm:${v}`))}`).join(', ')}`,
    },
    ...GRAY_MATTER_VARIANTS.map(
      (v): Row => ({
        id: `1b.${v}`,
        what: `  ${GRAY_MATTER_LABELS[v]}`,
        ours: formatMs(ours.median),
        baseline: formatMs(summarize(samples[`gm:${v}`]).median),
        ratio: `${ratio(pairedRatio(samples[`gm:${v}`], samples.ours))} faster`,
        target: `won ${gray.wins[v]} of ${gray.ms.length}`,
        verdict: 'info',
      }),
    ),
  ];
  return { rows };
}

/**
 * 1c. Growth of the cold index: the 50k site against the 10k site, the two run back to back in
 * each round (fresh processes, warm page cache), the ratio paired per round.
 */
export async function coldGrowth(ctx: SuiteContext, small: number, big: number, rounds: number): Promise<Row[]> {
  const sizes = [small, big];
  // By position, not size: the smoke run compares the 1k site with itself.
  const ms: [number[], number[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < sizes.length; k++) {
      const at = (k + r) % sizes.length;
      const site = ctx.sites.get(sizes[at])!;
      await warmPageCache(site);
      ms[at].push((await runWorker<ColdResult>('cold-ours', { root: site, concurrency: subjects.readConcurrency })).ms);
    }
  }
  const growth = pairedRatio(ms[1], ms[0]);
  // Linear with a tenth to spare: 5.5× for 5× the posts.
  const limit = 1.1 * (big / small);
  return [
    {
      id: '1c',
      what: `Cold index, ${big} posts vs ${small} posts`,
      ours: formatMs(summarize(ms[1]).median),
      baseline: formatMs(summarize(ms[0]).median),
      ratio: ratio(growth),
      target: `≤ ${limit.toFixed(2)}× (${big / small}× the posts)`,
      verdict: verdict(growth <= limit, ctx.smoke),
      data: { samples: { [small]: ms[0], [big]: ms[1] }, pairedRatio: growth, rounds },
    },
  ];
}

interface IncrementalResult {
  posts: number;
  ours: Summary;
  foam?: Summary;
  /** Every timing, pooled across rounds. */
  samples: { ours: number[]; foam?: number[] };
}

/** 2. Incremental update of one edited post, at several index sizes, and the full-rebuild approach. */
export async function incremental(ctx: SuiteContext, sizes: number[], edits: number, rounds: number): Promise<Row[]> {
  // Rounds take turns over the sizes (in a rotating order), so that 2b compares sizes measured
  // close together in time; each round edits a share of the posts.
  const perRound = new Map<number, IncrementalResult[]>(sizes.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < sizes.length; k++) {
      const n = sizes[(k + r) % sizes.length];
      const site = ctx.sites.get(n)!;
      await warmPageCache(site);
      // The worker edits posts and restores them; a run that dies in between leaves no stamp.
      const restoreStamp = markSiteEditing(site);
      const share = Math.ceil(edits / rounds);
      perRound.get(n)!.push(await runWorker<IncrementalResult>('incremental', { root: site, edits: share, of: share * rounds, from: r * share, withFoam: n === 10000 || ctx.smoke }));
      restoreStamp();
    }
  }
  const results = new Map<number, { posts: number; ours: Summary; foam?: Summary; rounds: Summary[] }>();
  for (const [n, runs] of perRound) {
    const foam = runs.flatMap((run) => run.samples.foam ?? []);
    results.set(n, {
      posts: runs[0].posts,
      ours: summarize(runs.flatMap((run) => run.samples.ours)),
      foam: foam.length ? summarize(foam) : undefined,
      rounds: runs.map((run) => run.ours),
    });
  }
  const rows: Row[] = [];
  const mid = results.get(10000) ?? results.get(sizes[0])!;
  rows.push({
    id: '2a',
    what: `Incremental update of 1 post, ${mid.posts}-post index`,
    ours: formatMs(mid.ours.median),
    baseline: '—',
    ratio: '—',
    target: '≤ 1 ms at 10k',
    verdict: verdict(mid.ours.median <= 1, ctx.smoke),
    data: Object.fromEntries([...results].map(([n, r]) => [n, { posts: r.posts, ours: r.ours, foam: r.foam, roundMedians: r.rounds.map((x) => x.median) }])),
  });
  const small = results.get(1000);
  const big = results.get(50000);
  if (small && big) {
    const growth = pairedRatio(
      big.rounds.map((x) => x.median),
      small.rounds.map((x) => x.median),
    );
    rows.push({
      id: '2b',
      what: 'Incremental update, 50k index vs 1k index',
      ours: formatMs(big.ours.median),
      baseline: formatMs(small.ours.median),
      ratio: ratio(growth),
      target: '≤ 2.00×',
      verdict: verdict(growth <= 2, ctx.smoke),
    });
  }
  if (mid.foam) {
    const speedup = mid.foam.median / mid.ours.median;
    rows.push({
      id: '2c',
      what: `Incremental update vs full tag-map rebuild (Foam), ${mid.posts} posts`,
      ours: formatMs(mid.ours.median),
      baseline: formatMs(mid.foam.median),
      ratio: `${ratio(speedup)} faster`,
      target: '(context)',
      verdict: 'info',
    });
  }
  return rows;
}

/** Wall time of a whole process, from spawn to exit, with its output. */
function timeProcess(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
  });
}

/**
 * Variables of the bench's own environment that make every node process start slower and that a
 * check does not use. `NODE_EXTRA_CA_CERTS` makes node read and parse a certificate file before
 * any script runs (on the development machine, pointed at the system's 225 KB bundle, `node -e 0`
 * takes 0.18 s with it and 0.04 s without); the CLI makes no network connection.
 */
const START_UP_ONLY = ['NODE_EXTRA_CA_CERTS'] as const;

/** This process's environment without {@link START_UP_ONLY}, and which of those were set. */
export function checkEnvironment(env: NodeJS.ProcessEnv = process.env): { env: NodeJS.ProcessEnv; removed: string[] } {
  const clean = { ...env };
  const removed = START_UP_ONLY.filter((name) => clean[name] !== undefined);
  for (const name of removed) delete clean[name];
  return { env: clean, removed };
}

/**
 * 3. `devops-notes check`, the whole process, against the cold index. Each round runs both, in
 * turns, on a warm page cache; the ratio is the median of the rounds' ratios (see `pairedRatio`).
 * The check runs without {@link START_UP_ONLY}; when this machine sets one, each round also runs
 * it with the environment as it is, and the row's note gives that ratio too.
 */
export async function check(ctx: SuiteContext, posts: number, runs: number): Promise<Row[]> {
  const site = ctx.sites.get(posts)!;
  const cli = path.join(ctx.repoRoot, 'dist', 'cli.js');
  const { env, removed } = checkEnvironment();
  const samples: number[] = [];
  const asIs: number[] = [];
  const index: number[] = [];
  let problems = 0;
  let exitCode: number | null = null;
  const runCli = async (environment: NodeJS.ProcessEnv, into: number[]): Promise<void> => {
    await warmPageCache(site);
    const r = await timeProcess(process.execPath, [cli, 'check', site, '--format', 'json'], ctx.repoRoot, environment);
    exitCode = r.code;
    if (r.code !== 0 && r.code !== 1) throw new Error(`devops-notes check exited ${r.code}: ${r.stderr.trim().slice(0, 300)}`);
    const found = countProblems(r.stdout);
    if (problems !== 0 && found !== problems) throw new Error(`devops-notes check reported ${found} problems in one run and ${problems} in another (environment ${into === asIs ? 'as it is' : `without ${removed.join(', ')}`})`);
    problems = found;
    into.push(r.ms);
  };
  const runCheck = (): Promise<void> => runCli(env, samples);
  const runAsIs = (): Promise<void> => runCli(process.env, asIs);
  const runIndex = async (): Promise<void> => {
    await warmPageCache(site);
    index.push((await runWorker<ColdResult>('cold-ours', { root: site, concurrency: subjects.readConcurrency })).ms);
  };
  // Each round runs its steps in turn, starting one later than the round before, so none always runs first.
  const steps = removed.length > 0 ? [runCheck, runIndex, runAsIs] : [runCheck, runIndex];
  for (let i = 0; i < runs; i++) for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]();
  if (problems === 0) throw new Error('devops-notes check reported no problems on a site with broken posts: it did not check them');
  const s = summarize(samples);
  const idx = summarize(index);
  const x = pairedRatio(samples, index);
  const asIsRatio = removed.length > 0 ? pairedRatio(asIs, index) : undefined;
  return [
    {
      id: '3',
      what: `devops-notes check, ${posts} posts, whole process vs cold index`,
      ours: formatMs(s.median),
      baseline: formatMs(idx.median),
      ratio: ratio(x),
      target: '≤ 2.00× cold index',
      verdict: verdict(x <= 2, ctx.smoke),
      data: {
        check: s,
        coldIndex: idx,
        ratioOfMedians: s.median / idx.median,
        pairedRatio: x,
        problemsReported: problems,
        exitCode,
        environmentRemoved: removed,
        ...(asIsRatio !== undefined && { checkAsIs: summarize(asIs), pairedRatioAsIs: asIsRatio }),
      },
      ...(asIsRatio !== undefined && {
        note: `the check ran without ${removed.join(', ')}, which this machine sets (node reads a certificate file at start; the check makes no network connection). With it: ${formatMs(summarize(asIs).median)}, ${ratio(asIsRatio)}`,
      }),
    },
  ];
}

/** Wall time of a whole process, spawn to exit, counting (not keeping) what it prints. */
function timeProcessCounting(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number | null; bytes: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, bytes, stderr }));
  });
}

/** The CLI commands row 9 runs, as a user runs them in the site's folder, with their targets. */
export const CLI_COMMANDS: { id: string; args: string[]; limit?: number }[] = [
  { id: '9a', args: ['tags'], limit: 1.5 },
  { id: '9b', args: ['tags', '--json'], limit: 1.5 },
  { id: '9c', args: ['tags', '--json=summary'], limit: 1.5 },
  { id: '9d', args: ['check'], limit: 3 },
];

/**
 * 9. The CLI as a user runs it: `node dist/cli.js <command>` in the site's folder, spawn to exit,
 * output read through a pipe, against a node process that finds every post and reads it whole
 * (bench/readAllProcess.ts), in each of the ways of the whole-file floor, the fastest per round.
 * Every process runs without {@link START_UP_ONLY}, the floor's as well.
 */
export async function cliProcesses(ctx: SuiteContext, posts: number, rounds: number): Promise<Row[]> {
  const site = ctx.sites.get(posts)!;
  const cli = path.join(ctx.repoRoot, 'dist', 'cli.js');
  const floorScript = readAllProcessBundle();
  const { env, removed } = checkEnvironment();
  const contenders = [
    ...READ_ALL_VARIANTS.map((v) => ({ key: `read:${v}`, args: [floorScript, v, '.'] })),
    ...CLI_COMMANDS.map((c) => ({ key: c.id, args: [cli, ...c.args] })),
  ];
  const samples: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.key, []]));
  const output: Record<string, number> = {};
  for (let r = 0; r < rounds; r++) {
    await warmPageCache(site);
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + r) % contenders.length];
      const run = await timeProcessCounting(process.execPath, c.args, site, env);
      // check exits 1 when it finds errors (the bench sites have broken posts on purpose).
      if (run.code !== 0 && !(run.code === 1 && c.args.includes('check'))) throw new Error(`${c.args.slice(1).join(' ')} exited ${run.code}: ${run.stderr.trim().slice(0, 300)}`);
      if (output[c.key] !== undefined && output[c.key] !== run.bytes) throw new Error(`${c.args.slice(1).join(' ')} printed ${run.bytes} bytes in one run and ${output[c.key]} in another`);
      output[c.key] = run.bytes;
      samples[c.key].push(run.ms);
    }
  }
  const floor = fastestPerRound(Object.fromEntries(READ_ALL_VARIANTS.map((v) => [v, samples[`read:${v}`]])));
  const floorMedian = formatMs(summarize(floor.ms).median);
  const rows: Row[] = CLI_COMMANDS.map((c) => {
    const x = pairedRatio(samples[c.id], floor.ms);
    return {
      id: c.id,
      what: `devops-notes ${c.args.join(' ')}, ${posts} posts, whole process vs node reading every post`,
      ours: formatMs(summarize(samples[c.id]).median),
      baseline: floorMedian,
      ratio: ratio(x),
      target: c.limit ? `≤ ${c.limit.toFixed(2)}×` : '(context)',
      verdict: c.limit ? verdict(x <= c.limit, ctx.smoke) : 'info',
      note: `prints ${(output[c.id] / 1e6).toFixed(2)} MB`,
    };
  });
  rows[0].note += `; the floor process won by: ${winsText(floor.wins)} (medians ${READ_ALL_VARIANTS.map((v) => `${v} ${formatMs(summarize(samples[`read:${v}`]).median)}`).join(', ')})${removed.length ? `; every process ran without ${removed.join(', ')}` : ''}`;
  rows[0].data = { samples, floor: { perRound: floor.ms, winners: floor.winners, wins: floor.wins }, outputBytes: output, rounds, environmentRemoved: removed };
  return rows;
}

/** Problems in the CLI's JSON report, whatever its exact shape (an array or `{ files: [...] }`). */
function countProblems(stdout: string): number {
  const json = JSON.parse(stdout) as unknown;
  let count = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.message === 'string' && (typeof o.severity === 'string' || typeof o.line === 'number' || typeof o.range === 'object')) count++;
      else Object.values(o).forEach(visit);
    }
  };
  visit(json);
  return count;
}

/** 4. Rendering: a 1 MB post vs bare markdown-it, and a keystroke in a 100 KB post. */
export async function render(ctx: SuiteContext, rounds: number, keystrokes: number): Promise<Row[]> {
  const big = await runWorker<{ bytes: number; ours: Summary; bare: Summary }>('render', { bytes: 1_000_000, rounds });
  const x = big.ours.median / big.bare.median;
  const key = await runWorker<{ bytes: number; ours: Summary }>('keystroke', { bytes: 100_000, keystrokes });
  return [
    {
      id: '4a',
      what: `Render a ${(big.bytes / 1e6).toFixed(1)} MB post vs bare markdown-it`,
      ours: formatMs(big.ours.median),
      baseline: formatMs(big.bare.median),
      ratio: ratio(x),
      target: '≤ 1.50×',
      verdict: verdict(x <= 1.5, ctx.smoke),
      data: big,
    },
    {
      id: '4b',
      what: `Re-render a ${Math.round(key.bytes / 1000)} KB post after one keystroke`,
      ours: formatMs(key.ours.median),
      baseline: '—',
      ratio: '—',
      target: '(reported; p90 ' + formatMs(key.ours.p90) + ')',
      verdict: 'info',
      data: key,
    },
  ];
}

/** 6. Retained heap of a built index. */
export async function memory(ctx: SuiteContext, posts: number): Promise<Row[]> {
  const r = await runWorker<{ retainedMB: number; posts: number; tags: number }>(
    'memory',
    { root: ctx.sites.get(posts)!, warmRoot: ctx.sites.get(1000)! },
    ['--expose-gc'],
  );
  return [
    {
      id: '6',
      what: `Retained heap of a ${r.posts}-post index`,
      ours: `${r.retainedMB.toFixed(1)} MB`,
      baseline: '—',
      ratio: '—',
      target: '≤ 40 MB at 10k',
      verdict: posts === 10000 || ctx.smoke ? verdict(r.retainedMB <= 40, ctx.smoke) : 'info',
      data: r,
    },
  ];
}

/** 7. Longest synchronous block while indexing a big site. */
export async function responsiveness(ctx: SuiteContext, posts: number): Promise<Row[]> {
  const site = ctx.sites.get(posts)!;
  await warmPageCache(site);
  const r = await runWorker<{ ms: number; posts: number; longestBlockCpuMs: number; p99BlockCpuMs: number; longestWallGapMs: number; p99WallDelayMs: number }>(
    'responsiveness',
    { root: site },
  );
  return [
    {
      id: '7',
      what: `Longest event-loop block while indexing ${r.posts} posts`,
      ours: `max ${formatMs(r.longestBlockCpuMs)}, p99 ${formatMs(r.p99BlockCpuMs)}`,
      baseline: '—',
      ratio: '—',
      target: '≤ 50 ms',
      verdict: verdict(r.longestBlockCpuMs <= 50, ctx.smoke),
      note: `block = CPU time between 1 ms timer ticks; wall-clock gaps on this machine: max ${formatMs(r.longestWallGapMs)}, p99 ${formatMs(r.p99WallDelayMs)} (load average ${os.loadavg()[0].toFixed(1)}); full index ${formatMs(r.ms)}`,
      data: r,
    },
  ];
}

/** 8. Tag completion in a post's front matter, with the 50k index built. */
export async function termCompletion(ctx: SuiteContext, posts: number, keystrokes: number): Promise<Row[]> {
  const r = await runWorker<{ posts: number; terms: number; offered: number; ours: Summary }>('term-completion', { root: ctx.sites.get(posts)!, keystrokes });
  return [
    {
      id: '8',
      what: `Tag completion, ${r.posts}-post index (${r.terms} tags)`,
      ours: formatMs(r.ours.median),
      baseline: '—',
      ratio: '—',
      target: '≤ 20 ms at 50k',
      verdict: posts === 50000 || ctx.smoke ? verdict(r.ours.median <= 20, ctx.smoke) : 'info',
      note: `p90 ${formatMs(r.ours.p90)}; ${r.offered} terms offered at the last keystroke`,
      data: r,
    },
  ];
}
