import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recordMetric } from './util/metrics';
import { EXTENSION_ID, openWorkspaceFile } from './util/workspace';

describe('activation', () => {
  it('declares lazy activation (markdown), never "*"', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(!events.includes('*'), `no "*" activation event (got ${events.join(', ')})`);
    assert.ok(events.includes('onLanguage:markdown'), 'activates on markdown files');
  });

  it('activates when a markdown post is opened', async () => {
    const ext = vscode.extensions.getExtension<{ activatedInMs: number }>(EXTENSION_ID);
    assert.ok(ext);
    const doc = await openWorkspaceFile('content/posts/buildkit-cache-basics.md');
    assert.equal(doc.languageId, 'markdown');
    // onLanguage activation is asynchronous; wait for it rather than calling activate() ourselves.
    const deadline = Date.now() + 15_000;
    while (!ext.isActive && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(ext.isActive, 'the extension activated after opening a markdown file');

    const api = ext.exports;
    assert.equal(typeof api?.activatedInMs, 'number', 'activate() returns { activatedInMs }');
    assert.ok(api.activatedInMs >= 0);
    recordMetric('activate.ownTimeMs', api.activatedInMs);
  });

  it('runs devopsNotes.showVersion and returns the version from package.json', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const pkg = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as { version: string };
    const version = await vscode.commands.executeCommand<string>('devopsNotes.showVersion');
    assert.equal(version, pkg.version);
  });

  it('contributes the DevOps Notes view container and command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('devopsNotes.showVersion'));
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const containers = (ext?.packageJSON as { contributes?: { viewsContainers?: { activitybar?: { id: string; title: string }[] } } })
      .contributes?.viewsContainers?.activitybar ?? [];
    assert.deepEqual(containers.map((c) => [c.id, c.title]), [['devopsNotes', 'DevOps Notes']]);
  });
});
