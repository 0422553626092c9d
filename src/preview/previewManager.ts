import * as vscode from 'vscode';
import { PreviewConfigWatcher, type PreviewConfig } from '../config/preview';
import { SITE_CONFIG_GLOB } from '../core/site';
import { HUGO_SECTION } from '../config/frontMatter';
import { OwnedDisposable } from '../util/dispose';
import type { PostSource } from '../workspace/postSource';
import { PreviewPanel, type PreviewPanelHost, type PreviewPanelSnapshot } from './previewPanel';
import { parsePreviewState, PREVIEW_VIEW_TYPE } from './protocol';
import { PreviewRenderService, type RendererBundle } from './renderService';

/** Markdown documents the preview shows (Hugo posts are `.md`; VS Code calls them `markdown`). */
export function isPreviewable(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown';
}

/**
 * Owns every preview panel: at most one unlocked preview, which follows the active markdown
 * editor, and any number of locked ones. Routes document edits, editor scrolling and workspace
 * trust changes to the panels that show the affected document.
 */
export class PreviewManager extends OwnedDisposable implements PreviewPanelHost {
  private readonly panels = new Set<PreviewPanel>();
  private readonly configWatcher: PreviewConfigWatcher;
  readonly renderService: PreviewRenderService;

  constructor(readonly extensionUri: vscode.Uri, posts?: PostSource, rendererBundle?: () => RendererBundle) {
    super();
    this.configWatcher = this._register(new PreviewConfigWatcher());
    this.renderService = new PreviewRenderService(rendererBundle ?? vscode.Uri.joinPath(extensionUri, 'dist', 'renderer.js').fsPath, posts);
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.forDocument(e.document.uri, (p) => p.documentChanged(e))));
    // The card lists the post's Problems entries: follow them.
    this._register(vscode.languages.onDidChangeDiagnostics((e) => e.uris.forEach((uri) => this.forDocument(uri, (p) => p.diagnosticsChanged()))));
    this._register(vscode.workspace.onDidSaveTextDocument((doc) => this.forDocument(doc.uri, (p) => p.requestRender())));
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => this.followEditor(editor)));
    this._register(
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (!this.config().scrollPreviewWithEditor || !e.visibleRanges.length) return;
        this.forDocument(e.textEditor.document.uri, (p) => p.scrollToLine(e.visibleRanges[0].start.line));
      }),
    );
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.panels.forEach((p) => p.requestRender(true))));
    if (posts) this._register(posts.onDidChangePosts(() => this.panels.forEach((p) => p.requestRender())));
    // A Hugo config names the folders images and links come from: forget the old ones, render again.
    const siteConfigs = this._register(vscode.workspace.createFileSystemWatcher(SITE_CONFIG_GLOB));
    const onSiteConfig = () => {
      this.renderService.sites.clear();
      this.panels.forEach((p) => p.requestRender());
    };
    this._register(siteConfigs.onDidChange(onSiteConfig));
    this._register(siteConfigs.onDidCreate(onSiteConfig));
    this._register(siteConfigs.onDidDelete(onSiteConfig));
    // Page URLs follow the Hugo version setting.
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(HUGO_SECTION) && onSiteConfig()));
  }

  config(): PreviewConfig {
    return this.configWatcher.current;
  }

  onDidDispose(panel: PreviewPanel): void {
    this.panels.delete(panel);
  }

  /** Opens (or reveals) the unlocked preview beside the editor, showing `uri`. */
  openPreview(uri: vscode.Uri, locked: boolean): PreviewPanel {
    const line = this.topVisibleLine(uri);
    if (!locked) {
      const existing = [...this.panels].find((p) => !p.locked);
      if (existing) {
        existing.showDocument(uri, line);
        existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
        return existing;
      }
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      retainContextWhenHidden: false,
    });
    return this.adopt(panel, uri, locked, line);
  }

  /** Restores a panel VS Code kept across a window reload. */
  async restore(panel: vscode.WebviewPanel, rawState: unknown): Promise<void> {
    const state = parsePreviewState(rawState);
    let uri: vscode.Uri | undefined;
    try {
      uri = state ? vscode.Uri.parse(state.documentUri, true) : undefined;
    } catch {
      uri = undefined;
    }
    if (!uri) {
      panel.dispose();
      return;
    }
    // Only one unlocked preview follows the editor; an extra restored one comes back locked.
    const locked = (state?.locked ?? false) || [...this.panels].some((p) => !p.locked);
    this.adopt(panel, uri, locked, state?.line);
  }

  toggleLock(panel = this.activePanel()): void {
    if (!panel) return;
    if (panel.locked) {
      // Unlocking makes it the one following preview; another unlocked one gets locked.
      for (const p of this.panels) if (p !== panel && !p.locked) p.setLocked(true);
      panel.setLocked(false);
      const editor = vscode.window.activeTextEditor;
      if (editor && isPreviewable(editor.document) && this.config().followActiveEditor) panel.showDocument(editor.document.uri);
    } else {
      panel.setLocked(true);
    }
  }

  activePanel(): PreviewPanel | undefined {
    return [...this.panels].find((p) => p.panel.active);
  }

  snapshots(): PreviewPanelSnapshot[] {
    return [...this.panels].map((p) => p.snapshot());
  }

  /** Delivers a message to the panels showing `uri` as if their webview had sent it. */
  async receive(uri: string, raw: unknown): Promise<void> {
    await Promise.all([...this.panels].filter((p) => p.resource.toString() === uri).map((p) => p.receive(raw)));
  }

  /** Test hook: the panels showing `uri` drop their next render messages and acknowledgements, as lost messages would be. */
  loseMessages(uri: string, renders: number, acks: boolean): void {
    for (const p of this.panels) if (p.resource.toString() === uri) p.loseMessages(renders, acks);
  }

  /** Waits until every panel showing `uri` has applied its newest render. */
  async whenRendered(uri?: string): Promise<void> {
    await Promise.all([...this.panels].filter((p) => !uri || p.resource.toString() === uri).map((p) => p.whenRendered()));
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri, locked: boolean, line: number | undefined): PreviewPanel {
    const preview = new PreviewPanel(panel, uri, locked, this, line);
    this.panels.add(preview);
    return preview;
  }

  private followEditor(editor: vscode.TextEditor | undefined): void {
    if (!editor || !isPreviewable(editor.document) || !this.config().followActiveEditor) return;
    for (const p of this.panels) if (!p.locked) p.showDocument(editor.document.uri, editor.visibleRanges[0]?.start.line);
  }

  private forDocument(uri: vscode.Uri, f: (p: PreviewPanel) => void): void {
    const key = uri.toString();
    for (const p of this.panels) if (p.resource.toString() === key) f(p);
  }

  override dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    this.panels.clear();
    super.dispose();
  }

  private topVisibleLine(uri: vscode.Uri): number | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.visibleRanges[0]?.start.line;
  }
}
