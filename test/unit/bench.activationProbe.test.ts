import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runProbe } from '../../bench/activation';

/**
 * The benchmark's "nothing scanned at activation" figure is only worth something if the probe
 * sees a scan when there is one: two tiny extensions, one that scans and one that does not.
 */
describe('bench activation probe', function () {
  this.timeout(60_000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dn-probe-'));
    mkdirSync(path.join(dir, 'site', 'content', 'posts'), { recursive: true });
    writeFileSync(path.join(dir, 'site', 'content', 'posts', 'a.md'), '---\ntitle: A\n---\n');
    writeFileSync(
      path.join(dir, 'clean.js'),
      "const vscode = require('vscode');\nexports.activate = (ctx) => { ctx.subscriptions.push(vscode.commands.registerCommand('x', () => 1)); return { activatedInMs: 0 }; };\n",
    );
    writeFileSync(
      path.join(dir, 'scans.js'),
      "const vscode = require('vscode');\nconst fs = require('fs');\n" +
        'exports.activate = () => { setTimeout(async () => {\n' +
        "  const root = vscode.workspace.workspaceFolders[0].uri;\n  await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, 'content'));\n" +
        "  fs.readdirSync(root.fsPath + '/content/posts');\n}, 20); };\n",
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('counts no workspace reads for an extension that only registers things', async () => {
    const r = await runProbe(path.join(dir, 'clean.js'), path.join(dir, 'site'));
    assert.equal(r.scanningCallsWithin1s, 0);
    assert.equal(r.apiCalls['commands.registerCommand'], 1);
    assert.equal(r.subscriptions, 1);
  });

  it('sees reads through workspace.fs and node fs that start after activate() returns', async () => {
    const r = await runProbe(path.join(dir, 'scans.js'), path.join(dir, 'site'));
    assert.equal(r.scanningCallsDuringActivate, 0);
    const names = r.firstScanningCalls.map((c) => c.name);
    assert.ok(names.includes('workspace.fs.readDirectory'), names.join(', '));
    assert.ok(names.includes('node:fs.readdirSync'), names.join(', '));
  });
});
