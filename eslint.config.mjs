import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What Node gives the build scripts and test launchers (no `globals` package for a dozen names). */
const NODE_GLOBALS = Object.fromEntries(
  ['AbortController', 'Buffer', 'TextDecoder', 'TextEncoder', 'URL', 'URLSearchParams', 'clearInterval', 'clearTimeout', 'console', 'fetch', 'performance', 'process', 'setInterval', 'setTimeout', 'structuredClone'].map((name) => [name, 'readonly']),
);
/** What the page gives the functions e2e scenarios and the host bench run in the workbench (`page.evaluate`). */
const BROWSER_GLOBALS = Object.fromEntries(['MutationObserver', 'document', 'getComputedStyle', 'requestAnimationFrame', 'window'].map((name) => [name, 'readonly']));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'demo/**', 'bench/sites/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      // The webview script has its own program (DOM types only there).
      parserOptions: { project: ['./tsconfig.json', './src/preview-webview/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is shared with the CLI and the benchmarks: it must not know VS Code.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core must not import vscode' }] }],
    },
  },
  {
    // The web suite runs in a browser's web worker extension host, where Node is absent.
    files: ['test/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['node:*'], message: 'test/web runs in a web worker: no Node built-ins' }],
        paths: ['fs', 'path', 'os', 'assert', 'util', 'crypto', 'child_process', 'worker_threads'].map((name) => ({ name, message: 'test/web runs in a web worker: no Node built-ins' })),
      }],
    },
  },
  {
    // Build scripts and test launchers: plain Node modules.
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: NODE_GLOBALS },
  },
  {
    files: ['test/e2e/**/*.mjs', 'bench/host/**/*.mjs'],
    languageOptions: { globals: BROWSER_GLOBALS },
  },
);
