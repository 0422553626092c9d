import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Summaries of `--profile`'s files (bench/host/profile.mjs): for every timed sample, where the
 * extension host's main thread spent the time between the input and the frame that showed its
 * answer, and what the page's main thread ran meanwhile. `npx tsx bench/host/profileSummary.ts DIR`.
 */

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HostWindowSummary {
  /** Milliseconds of samples that were not idle. */
  busyMs: number;
  /** Of those, samples with a frame of the extension (its bundle's URL contains `ours`). */
  oursMs: number;
  /** Self time by function (name and file), the largest first. */
  self: { name: string; ms: number }[];
  /** The extension's outermost frame of each busy sample, summed by function (inclusive time). */
  ourEntries: { name: string; ms: number }[];
  /** When the host was busy (ms after the window's start, length, its extension entry if any), merged over gaps < 1 ms. */
  stretches: { at: number; ms: number; ours?: string }[];
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

function label(node: CpuProfileNode): string {
  const file = (node.callFrame.url ?? '').split('/').pop() || '(native)';
  return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
}

/**
 * Where the host's samples between `fromUs` and `toUs` (the profile's monotonic clock) went.
 * `(program)` and `(garbage collector)` count as busy but have no function; `(idle)` does not.
 */
export function summarizeHostWindow(profile: CpuProfile, fromUs: number, toUs: number, ours: string): HostWindowSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const entries = new Map<string, number>();
  const stretches: HostWindowSummary['stretches'] = [];
  let busy = 0;
  let oursUs = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    // A sample stands for the time up to the next one.
    const dt = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    if (t < fromUs || t >= toUs) continue;
    const leaf = byId.get(profile.samples[i]);
    // A trace's samples name a node before the chunk that brings it at times: left out.
    if (!leaf || leaf.callFrame.functionName === '(idle)') continue;
    busy += dt;
    const name = IDLE.has(leaf.callFrame.functionName) ? leaf.callFrame.functionName : label(leaf);
    self.set(name, (self.get(name) ?? 0) + dt);
    let outer: CpuProfileNode | undefined;
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id);
      if (n?.callFrame.url?.includes(ours)) outer = n;
    }
    if (outer) {
      oursUs += dt;
      entries.set(label(outer), (entries.get(label(outer)) ?? 0) + dt);
    }
    const at = (t - fromUs) / 1000;
    const last = stretches[stretches.length - 1];
    if (last && at - (last.at + last.ms) < 1 && (last.ours ?? '') === (outer ? label(outer) : '')) last.ms = at + dt / 1000 - last.at;
    else stretches.push({ at, ms: dt / 1000, ...(outer ? { ours: label(outer) } : {}) });
  }
  const sorted = (m: Map<string, number>) => [...m].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms || (a.name < b.name ? -1 : 1));
  return { busyMs: busy / 1000, oursMs: oursUs / 1000, self: sorted(self), ourEntries: sorted(entries), stretches };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      type?: string;
      startTime?: number;
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: CpuProfileNode['callFrame'] }[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

/**
 * The page's JavaScript samples (the trace's v8.cpu_profiler category: a Profile event, then
 * ProfileChunk events with new nodes, samples and time deltas) as one CPU profile on the trace's clock.
 */
export function pageCpuProfile(events: readonly TraceEvent[], pid: number): CpuProfile | undefined {
  const start = events.find((e) => e.name === 'Profile' && e.pid === pid);
  if (!start?.args?.data?.startTime) return undefined;
  const nodes = new Map<number, CpuProfileNode>();
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== start.id) continue;
    for (const n of e.args?.data?.cpuProfile?.nodes ?? []) {
      nodes.set(n.id, { id: n.id, callFrame: n.callFrame, children: [] });
      if (n.parent !== undefined) nodes.get(n.parent)?.children?.push(n.id);
    }
    samples.push(...(e.args?.data?.cpuProfile?.samples ?? []));
    timeDeltas.push(...(e.args?.data?.timeDeltas ?? []));
  }
  return { nodes: [...nodes.values()], startTime: start.args.data.startTime, endTime: 0, samples, timeDeltas };
}

export interface PageWindowSummary {
  /** The keydown (or pointerdown) the page dispatched, ms after the input's stamp. */
  dispatchedMs?: number;
  /** The page's main-thread tasks in the window: count, their total and longest time. */
  tasks: number;
  busyMs: number;
  longestMs: number;
  /** Time by the top-level trace event names under the tasks (FunctionCall, Layout, Paint…). */
  by: { name: string; ms: number }[];
}

/**
 * What the page's main thread ran between an input and its answer. Trace time stamps are
 * monotonic; `offsetUs` maps the input's epoch stamp onto them (see {@link traceOffset}).
 */
