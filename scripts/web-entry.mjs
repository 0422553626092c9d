// The web entry (package.json `browser`) for a browser's web worker extension host: one CommonJS
// file with `vscode` external and no Node built-ins. scripts/build.mjs builds it; the unit test
// test/unit/web.bundle.test.ts builds it again with a metafile to prove nothing of Node is in it.

/** @type {import('esbuild').BuildOptions} */
export const webEntryOptions = {
  entryPoints: ['src/web/extension.ts'],
  outfile: 'dist/web/extension.js',
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
};
