import * as vscode from 'vscode';
import type { FileSystem } from '../core/fs';
import { OwnedDisposable } from '../util/dispose';
import type { ShownDocuments } from '../util/shownDocuments';
import { checkAllPosts, type CheckAllSummary } from './checkAll';
import { FrontMatterCodeActionProvider } from './codeActions';
import { HugoVersionStatus } from './hugoStatus';
import { FrontMatterDiagnosticsManager } from './manager';
import { WorkspaceTermSpellings, type TermIndexSource } from './termSpellings';
import { documentSelector } from '../util/selectors';

export const CHECK_ALL_COMMAND = 'devopsNotes.frontMatter.checkAll';

/** What front matter checking needs from the composition root. */
export interface DiagnosticsDeps {
  /** The live post index: the posts "Check All Posts" visits and the term spellings of the workspace. */
  posts?: TermIndexSource;
  /** How post and Hugo config files are read (node's fs on the desktop, vscode.workspace.fs on the web). */
  fs: FileSystem;
  /** Which documents are shown in an editor: only those are checked live. */
  shown: ShownDocuments;
}

/**
 * Front matter checks: live diagnostics for Markdown posts, quick fixes, and "DevOps Notes:
 * Check All Posts". Registering reads nothing; open documents are checked right after activation.
 */
class DiagnosticsFeature extends OwnedDisposable {
  constructor(deps: DiagnosticsDeps) {
    super();
    const spellings = new WorkspaceTermSpellings(deps.posts);
    const manager = this._register(new FrontMatterDiagnosticsManager(deps.fs, spellings, deps.shown, deps.posts?.onDidChangePosts));
    const status = this._register(new HugoVersionStatus(manager.sites));
    this._register(manager.onDidForgetSites(() => status.update()));
    this._register(
      vscode.languages.registerCodeActionsProvider(documentSelector(['markdown']), new FrontMatterCodeActionProvider(manager), FrontMatterCodeActionProvider.metadata),
    );
    this._register(
      vscode.commands.registerCommand(CHECK_ALL_COMMAND, async (): Promise<CheckAllSummary> => {
        const summary = await checkAllPosts(manager, deps.posts);
        const found = `${summary.errors} errors, ${summary.warnings} warnings`;
        const head = summary.cancelled ? `Checked ${summary.checked} of ${summary.files} posts (cancelled)` : `Checked ${summary.files} posts`;
        void vscode.window.showInformationMessage(`${head}: ${found}.`, 'Show Problems').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
        return summary;
      }),
    );
  }
}

export function register(_context: vscode.ExtensionContext, deps: DiagnosticsDeps): vscode.Disposable {
  return new DiagnosticsFeature(deps);
}