export function summarizePageWindow(events: readonly TraceEvent[], main: { pid: number; tid: number }, fromUs: number, toUs: number, eventType: string): PageWindowSummary {
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= fromUs && e.ts < toUs);
  // Chromium wraps each task twice (RunTask around ThreadControllerImpl::RunTask): count the outer one.
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  const by = new Map<string, number>();
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    // The direct children of a task: events inside it not inside another event inside it.
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && !/RunTask$|^V8\.|Microtask|^LatencyInfo|^WebFrameWidgetImpl/.test(e.name)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    let covered = -Infinity;
    for (const e of inside) {
      if (e.ts < covered) continue;
      covered = e.ts + (e.dur ?? 0);
      by.set(e.name, (by.get(e.name) ?? 0) + (e.dur ?? 0));
    }
  }
  const dispatch = onMain.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === eventType);
  return {
    dispatchedMs: dispatch ? (dispatch.ts - fromUs) / 1000 : undefined,
    tasks: tasks.length,
    busyMs: tasks.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000,
    longestMs: tasks.reduce((m, e) => Math.max(m, e.dur ?? 0), 0) / 1000,
    by: [...by].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
  };
}

/** The workbench page's main thread: the renderer whose main thread dispatched the most input events. */
function pageMainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | undefined {
  const counts = new Map<string, number>();
  for (const e of events) if (e.name === 'EventDispatch') counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (!best) return undefined;
  const [pid, tid] = best[0].split(':').map(Number);
  return { pid, tid };
}

function main(dir: string): void {
  // The extension's bundle as the development extension loads it (other extensions have a dist/extension.js too).
  const ours = process.env.PROFILE_OURS ?? path.join(path.resolve(__dirname, '..', '..'), 'dist', 'extension.js');
  const fmt = (x: number): string => x.toFixed(1);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.marks.json')).sort()) {
    const name = file.slice(0, -'.marks.json'.length);
    const { hostOffsetMs, traceOffsetMs, marks } = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { hostOffsetMs?: number; traceOffsetMs?: number; marks: { label: string; input: number; shown: number; ms: number }[] };
    const cpu = existsSync(path.join(dir, `${name}.cpuprofile`)) ? (JSON.parse(readFileSync(path.join(dir, `${name}.cpuprofile`), 'utf8')) as CpuProfile) : undefined;
    const tracePath = path.join(dir, `${name}.trace.json`);
    const trace = existsSync(tracePath) ? (JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents : [];
    // Every timed input of these steps is a key (F1, or the breaking key).
    const eventType = 'keydown';
    const pageMain = pageMainThread(trace);
    const pageCpu = pageMain ? pageCpuProfile(trace, pageMain.pid) : undefined;
    // Epoch ms → trace µs (both clocks are CLOCK_MONOTONIC; see profile.mjs).
    const clock = traceOffsetMs ?? hostOffsetMs;
    const offset = clock === undefined ? undefined : -clock * 1000;
    process.stdout.write(`\n== ${name}\n`);
    for (const m of marks) {
      process.stdout.write(`-- ${m.label}: ${fmt(m.ms)} ms\n`);
      if (cpu && hostOffsetMs !== undefined) {
        const from = (m.input - hostOffsetMs) * 1000;
        const s = summarizeHostWindow(cpu, from, from + m.ms * 1000, ours);
        process.stdout.write(`   host busy ${fmt(s.busyMs)} ms, of it the extension ${fmt(s.oursMs)} ms\n`);
        process.stdout.write(`   host stretches: ${s.stretches.filter((x) => x.ms >= 0.5).map((x) => `${fmt(x.at)}+${fmt(x.ms)}${x.ours ? ` [${x.ours}]` : ''}`).join(', ')}\n`);
        process.stdout.write(`   host self: ${s.self.slice(0, 8).map((x) => `${x.name} ${fmt(x.ms)}`).join('; ')}\n`);
        if (s.ourEntries.length) process.stdout.write(`   extension entries: ${s.ourEntries.slice(0, 6).map((x) => `${x.name} ${fmt(x.ms)}`).join('; ')}\n`);
      }
      if (pageMain && offset !== undefined) {
        const from = m.input * 1000 + offset;
        const p = summarizePageWindow(trace, pageMain, from - 1000, from + m.ms * 1000, eventType);
        process.stdout.write(`   page: ${p.tasks} tasks, busy ${fmt(p.busyMs)} ms, longest ${fmt(p.longestMs)} ms, input dispatched at ${p.dispatchedMs === undefined ? '?' : fmt(p.dispatchedMs)} ms; ${p.by.slice(0, 6).map((x) => `${x.name} ${fmt(x.ms)}`).join('; ')}\n`);
        if (pageCpu) {
          const js = summarizeHostWindow(pageCpu, from, from + m.ms * 1000, 'devops-notes');
          process.stdout.write(`   page JS ${fmt(js.busyMs)} ms: ${js.self.slice(0, 10).map((x) => `${x.name} ${fmt(x.ms)}`).join('; ')}\n`);
        }
      }
    }
  }
}

if (require.main === module) main(process.argv[2] ?? '.');
