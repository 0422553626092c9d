import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

const root = path.resolve(__dirname, '..', '..');

interface WebSuiteBuild {
  entry: string;
  tests: string[];
}

/**
 * Loads a CommonJS bundle the way VS Code's web worker extension host loads an extension or a
 * test module: its source wrapped in a function of (module, exports, require), where require knows
 * only `vscode`. Runs in a fresh context, so mocha's browser build sets its globals there.
 */
function loadLikeWebWorkerHost(source: string): { exports: Record<string, unknown>; global: Record<string, unknown>; required: string[] } {
  const context = vm.createContext({ console, setTimeout, clearTimeout, setInterval, clearInterval });
  const required: string[] = [];
  const load = vm.runInContext(`(function (module, exports, require) {\n${source}\n})`, context) as (m: object, e: object, r: (id: string) => unknown) => void;
  const module: { exports: Record<string, unknown> } = { exports: {} };
  load(module, module.exports, (id) => {
    required.push(id);
    if (id !== 'vscode') throw new Error(`Cannot load module '${id}'`);
    return { version: '0.0.0-test' };
  });
  return { exports: module.exports, global: vm.runInContext('globalThis', context) as Record<string, unknown>, required };
}

describe('web suite bundle (test/web, run in a web worker extension host)', function () {
  this.timeout(60_000);
  let dir: string;
  let built: WebSuiteBuild;
  let source: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dnotes-websuite-'));
    const { buildWebTests } = await import('../../scripts/build-web-tests.mjs');
    built = await buildWebTests(path.join(dir, 'index.js'), { grep: 'preview opens' });
    source = fs.readFileSync(built.entry, 'utf8');
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('bundles every test/web/*.test.ts and requires nothing but vscode at run time', () => {
    const expected = fs.readdirSync(path.join(root, 'test', 'web')).filter((f) => f.endsWith('.test.ts')).sort();
    assert.deepEqual(built.tests, expected);
    assert.ok(built.tests.length >= 5);
    // Lines of comments left out (mocha's own doc comments show `require('mocha')`).
    const code = source.split('\n').filter((l) => !/^\s*(\*|\/\/)/.test(l)).join('\n');
    const requires = [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))];
    assert.deepEqual(requires, ['vscode']);
  });

  it('exports run() to VS Code, with mocha on the global object, not in module.exports', () => {
    // Mocha's browser build is a UMD script: seeing the loader's `module`, it would replace the
    // bundle's exports with itself, and VS Code would call mocha.run() instead of ours.
    const { exports, global, required } = loadLikeWebWorkerHost(source);
    assert.deepEqual(Object.keys(exports), ['run']);
    assert.equal(typeof exports.run, 'function');
    const mocha = global.mocha as { setup?: unknown; run?: unknown } | undefined;
    assert.equal(typeof mocha?.setup, 'function', 'mocha\'s browser build defined globalThis.mocha');
    assert.notEqual(mocha, exports);
    assert.deepEqual([...new Set(required)], ['vscode']);
  });

  it('carries the grep it was built with (a web worker has no environment)', () => {
    assert.match(source, /grep: "preview opens"/);
  });

  it('logs its results behind the marker the launchers look for', async () => {
    const { RESULTS_MARKER, resultsFromLines } = await import('../launch/web-suite.mjs');
    const suiteSource = fs.readFileSync(path.join(root, 'test', 'web', 'index.ts'), 'utf8');
    assert.equal(suiteSource.match(/export const RESULTS_MARKER = '([^']+)'/)?.[1], RESULTS_MARKER);
    const results = { passes: 1, failures: 0, tests: [{ title: 't', state: 'passed' }] };
    assert.deepEqual(resultsFromLines(['noise', `[Extension Host] ${RESULTS_MARKER}{"cut`, `${RESULTS_MARKER}${JSON.stringify(results)}`]), results);
    assert.equal(resultsFromLines(['no results here']), undefined);
  });
});
