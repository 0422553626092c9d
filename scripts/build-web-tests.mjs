// Bundles the web suite (test/web/) for a browser's web worker extension host: one CommonJS file,
// `platform: 'browser'`, `vscode` external and nothing else required at run time (the worker's
// loader knows no other module), with mocha's browser build inside. Its entry requires every
// test/web/*.test.ts in file-name order once mocha has defined describe/it. Importing a Node
// built-in fails this build, as it would fail in the worker.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = path.join(root, 'test', 'web');

/**
 * Mocha's browser build is a UMD script: bundled as it is, it would see the `module` of the
 * bundle's loader and replace our exports with mocha. Run it where `module`, `exports` and
 * `define` are undefined, so it sets `globalThis.mocha` as in a page.
 */
const mochaAsBrowserScript = {
  name: 'mocha-browser-script',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]mocha[\\/]mocha\.js$/ }, (args) => ({
      contents: `(function (module, exports, define) {\n${readFileSync(args.path, 'utf8')}\n}).call(globalThis);\n`,
      loader: 'js',
    }));
  },
};

/**
 * Writes the bundle to `outFile` (it must lie inside the extension folder VS Code loads, so that
 * the tests run in that extension's host). `grep` runs matching tests only: a web worker has no
 * environment to read it from, so it is baked into the bundle.
 */
export async function buildWebTests(outFile, { grep } = {}) {
  const tests = readdirSync(srcDir).filter((f) => f.endsWith('.test.ts')).sort();
  const entry = [
    "const { run } = require('./index.ts');",
    `exports.run = () => run(() => {\n${tests.map((f) => `  require(${JSON.stringify(`./${f}`)});`).join('\n')}\n});`,
  ].join('\n');
  mkdirSync(path.dirname(outFile), { recursive: true });
  await esbuild.build({
    stdin: { contents: entry, resolveDir: srcDir, sourcefile: 'web-suite-entry.js', loader: 'js' },
    outfile: outFile,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    plugins: [mochaAsBrowserScript],
    define: { __WEB_TEST_OPTIONS__: JSON.stringify({ grep: grep || undefined }) },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { entry: outFile, tests };
}
