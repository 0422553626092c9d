// Bundles the integration suite for the extension host: test/integration/index.ts (the run()
// entry, with mocha inside) and every test/integration/*.test.ts as its own file in
// dist/test/integration/, which index.js finds and hands to mocha. `vscode` stays external.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = path.join(root, 'test', 'integration');
export const integrationOutDir = path.join(root, 'dist', 'test', 'integration');

/**
 * Bundles into `outDir` (default dist/test/integration/, which the F5 "Extension Tests" launch
 * uses). The launchers give each run its own folder, so parallel runs never rebuild the bundle
 * another run is executing.
 */
export async function buildIntegrationTests(outDir = integrationOutDir) {
  const tests = readdirSync(srcDir).filter((f) => f.endsWith('.test.ts')).sort();
  // Start clean so a deleted or renamed test does not keep running from an old bundle.
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ['index.ts', ...tests].map((f) => path.join(srcDir, f)),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    // As for the extension: jsonc-parser's default UMD build cannot be bundled (see build.mjs).
    mainFields: ['module', 'main'],
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // Inline maps let the debugger (F5 "Extension Tests") stop on breakpoints in the .ts sources.
    sourcemap: 'inline',
    logLevel: 'warning',
    // Mocha's loader keeps a dynamic require() for test files (intended); its parallel mode,
    // which resolves worker files at run time, is not used here.
    logOverride: { 'unsupported-require-call': 'silent', 'require-resolve-not-external': 'silent' },
  });
  return { entry: path.join(outDir, 'index.js'), dir: outDir, tests };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { tests } = await buildIntegrationTests();
  console.log(`esbuild: bundled the integration suite (${tests.length} test files) into ${path.relative(process.cwd(), integrationOutDir)}/`);
}
