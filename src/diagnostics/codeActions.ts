import * as vscode from 'vscode';
import { codeOf, DIAGNOSTIC_SOURCE } from './convert';
import type { FrontMatterDiagnosticsManager } from './manager';

/**
 * Offers the core's quick fixes for our diagnostics. The fixes are plain text edits computed by
 * the core (the CLI could apply the same ones); here they become an undoable WorkspaceEdit.
 */
export class FrontMatterCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly manager: FrontMatterDiagnosticsManager) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const current = this.manager.fixableDiagnostics(document);
    const actions: vscode.CodeAction[] = [];
    for (const shown of ours) {
      // The same problem in the current text: same rule, same place.
      const match = current.find(
        (d) => d.code === codeOf(shown) && document.positionAt(d.start).isEqual(shown.range.start) && document.positionAt(d.end).isEqual(shown.range.end),
      );
      for (const fix of match?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [shown];
        action.isPreferred = fix.isPreferred === true;
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
        actions.push(action);
      }
    }
    return actions;
  }
}
