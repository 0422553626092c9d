import { formatMs, summarize } from '../lib/stats';
import { verdict, type Row } from '../report';
import type { HostBenchOptions, WindowResult } from './hostBench.mjs';

const ratioText = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const mb = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(1)} MB` : 'n/a');
const median = (xs: readonly number[]): number => summarize(xs).median;
const signedMs = (x: number): string => (x < 0 ? `−${formatMs(-x)}` : `+${formatMs(x)}`);

/**
 * Rows from the windows: per round, our window's figure against the baseline window's (or the
 * bench's run on the same copy), medians over rounds and the median of the rounds' own ratios.
 */
export function hostRows(windows: readonly WindowResult[], ctx: { smoke: boolean; retainedMB: number; term: HostBenchOptions['term'] }): Row[] {
  const { smoke } = ctx;
  const roundsOf = (kind: string): Map<number, WindowResult> => new Map(windows.filter((w) => w.kind === kind).map((w) => [w.round, w]));
  const ours = roundsOf('ours');
  const base = roundsOf('baseline');
  /**
   * Per round, [ours, baseline] values where both gave one: `b` reads the round's window without
   * the extension, or with `sameWindow` our own window (the bench's index of its copy).
   */
  const paired = (a: (w: WindowResult) => number | undefined, b: (w: WindowResult) => number | undefined, sameWindow = false): [number, number][] => {
    const out: [number, number][] = [];
    for (const [round, w] of ours) {
      const x = a(w);
      const other = sameWindow ? w : base.get(round);
      const y = other ? b(other) : undefined;
      if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y)) out.push([x, y]);
    }
    return out;
  };
  const errorsOf = (step: string): string =>
    windows
      .filter((w) => w.errors[step])
      .map((w) => `round ${w.round} ${w.kind}: ${w.errors[step]}`)
      .join('; ');
  const errorRow = (id: string, what: string, target: string, step: string): Row => ({ id, what, ours: 'ERROR', baseline: '—', ratio: '—', target, verdict: 'ERROR', note: errorsOf(step) || 'no window gave this figure' });
  const rows: Row[] = [];
  const n = (pairs: readonly unknown[]): string => `${pairs.length} round${pairs.length === 1 ? '' : 's'}`;
  const withErrors = (note: string, step: string): string => (errorsOf(step) ? `${note}; failed: ${errorsOf(step)}` : note);

  // H1: the view's icon clicked → first tag rows; the bench's cold index of the same copy just before.
  {
    const pairs = paired((w) => w.ready?.viewToRowsMs, (w) => w.benchIndex?.ms, true);
    const what = 'Posts by Tag: view opened → first tag rows, 10k-site copy'.replace('10k', smoke ? '1k' : '10k');
    const target = '≤ 1.2× bench index + 0.5 s';
    if (pairs.length === 0) rows.push(errorRow('H1', what, target, 'ready'));
    else {
      const margin = median(pairs.map(([x, y]) => x - 1.2 * y));
      const lines = [...ours.values()].flatMap((w) => (w.ready?.timeline ? [w.ready.timeline] : []));
      const at = (k: 'activated' | 'indexStarted' | 'indexEnded' | 'rowsShown'): string => formatMs(median(lines.map((l) => l[k])));
      const timeline = lines.length ? `; after the click (medians, from the host's logs): extension activated ${signedMs(median(lines.map((l) => l.activated)))}, scan started ${at('indexStarted')}, ended ${at('indexEnded')}, rows painted ${at('rowsShown')}` : '';
      rows.push({
        id: 'H1',
        what,
        ours: formatMs(median(pairs.map((p) => p[0]))),
        baseline: `${formatMs(median(pairs.map((p) => p[1])))} (bench index)`,
        ratio: ratioText(median(pairs.map(([x, y]) => x / y))),
        target,
        verdict: verdict(margin <= 500, smoke),
        note: withErrors(`${n(pairs)}; from the click on the view's icon, once the window's extension host has started its extensions, to the first term row painted (activation if not yet done, the first scan, the tree's first paint); median margin over 1.2× the bench's cold index of the same copy: ${signedMs(margin)} (0.5 s allowed for activation and rendering)${timeline}`, 'ready'),
        data: { pairs },
      });
    }
  }
  // H1b: the extension's own index time (its log) against the bench's, same copy, same round.
  {
    const pairs = paired((w) => w.ready?.hostIndexMs, (w) => w.benchIndex?.ms, true);
    const what = 'Index time: extension host (its log) vs npm run bench';
    if (pairs.length === 0) rows.push(errorRow('H1b', what, '≤ 1.20×', 'ready'));
    else {
      const r = median(pairs.map(([x, y]) => x / y));
      rows.push({
        id: 'H1b',
        what,
        ours: formatMs(median(pairs.map((p) => p[0]))),
        baseline: formatMs(median(pairs.map((p) => p[1]))),
        ratio: ratioText(r),
        target: '≤ 1.20×',
        verdict: verdict(r <= 1.2, smoke),
        note: `${n(pairs)}; "indexed N posts in X ms" of the DevOps Notes: Post Index log against the bench's cold-index worker on the same copy just before the window opened; bench CPU medians ${formatMs(median(windows.flatMap((w) => (w.benchIndex ? [w.benchIndex.cpuMs] : []))))}`,
        data: { pairs },
      });
    }
  }
  // H2 and H3: rename against Replace All.
  {
    const what = `Rename a tag of ${ctx.term.posts.length + ctx.term.skipped.length} posts: Enter → confirmation`;
    const pairs = paired((w) => w.rename?.planMs, (w) => w.rename?.planMs);
    if (pairs.length === 0) rows.push(errorRow('H2', what, '≤ 1 s', 'rename'));
    else {
      const ms = median(pairs.map((p) => p[0]));
      const searchMs = windows.flatMap((w) => (w.kind === 'baseline' && w.rename?.searchMs !== undefined ? [w.rename.searchMs] : []));
      rows.push({
        id: 'H2',
        what,
        ours: formatMs(ms),
        baseline: `${formatMs(median(pairs.map((p) => p[1])))} (Replace All)`,
        ratio: ratioText(median(pairs.map(([x, y]) => x / y))),
        target: '≤ 1 s',
        verdict: verdict(ms <= 1000, smoke),
        note: withErrors(`${n(pairs)}; ours: Enter in the new-name box → the modal "${windows.find((w) => w.kind === 'ours' && w.rename)?.rename?.question ?? ''}"; baseline: a click on Replace All → its modal "${windows.find((w) => w.kind === 'baseline' && w.rename)?.rename?.question ?? ''}", after its search had listed the lines (the search itself took ${formatMs(median(searchMs))})`, 'rename'),
        data: { pairs, searchMs },
      });
    }
  }
  {
    const what = 'Rename: confirm → tree shows the new name vs Replace All applied';
    const pairs = paired((w) => w.rename?.applyMs, (w) => w.rename?.applyMs);
    if (pairs.length === 0) rows.push(errorRow('H3', what, '≤ 1.00× Replace All', 'rename'));
    else {
      const r = median(pairs.map(([x, y]) => x / y));
      const saved = (kind: string): number => median(windows.flatMap((w) => (w.kind === kind && w.rename ? [w.rename.savedMs] : [])));
      rows.push({
        id: 'H3',
        what,
        ours: formatMs(median(pairs.map((p) => p[0]))),
        baseline: formatMs(median(pairs.map((p) => p[1]))),
        ratio: ratioText(r),
        target: '≤ 1.00× Replace All',
        verdict: verdict(r <= 1, smoke),
        note: `${n(pairs)}; ours: a click on Rename → the renamed tag's row painted in the tree; Replace All: a click on Replace → "Replaced N occurrences…" shown; every file saved on disk (polled every 0.5 s): ours ${formatMs(saved('ours'))}, Replace All ${formatMs(saved('baseline'))} after the click`,
        data: { pairs },
      });
    }
    const undone = windows.filter((w) => w.kind === 'ours' && w.rename);
    if (undone.length === 0) rows.push(errorRow('H3u', 'Rename then one undo: every byte restored', 'every file', 'rename'));
    else {
      const ok = undone.every((w) => w.rename!.differingAfterUndo === 0 && w.rename!.filesChanged === w.rename!.expectedFiles);
      const r = undone[0].rename!;
      rows.push({
        id: 'H3u',
        what: 'Rename then one undo: every byte restored',
        ours: undone.map((w) => `${w.rename!.filesChanged} changed, ${w.rename!.differingAfterUndo} differ after undo`).join('; '),
        baseline: '—',
        ratio: '—',
        target: 'every file (SHA-1)',
        // A correctness check, not a timing: it holds in a smoke run too.
        verdict: ok ? 'MET' : 'NOT MET',
        note: `SHA-1 of all ${r.filesHashed} files of the copy before the rename and after one undo (Undo in N Files) and Save All; the rename changed the ${r.expectedFiles} posts it planned to${ctx.term.skipped.length ? ` and left ${ctx.term.skipped.map((k) => `${k.path} alone (${k.reason})`).join(', ')}, as its dialog said` : ''}; the undo and its save took ${formatMs(median(undone.map((w) => w.rename!.undoMs ?? NaN)))}`,
      });
    }
  }
  // H4: keystroke → preview.
  {
    const what = 'Keystroke → preview updated vs built-in Markdown preview';
    const pairs = paired((w) => (w.preview ? median(w.preview.samples) : undefined), (w) => (w.preview ? median(w.preview.samples) : undefined));
    if (pairs.length === 0) rows.push(errorRow('H4', what, '≤ 1.00× built-in', 'preview'));
    else {
      const r = median(pairs.map(([x, y]) => x / y));
      rows.push({
        id: 'H4',
        what,
        ours: formatMs(median(pairs.map((p) => p[0]))),
        baseline: formatMs(median(pairs.map((p) => p[1]))),
        ratio: ratioText(r),
        target: '≤ 1.00× built-in',
        verdict: verdict(r <= 1, smoke),
        note: withErrors(`${n(pairs)}, each the median of ${windows.find((w) => w.preview)?.preview?.samples.length ?? 0} keys typed 0.8 s apart at the start of a post's body; keydown → the frame after the webview's text shows the key`, 'preview'),
        data: { pairs, samples: windows.map((w) => ({ kind: w.kind, round: w.round, samples: w.preview?.samples })) },
      });
    }
  }
  // H5: breaking keystroke → squiggle.
  {
    const what = 'Breaking keystroke → squiggle vs built-in JSON check';
    const pairs = paired((w) => (w.squiggle ? median(w.squiggle.samples) : undefined), (w) => (w.squiggle ? median(w.squiggle.samples) : undefined));
    if (pairs.length === 0) rows.push(errorRow('H5', what, '≤ JSON + 50 ms', 'squiggle'));
    else {
      const diff = median(pairs.map(([x, y]) => x - y));
      rows.push({
        id: 'H5',
        what,
        ours: formatMs(median(pairs.map((p) => p[0]))),
        baseline: formatMs(median(pairs.map((p) => p[1]))),
        ratio: ratioText(median(pairs.map(([x, y]) => x / y))),
        target: '≤ JSON + 50 ms',
        verdict: verdict(diff <= 50, smoke),
        note: withErrors(`${n(pairs)}, each the median of ${windows.find((w) => w.squiggle)?.squiggle?.samples.length ?? 0} keys after a warm-up one; ours: a quote typed after a post's YAML title (fm/syntax); JSON: a trailing comma typed in a .json file (VS Code's JSON language server); keydown → the frame after the new squiggle; median difference ${signedMs(diff)}`, 'squiggle'),
        data: { pairs },
      });
    }
  }
  // H6: extension host memory.
  {
    const what = 'Extension host RSS after the first index, growth over no extension';
    const pairs = paired((w) => w.memory?.afterIndexMB, (w) => w.memory?.afterIndexMB);
    const limit = 2 * ctx.retainedMB;
    if (pairs.length === 0) rows.push(errorRow('H6a', what, `≤ 2× retained index`, 'memory'));
    else {
      const growth = median(pairs.map(([x, y]) => x - y));
      rows.push({
        id: 'H6a',
        what,
        ours: `+${mb(growth)} (${mb(median(pairs.map((p) => p[0])))})`,
        baseline: `${mb(median(pairs.map((p) => p[1])))} (no extension)`,
        ratio: ratioText(median(pairs.map(([x, y]) => x / y))),
        target: `≤ +${mb(limit)} (2× retained index)`,
        verdict: verdict(growth <= limit, smoke),
        note: withErrors(`${n(pairs)}; VmRSS of the window's one --type=extensionHost process, ${SETTLE_SECONDS} s after the first index (ours) or after the extensions went idle (no extension, same folder); the retained index is row 6 of npm run bench, ${mb(ctx.retainedMB)}, measured in this run`, 'memory'),
        data: { pairs },
      });
    }
    const refresh = [...ours.values()].flatMap((w) => (w.memory?.afterRefreshesMB !== undefined ? [[w.memory.afterRefreshesMB, w.memory.afterIndexMB] as [number, number]] : []));
    const refreshes = [...ours.values()].find((w) => w.memory)?.memory?.palette.length ?? 0;
    const what2 = `Extension host RSS after ${refreshes}× Refresh vs after the first index`;
    if (refresh.length === 0) rows.push(errorRow('H6b', what2, '≤ 1.10×', 'memory'));
    else {
      const r = median(refresh.map(([x, y]) => x / y));
      rows.push({
        id: 'H6b',
        what: what2,
        ours: mb(median(refresh.map((p) => p[0]))),
        baseline: `${mb(median(refresh.map((p) => p[1])))} (first index)`,
        ratio: ratioText(r),
        target: '≤ 1.10×',
        verdict: verdict(r <= 1.1, smoke),
        note: `${n(refresh)}; same process (pid unchanged: ${[...ours.values()].every((w) => w.memory?.samePid !== false)}), ${SETTLE_SECONDS} s after the last refresh's index`,
        data: { pairs: refresh },
      });
    }
  }
  // H7: the palette while indexing.
  {
    const what = 'Command palette: F1 → list shown, while indexing vs no extension';
    const pairs = paired((w) => (w.memory ? median(w.memory.palette.map((p) => p.ms)) : undefined), (w) => (w.memory ? median(w.memory.palette.map((p) => p.ms)) : undefined));
    if (pairs.length === 0) rows.push(errorRow('H7', what, '≤ no extension + 50 ms', 'memory'));
    else {
      const samples = [...ours.values()].flatMap((w) => w.memory?.palette ?? []);
      const during = samples.filter((p) => p.duringIndex).length;
      const diff = median(pairs.map(([x, y]) => x - y));
      rows.push({
        id: 'H7',
        what,
        ours: formatMs(median(pairs.map((p) => p[0]))),
        baseline: formatMs(median(pairs.map((p) => p[1]))),
        ratio: ratioText(median(pairs.map(([x, y]) => x / y))),
        target: '≤ no extension + 50 ms',
        verdict: verdict(diff <= 50, smoke),
        note: `${n(pairs)}; ours: F1 right after each Refresh Posts, ${during} of ${samples.length} opened and shown while the index ran (its log); no extension: F1 right after View: Show Explorer run from the palette, in a window on the same folder; median difference ${signedMs(diff)}`,
        data: { pairs, samples },
      });
    }
  }
  return rows;
}

