import * as vscode from 'vscode';
import { OwnedDisposable } from '../util/dispose';
import type { PostSource } from '../workspace/postSource';
import { isPreviewable, PreviewManager } from './previewManager';
import { PREVIEW_VIEW_TYPE } from './protocol';
import type { RendererBundle } from './renderService';

export interface PreviewDeps {
  /** The live post index, for `ref`/`relref` lookups; without it the preview searches the workspace. */
  posts?: PostSource;
  /** The renderer, when the entry bundles it (the web entry); else it is loaded from dist/renderer.js. */
  rendererBundle?: () => RendererBundle;
}

/** Commands of this feature (also contributed in package.json). */
export const PREVIEW_COMMANDS = {
  open: 'devopsNotes.preview.open',
  openLocked: 'devopsNotes.preview.openLocked',
  toggleLock: 'devopsNotes.preview.toggleLock',
  showSource: 'devopsNotes.preview.showSource',
  /**
   * Not contributed, and absent in production: integration tests read the panels' state through
   * it, and deliver clicks as the webview would send them (a test cannot click inside a webview).
   */
  testState: 'devopsNotes.preview.testState',
} as const;

/**
 * The Hugo-aware preview: commands to open it beside the editor (following or locked), the
 * serializer that brings panels back after a reload, and the manager that keeps them live.
 * Registering creates no panel and reads no file.
 */
class PreviewFeature extends OwnedDisposable {
  private manager?: PreviewManager;

  constructor(private readonly context: vscode.ExtensionContext, private readonly deps: PreviewDeps) {
    super();
    this._register(vscode.commands.registerCommand(PREVIEW_COMMANDS.open, (uri?: unknown) => this.open(uri, false)));
    this._register(vscode.commands.registerCommand(PREVIEW_COMMANDS.openLocked, (uri?: unknown) => this.open(uri, true)));
    this._register(vscode.commands.registerCommand(PREVIEW_COMMANDS.toggleLock, () => this.manager?.toggleLock()));
    this._register(
      vscode.commands.registerCommand(PREVIEW_COMMANDS.showSource, async () => {
        const panel = this.manager?.activePanel();
        if (panel) await vscode.window.showTextDocument(panel.resource, { viewColumn: vscode.ViewColumn.One });
      }),
    );
    this._register(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => this.getManager().restore(panel, state),
      }),
    );
    if (context.extensionMode !== vscode.ExtensionMode.Production) {
      this._register(
        vscode.commands.registerCommand(PREVIEW_COMMANDS.testState, async (options?: { waitForUri?: string; deliver?: { documentUri: string; message: unknown }; loseRenders?: { documentUri: string; count: number }; loseAcks?: { documentUri: string } }) => {
          if (options?.loseRenders) this.manager?.loseMessages(options.loseRenders.documentUri, options.loseRenders.count, false);
          if (options?.loseAcks) this.manager?.loseMessages(options.loseAcks.documentUri, 0, true);
          if (options?.deliver) await this.manager?.receive(options.deliver.documentUri, options.deliver.message);
          if (options?.waitForUri !== undefined) await this.manager?.whenRendered(options.waitForUri);
          return this.manager?.snapshots() ?? [];
        }),
      );
    }
  }

  private getManager(): PreviewManager {
    this.manager ??= this._register(new PreviewManager(this.context.extensionUri, this.deps.posts, this.deps.rendererBundle));
    return this.manager;
  }

  private async open(arg: unknown, locked: boolean): Promise<string | undefined> {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('DevOps Notes: open a Markdown post to preview it.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!isPreviewable(doc)) {
      void vscode.window.showInformationMessage('DevOps Notes: the preview shows Markdown posts only.');
      return undefined;
    }
    this.getManager().openPreview(doc.uri, locked);
    return doc.uri.toString();
  }
}

export function register(context: vscode.ExtensionContext, deps: PreviewDeps): vscode.Disposable {
  return new PreviewFeature(context, deps);
}
