import * as vscode from 'vscode';
import { OwnedDisposable } from './dispose';

/**
 * Which documents are shown in an editor: in a tab of any group (a text or diff editor), or in a
 * visible editor. Live checks run for these only: VS Code opens documents in the background too
 * (a rename across 600 posts opens each), and checking those would flood Problems.
 */
export class ShownDocuments extends OwnedDisposable {
  private shown: Set<string> | undefined;
  private readonly emitter = this._register(new vscode.EventEmitter<{ shown: readonly string[]; hidden: readonly string[] }>());
  /** Fires with the URIs (as strings) that came into view and those that left it. */
  readonly onDidChange = this.emitter.event;

  constructor() {
    super();
    // A tab can appear before or after its document opens: callers also check on open.
    this._register(vscode.window.tabGroups.onDidChangeTabs(() => this.update()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.update()));
  }

  has(uri: vscode.Uri): boolean {
    return this.current().has(uri.toString());
  }

  private current(): Set<string> {
    if (this.shown) return this.shown;
    const out = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input;
        if (input instanceof vscode.TabInputText) out.add(input.uri.toString());
        else if (input instanceof vscode.TabInputTextDiff) {
          out.add(input.original.toString());
          out.add(input.modified.toString());
        }
      }
    }
    for (const editor of vscode.window.visibleTextEditors) out.add(editor.document.uri.toString());
    return (this.shown = out);
  }

  private update(): void {
    const before = this.shown ?? new Set<string>();
    this.shown = undefined;
    const after = this.current();
    const shown = [...after].filter((u) => !before.has(u));
    const hidden = [...before].filter((u) => !after.has(u));
    if (shown.length || hidden.length) this.emitter.fire({ shown, hidden });
  }
}
