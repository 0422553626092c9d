import * as vscode from 'vscode';

// Helpers without Node built-ins, for the integration suite and the web suite (test/web) alike.

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'devops-notes.devops-notes';

/**
 * Reverts a document to its text on disk. The revert command acts on the active editor, and
 * under load focus can still be elsewhere when it runs, so this checks that the document is
 * clean afterwards and tries again if not.
 */
export async function revertDocument(doc: vscode.TextDocument): Promise<void> {
  for (let attempt = 0; attempt < 5 && doc.isDirty; attempt++) {
    await vscode.window.showTextDocument(doc, { preserveFocus: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    const deadline = Date.now() + 2000;
    while (doc.isDirty && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }
  if (doc.isDirty) throw new Error(`could not revert ${doc.uri.toString()}`);
}
