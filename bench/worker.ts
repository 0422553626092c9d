import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promises as fs } from 'node:fs';
import { grayMatterIndex, type GrayMatterVariant } from './baselines/grayMatterIndex';
import { FoamStyleTagMap } from './baselines/foamStyleTags';
import { readEveryPostWhole, type ReadAllVariant } from './baselines/readAll';
import { reportResult } from './lib/child';
import { quantile, summarize } from './lib/stats';
import { largePost } from './generate';
import { indexThreads, subjects } from './subjects';

/**
 * One measurement in a fresh process (see lib/child.ts). Tasks print their result through
 * `reportResult`; times are milliseconds from `performance.now()`.
 */
type Task = (args: Record<string, unknown>) => Promise<unknown>;

const tasks: Record<string, Task> = {
  async 'cold-ours'(args) {
    const root = String(args.root);
    const started = performance.now();
    const cpu = cpuMs();
    const index = await subjects.buildIndex(root);
    const ms = performance.now() - started;
    return { ms, cpuMs: cpuMs() - cpu, posts: index.postCount(), tags: index.tagCount(), threads: indexThreads?.lastThreadCount ?? 0, threadWork: indexThreads?.work ?? "none" };
  },

  /** The whole-file floor in one of its variants (`args.variant`, see baselines/readAll.ts). */
  async 'cold-read-all'(args) {
    const started = performance.now();
    const cpu = cpuMs();
    const r = await readEveryPostWhole(String(args.root), String(args.variant) as ReadAllVariant, Number(args.concurrency));
    return { ms: performance.now() - started, cpuMs: cpuMs() - cpu, posts: r.files, bytes: r.bytes };
  },

  /** A gray-matter indexer with one of its YAML engines (`args.variant`, see baselines/grayMatterIndex.ts). */
  async 'cold-gray-matter'(args) {
    const started = performance.now();
    const cpu = cpuMs();
    const r = await grayMatterIndex(String(args.root), String(args.variant) as GrayMatterVariant);
    return { ms: performance.now() - started, cpuMs: cpuMs() - cpu, posts: r.posts, tags: r.tags.size, failed: r.failed };
  },

  /** Edits posts on disk one at a time and times the index's update of each, then restores them. */
  async incremental(args) {
    const root = String(args.root);
    const edits = Number(args.edits);
    const index = await subjects.buildIndex(root);
    // Posts `from` … `from + edits` of `of` spread over the site (rounds edit different posts).
    const from = Number(args.from ?? 0);
    const files = pickPosts(index.postFiles(), Number(args.of ?? edits)).slice(from, from + edits);
    const ours: number[] = [];
    const foam: number[] = [];
    const foamMap = args.withFoam ? await FoamStyleTagMap.build(index.postFiles(), (f) => index.readTags(f)) : undefined;
    for (const file of files) {
      const original = await fs.readFile(file, 'utf8');
      const edited = addTag(original, `bench-edit-${ours.length}`);
      try {
        for (const text of [edited, original]) {
          await fs.writeFile(file, text);
          const started = performance.now();
          await index.update(file);
          ours.push(performance.now() - started);
          if (foamMap) {
            const t = performance.now();
            await foamMap.onFileChanged(file);
            foam.push(performance.now() - t);
          }
        }
      } finally {
        await fs.writeFile(file, original);
      }
    }
    return { posts: index.postCount(), ours: summarize(ours), foam: foamMap ? summarize(foam) : undefined, samples: { ours, foam: foamMap ? foam : undefined } };
  },

  /** Tag completion on a built index: each keystroke types one more letter of a new tag. */
  async 'term-completion'(args) {
    const subject = await subjects.termCompletion(String(args.root));
    const keystrokes = Number(args.keystrokes);
    const word = 'kubernetes-operators';
    const head = '---\ntitle: "Typing a tag"\ndate: 2025-01-01\ntags:\n  - docker\n  - ';
    const tail = '\n---\n\nBody.\n';
    const times: number[] = [];
    let offered = 0;
    for (let k = 0; k < keystrokes; k++) {
      const typed = word.slice(0, k % (word.length + 1));
      const text = head + typed + tail;
      const started = performance.now();
      offered = subject.complete(text, head.length + typed.length);
      times.push(performance.now() - started);
    }
    return { posts: subject.posts, terms: subject.terms, offered, ours: summarize(times) };
  },

  /** Retained heap of a built index: gc, heapUsed before and after, with the index kept alive. */
  async memory(args) {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with --expose-gc');
    // Build once and drop it, so module loading and JIT code are not counted. In a function of its
    // own: a suspended async frame can keep an awaited value alive in a register.
    const warmUp = async (): Promise<void> => {
      await subjects.buildIndex(String(args.warmRoot));
    };
    await warmUp();
    await new Promise((r) => setImmediate(r));
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const index = await subjects.buildIndex(String(args.root));
    gc();
    gc();
    const after = process.memoryUsage().heapUsed;
    const retainedMB = (after - before) / (1024 * 1024);
    return { retainedMB, posts: index.postCount(), tags: index.tagCount() };
  },

  /**
   * The longest the event loop was blocked while the index scanned a big site. A 1 ms timer
   * probe records every gap between its ticks, in wall time and in the process's CPU time over
   * the same gap. A gap longer in wall time than in CPU time was the OS running someone else (a
   * busy machine), not our code; the CPU time is an upper bound on the synchronous work in it
   * (it also counts node's I/O and GC threads), so the verdict uses it, and both are reported.
   */
  async responsiveness(args) {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    const cpuGaps: number[] = [];
    let longestWallGap = 0;
    let last = performance.now();
    let lastCpu = cpuMs();
    const probe = setInterval(() => {
      const now = performance.now();
      const cpu = cpuMs();
      const wall = now - last;
      longestWallGap = Math.max(longestWallGap, wall);
      cpuGaps.push(Math.min(wall, cpu - lastCpu));
      last = now;
      lastCpu = cpu;
    }, 1);
    histogram.enable();
    const started = performance.now();
    const index = await subjects.buildIndex(String(args.root));
    const ms = performance.now() - started;
    histogram.disable();
    clearInterval(probe);
    const cpu = summarize(cpuGaps);
    return {
      ms,
      posts: index.postCount(),
      longestBlockCpuMs: cpu.max,
      p99BlockCpuMs: quantile(cpuGaps, 0.99),
      longestWallGapMs: longestWallGap,
      p99WallDelayMs: histogram.percentile(99) / 1e6,
      maxWallDelayMs: histogram.max / 1e6,
      ticks: cpuGaps.length,
    };
  },

  /** Our renderer against bare markdown-it with the same options, alternating, on one big post. */
  async render(args) {
    const text = largePost(Number(args.bytes));
    const rounds = Number(args.rounds);
    const ours: number[] = [];
    const bare: number[] = [];
    const renderOurs = subjects.renderer();
    const renderBare = subjects.bareMarkdownIt();
    for (let i = 0; i < 2; i++) {
      renderOurs(text);
      renderBare(text);
    }
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) {
        const started = performance.now();
        if (which === 0) renderOurs(text);
        else renderBare(text);
        (which === 0 ? ours : bare).push(performance.now() - started);
      }
    }
    return { bytes: text.length, ours: summarize(ours), bare: summarize(bare) };
  },

  /** Re-render after one keystroke: a character typed in the middle of a 100 KB post. */
  async keystroke(args) {
    let text = largePost(Number(args.bytes));
    const session = subjects.previewSession();
    session.render(text);
    const samples: number[] = [];
    const at = text.indexOf('\n\n', Math.floor(text.length / 2));
    for (let i = 0; i < Number(args.keystrokes); i++) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      const started = performance.now();
      session.render(text);
      samples.push(performance.now() - started);
    }
    return { bytes: text.length, ours: summarize(samples) };
  },
};

/** CPU time used by this process so far (all threads), in milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** `count` posts spread evenly over the index (deterministic, no broken ones at the edges). */
function pickPosts(files: readonly string[], count: number): string[] {
  const sorted = [...files].sort();
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(sorted[Math.floor(((i + 0.5) * sorted.length) / count)]);
  return out;
}

/** Adds a tag to a post's tag list, whatever its front matter format (a typical edit). */
function addTag(text: string, tag: string): string {
  const yamlBlock = text.replace(/^tags:\n/m, `tags:\n  - ${tag}\n`);
  if (yamlBlock !== text) return yamlBlock;
  const flow = text.replace(/^(tags\s*[:=]\s*\[)/m, `$1"${tag}", `);
  if (flow !== text) return flow;
  return text.replace(/"tags": \[/, `"tags": ["${tag}", `);
}

async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  const task = tasks[name];
  if (!task) throw new Error(`unknown bench task ${name}`);
  reportResult(await task(JSON.parse(json ?? '{}') as Record<string, unknown>));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
