import * as vscode from 'vscode';
import * as assert from './util/assert';
import { activateDevOpsNotes, workspaceFolderUri } from './util/workspace';

describe('web: the browser entry in a web worker extension host', () => {
  it('runs dist/web/extension.js where there is no Node.js', async () => {
    // The suite itself runs in the same worker: no `process`, no `require` of Node built-ins.
    assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no process object in the test worker');
    const { ext, api } = await activateDevOpsNotes();
    assert.equal(api.host.hasProcess, false, 'the entry saw no process object either');
    assert.equal(ext.extensionKind, vscode.ExtensionKind.UI, 'a web worker extension runs on the UI side');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    // The workspace is reached through VS Code's file system, not a local path.
    assert.ok(workspaceFolderUri().scheme !== 'file', `a remote or virtual workspace (got ${workspaceFolderUri().toString()})`);
    assert.equal(await vscode.commands.executeCommand<string>('devopsNotes.showVersion'), ext.packageJSON.version);
  });
});
