/** See hostBench.mjs. */

export interface HostBenchOptions {
  repoRoot: string;
  /** Windows with the extension and without it, one each per round. */
  rounds: number;
  /** Refreshes after the first index (their palette latencies are H7). */
  refreshes: number;
  /** Keys typed after the marker, one timed keystroke each (H4). */
  keys: string[];
  /** Timed breaking keystrokes after a warm-up one (H5). */
  squiggles: number;
  /** The generated site; each window gets a copy of it. */
  site: { dir: string; posts: number };
  /** The tag to rename, and the search and replace that edits the same lines. */
  term: {
    display: string;
    newName: string;
    /** The posts the rename edits, relative to the site, forward slashes. */
    posts: string[];
    /** Posts with the tag the rename leaves alone (it says so), and why. */
    skipped: { path: string; reason: string }[];
    /** The search's regular expression, and files it matches that the rename leaves alone. */
    regex: string;
    exclude: string[];
    occurrences: number;
  };
  /** The post typed into: marker at the end of `markerLine`, breaking key at the end of `breakLine`. */
  post: { path: string; markerLine: number; marker: string; breakLine: number; breakKey: string };
  /** The JSON file of the baseline's squiggle, written into every copy. */
  json: { path: string; text: string; breakLine: number; breakKey: string };
  /** The bench's in-process cold index of a folder (a fresh node process). */
  benchIndex(dir: string): Promise<{ ms: number; cpuMs: number; posts: number }>;
  log?(line: string): void;
  /** `--only`: the steps the asked rows need (bench/host/rows.ts hostSelection); every step without it. */
  steps?: readonly string[];
  /** `--profile`: where CPU profiles of the host and traces of the page around the timed steps go. */
  profileDir?: string;
}

export interface PaletteSample {
  ms: number;
  duringIndex?: boolean;
  indexMs?: number;
}

export interface WindowResult {
  kind: 'ours' | 'baseline';
  round: number;
  loadAverage: number[];
  errors: Record<string, string>;
  extensionErrors: string[];
  stepSeconds: Record<string, number>;
  benchIndex?: { ms: number; cpuMs: number; posts: number };
  ready?: {
    viewToRowsMs?: number;
    hostIndexMs?: number;
    posts?: number;
    /** Milliseconds after the click on the view's icon, from the host's logs. */
    timeline?: { activated: number; indexStarted: number; indexEnded: number; rowsShown: number };
  };
  memory?: { afterIndexMB: number; afterRefreshesMB?: number; pid: number; samePid?: boolean; palette: PaletteSample[] };
  rename?: {
    planMs: number;
    applyMs: number;
    question: string;
    savedMs: number;
    searchMs?: number;
    savedByRefactoring?: boolean;
    filesChanged?: number;
    expectedFiles?: number;
    undoMs?: number;
    filesHashed?: number;
    differingAfterUndo?: number;
  };
  preview?: { samples: number[] };
  squiggle?: { samples: number[] };
  /** `--profile`: the files written for this window, relative to the profile folder. */
  profiles?: string[];
}

export declare function runHostBench(options: HostBenchOptions): Promise<{ windows: WindowResult[] }>;
