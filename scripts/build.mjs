// Bundles the extension (node/cjs, `vscode` external), its web entry, the preview webview (browser)
// and the CLI.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { webEntryOptions } from './web-entry.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  define: { __DEVOPS_NOTES_VERSION__: JSON.stringify(pkg.version) },
};
// Prefer packages' ES module builds on node too: jsonc-parser's default (UMD) build loads its
// parts with a require() esbuild cannot follow, and the bundle then fails at startup.
const nodeMainFields = ['module', 'main'];

const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    mainFields: nodeMainFields,
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The preview's renderer (markdown-it and src/core/render), loaded on the first preview.
    ...common,
    entryPoints: ['src/preview/rendererBundle.ts'],
    outfile: 'dist/renderer.js',
    platform: 'node',
    mainFields: nodeMainFields,
    format: 'cjs',
    target: 'node20',
  },
  // Threads of the post index (src/threads/indexThreads.ts), for the extension, CLI and benchmarks:
  // ones that read and parse posts, and ones that only read the first bytes of files.
  // The read-ahead thread of `devops-notes check` (src/threads/readAhead.ts).
  ...['indexWorker', 'prefixWorker', 'readAheadWorker'].map((name) => ({
    ...common,
    entryPoints: [`src/threads/${name}.ts`],
    outfile: `dist/${name}.js`,
    platform: 'node',
    mainFields: nodeMainFields,
    format: 'cjs',
    target: 'node20',
  })),
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    mainFields: nodeMainFields,
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The CLI's `render` command (markdown-it and the renderer), which dist/cli.js loads only for it.
    ...common,
    entryPoints: ['src/cli/render.ts'],
    outfile: 'dist/cliRender.js',
    platform: 'node',
    mainFields: nodeMainFields,
    format: 'cjs',
    target: 'node20',
  },
];
targets.push({ ...common, ...webEntryOptions });
if (existsSync('src/preview-webview/main.ts')) {
  targets.push({
    ...common,
    entryPoints: ['src/preview-webview/main.ts'],
    outfile: 'dist/preview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  console.log(`esbuild: built ${targets.length} bundles${production ? ' (production)' : ''}`);
}
