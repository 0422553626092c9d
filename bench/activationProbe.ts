import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import { createFakeVscode, isScanningCall, type ApiCall } from './fakeVscode';

/**
 * Loads the built extension bundle under a recording `vscode` stand-in (see fakeVscode.ts) with a
 * generated site as the workspace, calls activate(), waits a little for anything it starts in
 * the background, and prints what it touched. Bundled by esbuild and run under plain node, so
 * no TypeScript loader sits in the timings. Usage: node probe.js <dist/extension.js> <site root>
 */
async function main(): Promise<void> {
  const [bundle, workspace] = process.argv.slice(2);
  const { vscode, calls, context } = createFakeVscode(workspace);
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  watchNodeFs(workspace, calls);

  const loadStarted = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(path.resolve(bundle)) as { activate(ctx: unknown): unknown };
  const loadMs = performance.now() - loadStarted;
  const callsBeforeActivate = calls.length;
  const activateStarted = performance.now();
  const api = (await Promise.resolve(extension.activate(context))) as { activatedInMs?: number } | undefined;
  const activateMs = performance.now() - activateStarted;
  const inActivate = calls.slice(callsBeforeActivate).filter(isScanningCall).length;
  await new Promise((r) => setTimeout(r, 1000));
  const scanning = calls.filter(isScanningCall);
  const names = new Map<string, number>();
  for (const c of calls) names.set(c.name, (names.get(c.name) ?? 0) + 1);
  const result = {
    loadMs,
    activateMs,
    selfReportedMs: api?.activatedInMs,
    subscriptions: (context as { subscriptions: unknown[] }).subscriptions.length,
    scanningCallsDuringActivate: inActivate,
    scanningCallsWithin1s: scanning.length,
    firstScanningCalls: scanning.slice(0, 5),
    apiCalls: Object.fromEntries(names),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

/** node's fs too: a feature could bypass workspace.fs. */
function watchNodeFs(root: string, calls: ApiCall[]): void {
  const t0 = performance.now();
  const inWorkspace = (p: unknown) => typeof p === 'string' && path.resolve(p).startsWith(path.resolve(root));
  const wrap = <K extends string>(owner: Record<K, unknown>, key: K, name: string) => {
    const original = owner[key] as (...args: unknown[]) => unknown;
    owner[key] = function (this: unknown, ...args: unknown[]) {
      if (inWorkspace(args[0])) calls.push({ name, atMs: performance.now() - t0, arg: String(args[0]) });
      return original.apply(this, args);
    } as unknown as Record<K, unknown>[K];
  };
  // The real module objects (the bundle's `require('fs')` gets these), not a bundler's namespace copy.
  const sync = createRequire(__filename)('node:fs') as Record<string, unknown> & { promises: Record<string, unknown> };
  const promises = sync.promises;
  for (const k of ['readdir', 'readFile', 'open', 'stat', 'opendir']) wrap(promises, k, `node:fs.promises.${k}`);
  for (const k of ['readdirSync', 'readFileSync', 'statSync', 'openSync']) wrap(sync, k, `node:fs.${k}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
