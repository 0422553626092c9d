import * as vscode from 'vscode';
import { VERSION } from './core/version';
import { register as registerSnippets } from './snippets';

/** Wires the features together; each feature lives in its own folder with a `register` function. */
export function activate(context: vscode.ExtensionContext): { activatedInMs: number } {
  const started = performance.now();
  context.subscriptions.push(
    vscode.commands.registerCommand('devopsNotes.showVersion', () => {
      void vscode.window.showInformationMessage(`DevOps Notes ${VERSION}`);
      return VERSION;
    }),
  );
  context.subscriptions.push(registerSnippets(context, {}));
  return { activatedInMs: performance.now() - started };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
