import * as assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '..', '..');
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

interface WebBuild {
  /** Node built-ins the bundle would import (as externals, or as failed resolutions). */
  builtins: string[];
  /** Every module a `require()` in the output names. */
  requires: string[];
  inputs: string[];
}

/** Builds an entry as scripts/build.mjs builds the web entry, in memory, with a metafile. */
async function buildForWeb(options: esbuild.BuildOptions): Promise<WebBuild> {
  const result = await esbuild.build({
    ...options,
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    // Minified as released, so comments (a library's doc example of require()) do not count.
    minify: true,
    legalComments: 'none',
    // Built-ins are let through as externals, so they show in the metafile instead of failing the build.
    plugins: [{ name: 'builtins', setup: (b) => b.onResolve({ filter: /^[a-z_:/]+$/ }, (a) => (NODE_BUILTINS.has(a.path) ? { path: a.path, external: true } : undefined)) }],
  });
  const imports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
  const out = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  return {
    builtins: [...new Set(imports.filter((p) => NODE_BUILTINS.has(p)))].sort(),
    requires: [...new Set([...out.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))].sort(),
    inputs: Object.keys(result.metafile.inputs),
  };
}

describe('web entry bundle (package.json "browser")', function () {
  this.timeout(60_000);
  let options: esbuild.BuildOptions;
  let web: WebBuild;

  before(async () => {
    ({ webEntryOptions: options } = (await import('../../scripts/web-entry.mjs')) as { webEntryOptions: esbuild.BuildOptions });
    web = await buildForWeb(options);
  });

  it('is what package.json names as "browser", for the browser platform, with vscode external', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main?: string; browser?: string };
    assert.equal(path.posix.normalize(manifest.browser ?? ''), options.outfile);
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(options.platform, 'browser');
    assert.deepEqual(options.external, ['vscode']);
  });

  it('imports no Node built-in, and requires nothing but vscode', () => {
    assert.deepEqual(web.builtins, []);
    assert.deepEqual(web.requires, ['vscode']);
    // The features it must carry are in it.
    for (const f of ['src/tags/postIndexService.ts', 'src/diagnostics/codeActions.ts', 'src/preview/previewManager.ts', 'src/core/render/markdownRenderer.ts', 'src/core/index/liveIndex.ts']) {
      assert.ok(web.inputs.includes(f), `${f} is in the web bundle`);
    }
    assert.ok(!web.inputs.some((f) => f.startsWith('src/node/') || f.startsWith('src/threads/')), 'nothing of src/node/ or src/threads/ (node fs, threads)');
  });

  it('the check catches an entry that reaches a Node built-in', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dnotes-web-'));
    try {
      const entry = path.join(dir, 'entry.ts');
      fs.writeFileSync(entry, "import { nodeFileSystem } from '" + path.join(root, 'src/node/nodeFileSystem').replace(/\\/g, '/') + "';\nexport const fs = nodeFileSystem;\n");
      const bad = await buildForWeb({ ...options, entryPoints: [entry], outfile: path.join(dir, 'out.js') });
      assert.deepEqual(bad.builtins, ['node:fs']);
      assert.ok(bad.requires.includes('node:fs'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