/** How long after the work memory is read (hostBench.mjs's SETTLE_MS), for the notes. */
const SETTLE_SECONDS = 3;

/** Every row the host bench prints, in its order. */
export const HOST_ROW_IDS = ['H1', 'H1b', 'H2', 'H3', 'H3u', 'H4', 'H5', 'H6a', 'H6b', 'H7'] as const;

/**
 * The work a window (or the run before it) does for some rows; every window also waits for its
 * host to start and, with the extension, opens the view and waits for the first index (`ready`),
 * so each step starts from the state the full run gives it.
 */
export type HostStep = 'benchIndex' | 'retained' | 'memory' | 'rename' | 'preview' | 'squiggle';

const STEPS_OF_ROW: Record<(typeof HOST_ROW_IDS)[number], readonly HostStep[]> = {
  H1: ['benchIndex'],
  H1b: ['benchIndex'],
  H2: ['rename'],
  H3: ['rename'],
  H3u: ['rename'],
  H4: ['preview'],
  // The full run types H5's keys into the post H4 typed into, its preview still open beside it.
  H5: ['preview', 'squiggle'],
  // The refreshes (H6b) are the palette's moments (H7): one step.
  H6a: ['memory', 'retained'],
  H6b: ['memory'],
  H7: ['memory'],
};

/**
 * `--only=H5,H7`: the rows asked for (any case, in the table's order) and the steps they need;
 * undefined without the option (every row, every step). Throws on an id the bench does not print.
 */
export function hostSelection(arg: string | undefined): { rows: string[]; steps: HostStep[] } | undefined {
  if (arg === undefined) return undefined;
  const asked = arg.split(',').map((s) => s.trim()).filter(Boolean);
  const rows = new Set<string>();
  for (const a of asked) {
    const id = HOST_ROW_IDS.find((r) => r.toLowerCase() === a.toLowerCase());
    if (!id) throw new Error(`--only: no row "${a}" (rows: ${HOST_ROW_IDS.join(', ')})`);
    rows.add(id);
  }
  if (rows.size === 0) throw new Error(`--only needs row ids (rows: ${HOST_ROW_IDS.join(', ')})`);
  const ids = HOST_ROW_IDS.filter((r) => rows.has(r));
  const steps = new Set(ids.flatMap((r) => STEPS_OF_ROW[r]));
  return { rows: ids, steps: (['benchIndex', 'retained', 'memory', 'rename', 'preview', 'squiggle'] as const).filter((s) => steps.has(s)) };
}
