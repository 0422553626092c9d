import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './documents';

// Shared with the web suite (test/web), which runs where `node:path` does not exist.
export { EXTENSION_ID, revertDocument } from './documents';

/** What activate() returns (see src/extension.ts). */
export interface DevOpsNotesApi {
  activatedInMs: number;
}

/**
 * The root of the workspace copy the launcher opened (a fresh copy of test/fixtures/workspace
 * per run, so tests may edit files, but must restore what they change for the tests after them).
 */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder (the launcher opens a copy of test/fixtures/workspace)');
  return folder.uri.fsPath;
}

/** A URI for a path relative to the workspace root, e.g. `content/posts/x.md`. */
export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), ...relativePath.split('/')));
}

/** Opens a workspace file in an editor and returns its document. */
export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Our extension, activated (opening a markdown file activates it; this also works before that). */
export async function activateDevOpsNotes(): Promise<vscode.Extension<DevOpsNotesApi>> {
  const ext = vscode.extensions.getExtension<DevOpsNotesApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  await ext.activate();
  return ext;
}

/**
 * Turns off auto save for the tests of a suite (code-server saves edits after a second by
 * default; these tests keep edits unsaved until they say otherwise); returns what restores it.
 */
export async function turnOffAutoSave(): Promise<() => Promise<void>> {
  const files = vscode.workspace.getConfiguration('files');
  const before = files.inspect<string>('autoSave')?.globalValue;
  await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  return async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', before, vscode.ConfigurationTarget.Global);
  };
}
