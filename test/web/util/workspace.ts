import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/features';
import { EXTENSION_ID } from '../../integration/util/documents';

export { EXTENSION_ID, revertDocument } from '../../integration/util/documents';

/** What the web entry's activate() returns (src/web/extension.ts). */
export type WebApi = ExtensionApi & { host: { hasProcess: boolean } };

/**
 * The workspace folder the launcher opened: a copy of demo/ in code-server (`vscode-remote:`),
 * or test-web's mount of demo/ (`vscode-test-web:`, a virtual file system kept in memory).
 * Paths are joined as URIs: a web worker has no `path` module, and the scheme is not `file`.
 */
export function workspaceFolderUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the web suite needs a workspace folder (the launcher opens the demo site)');
  return folder.uri;
}

/** A URI for a path relative to the workspace folder, e.g. `content/posts/x.md`. */
export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolderUri(), ...relativePath.split('/'));
}

/** Opens a workspace file in an editor and returns its document. */
export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The extension, activated, and what its web entry returned. */
export async function activateDevOpsNotes(): Promise<{ ext: vscode.Extension<WebApi>; api: WebApi }> {
  const ext = vscode.extensions.getExtension<WebApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  const api = await ext.activate();
  return { ext, api };
}
