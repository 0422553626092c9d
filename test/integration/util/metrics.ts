/**
 * Numbers a test wants to report besides pass/fail (for example activation time). They land in
 * the results file the launcher reads and the benchmark can pick up; tests never assert on them.
 * Every test file is bundled separately, so the store lives on globalThis, not in this module.
 */
export interface Metric {
  value: number;
  unit: string;
}

const STORE_KEY = '__devopsNotesTestMetrics';

function store(): Record<string, Metric> {
  const g = globalThis as unknown as Record<string, Record<string, Metric> | undefined>;
  return (g[STORE_KEY] ??= {});
}

/** Records a metric; the last value for a name wins. */
export function recordMetric(name: string, value: number, unit = 'ms'): void {
  store()[name] = { value, unit };
}

/** All metrics recorded so far in this extension host. */
export function recordedMetrics(): Record<string, Metric> {
  return { ...store() };
}
