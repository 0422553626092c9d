import * as vscode from 'vscode';
import { PREVIEW_OPEN_COMMAND, TAGS_VIEW_ID } from '../tags/ids';

/** Set by `npm start` to the demo post (relative to the workspace folder) the first screen shows. */
export const DEMO_POST_ENV = 'DEVOPS_NOTES_DEMO_POST';
export const WALKTHROUGH_ID = 'devops-notes.devops-notes#devopsNotes.start';

/**
 * The first screen of `npm start`: the Posts by Tag view, the walkthrough, and a demo post with
 * its preview beside it. Does nothing unless `npm start` asked for it (no user ever sets the variable).
 */
export function register(): vscode.Disposable {
  const post = typeof process === 'undefined' ? undefined : process.env[DEMO_POST_ENV];
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!post || !folder) return new vscode.Disposable(() => {});
  let cancelled = false;
  void showDemo(vscode.Uri.joinPath(folder.uri, ...post.split('/')), () => cancelled).catch((err: unknown) => {
    console.error('[devops-notes] could not open the demo screen', err);
  });
  return new vscode.Disposable(() => {
    cancelled = true;
  });
}

async function showDemo(postUri: vscode.Uri, cancelled: () => boolean): Promise<void> {
  await vscode.commands.executeCommand(`${TAGS_VIEW_ID}.focus`);
  if (cancelled()) return;
  // The walkthrough first, so the post's tab is the active one in the left group.
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
  if (cancelled()) return;
  const doc = await vscode.workspace.openTextDocument(postUri);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  if (cancelled()) return;
  await vscode.commands.executeCommand(PREVIEW_OPEN_COMMAND, doc.uri);
}
