import * as vscode from 'vscode';
import type { CardProblem } from '../core/render';
import { escapeHtml } from '../core/render/escape';
import { codeOf, DIAGNOSTIC_SOURCE } from '../diagnostics/convert';
import { OwnedDisposable } from '../util/dispose';
import type { PreviewConfig } from '../config/preview';
import { canRevealTerms, copyToClipboard, hasTerminal, openExternalLink, openRelativeLink, revealTerm, sendToTerminal } from './previewActions';
import { parseFromWebview, type FromWebview, type PreviewState, type ToWebview } from './protocol';
import { allowedRoots, type PreviewRenderService } from './renderService';
import { previewShellHtml } from './shellHtml';
import { documentLength } from '../workspace/documentText';

/** What a panel reports about itself (the test hook reads this; so can a status command). */
export interface PreviewPanelSnapshot {
  documentUri: string;
  locked: boolean;
  /** Version of the last render posted to the webview, and its HTML length. */
  postedVersion: number;
  postedHtmlLength: number;
  /** The webview's acknowledgement of the last render it applied to its DOM. */
  acknowledged?: Extract<FromWebview, { type: 'rendered' }>;
  /** How often the page said it was ready (once per load), and how often a render was sent again for want of an acknowledgement. */
  readyMessages: number;
  resends: number;
}

/** A render the webview has not acknowledged is sent again after these waits (ms), then left to the next edit. */
const RESEND_AFTER_MS = [1500, 3000, 6000, 12_000];

export interface PreviewPanelHost {
  readonly extensionUri: vscode.Uri;
  readonly renderService: PreviewRenderService;
  config(): PreviewConfig;
  /** The panel was closed. */
  onDidDispose(panel: PreviewPanel): void;
}

/**
 * One preview webview and the document it shows. Renders at once when asked, then at most once
 * per `updateDelay` while the author types; a render that finishes after a newer one started is
 * dropped (version counter), and the webview patches its DOM rather than reloading.
 */
export class PreviewPanel extends OwnedDisposable {
  private renderVersion = 0;
  private lastPosted?: Extract<ToWebview, { type: 'render' }>;
  private acknowledged?: Extract<FromWebview, { type: 'rendered' }>;
  private ready = false;
  private dirty = false;
  private rendering = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastRenderStart = 0;
  private pendingLine: number | undefined;
  /** Until then, editor scroll events are echoes of a scroll the preview asked for. */
  private ignoreEditorScrollUntil = 0;
  private readonly ackWaiters: { version: number; resolve: () => void }[] = [];
  private rootsKey = '';
  private readyMessages = 0;
  private resends = 0;
  private resendTimer: ReturnType<typeof setTimeout> | undefined;
  private rendersToLose = 0;
  private loseAcksUntilResend = false;
  /** The Problems entries the last render listed, to render again only when they change. */
  private problemsKey = '';
  /** Last document line the preview shows when it shows only the beginning of a huge post. */
  private shownUpToLine: number | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private resourceUri: vscode.Uri,
    private isLocked: boolean,
    private readonly host: PreviewPanelHost,
    initialLine?: number,
  ) {
    super();
    this._register(panel);
    this.pendingLine = initialLine;
    this.applyWebviewOptions();
    panel.webview.html = previewShellHtml(panel.webview, host.extensionUri, this.state(), { terminal: hasTerminal() });
    this.updateTitle();
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
    this._register(
      panel.onDidDispose(() => {
        host.onDidDispose(this);
        this.dispose();
      }),
    );
    this._register({ dispose: () => clearTimeout(this.resendTimer) });
    this.requestRender();
  }

  get resource(): vscode.Uri {
    return this.resourceUri;
  }

  get locked(): boolean {
    return this.isLocked;
  }

  snapshot(): PreviewPanelSnapshot {
    return {
      documentUri: this.resourceUri.toString(),
      locked: this.isLocked,
      postedVersion: this.lastPosted?.version ?? 0,
      postedHtmlLength: this.lastPosted?.html.length ?? 0,
      acknowledged: this.acknowledged,
      readyMessages: this.readyMessages,
      resends: this.resends,
    };
  }

  /** Resolves when the webview has applied a render at least as new as the current one. */
  whenRendered(): Promise<void> {
    const version = this.renderVersion;
    if ((this.acknowledged?.version ?? 0) >= version && !this.dirty && !this.rendering) return Promise.resolve();
    return new Promise((resolve) => this.ackWaiters.push({ version, resolve }));
  }

  /** Test hook: the next `renders` render messages are dropped instead of posted; with `acks`, acknowledgements are ignored until a render is sent again. */
  loseMessages(renders: number, acks: boolean): void {
    this.rendersToLose = renders;
    this.loseAcksUntilResend = acks;
  }

  setLocked(locked: boolean): void {
    this.isLocked = locked;
    this.updateTitle();
    void this.post({ type: 'locked', locked });
  }

  /** Shows another document in this panel (an unlocked preview following the active editor). */
  showDocument(uri: vscode.Uri, line?: number): void {
    if (uri.toString() === this.resourceUri.toString()) return;
    this.resourceUri = uri;
    this.pendingLine = line;
    this.applyWebviewOptions();
    this.updateTitle();
    this.requestRender(true);
  }

  /** The document changed (typing, save, or a file on disk). */
  requestRender(immediately = false): void {
    this.dirty = true;
    if (this.isDisposed || this.rendering) return;
    if (this.timer) {
      if (!immediately) return;
      clearTimeout(this.timer);
    }
    const wait = immediately ? 0 : Math.max(0, this.lastRenderStart + this.host.config().updateDelayMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.renderNow();
    }, wait);
  }

  /** The document was edited: render again unless every change lies past the part a partial preview shows. */
  documentChanged(e: vscode.TextDocumentChangeEvent): void {
    const last = this.shownUpToLine;
    if (last !== undefined && e.contentChanges.length > 0 && e.contentChanges.every((c) => c.range.start.line > last + 1)) {
      // Still too long to show whole: what the preview shows has not changed.
      if (documentLength(e.document) > this.host.config().maxFullLength) return;
    }
    this.requestRender();
  }

  /** Problems changed somewhere: render again when this post's entries differ from what the card lists. */
  diagnosticsChanged(): void {
    if (problemsKey(problemsOf(this.resourceUri)) !== this.problemsKey) this.requestRender();
  }

  /** Editor scrolled: keep the preview at the same source line. */
  scrollToLine(line: number): void {
    if (Date.now() < this.ignoreEditorScrollUntil) return;
    void this.post({ type: 'scrollToLine', line });
  }

  private state(): PreviewState {
    return { documentUri: this.resourceUri.toString(), locked: this.isLocked };
  }

  private applyWebviewOptions(): void {
    const roots = [vscode.Uri.joinPath(this.host.extensionUri, 'media'), vscode.Uri.joinPath(this.host.extensionUri, 'dist'), ...allowedRoots(this.resourceUri)];
    const key = roots.map((r) => r.toString()).join('\n');
    // New options reload the page in the webview; following another post of the same workspace keeps them.
    if (key === this.rootsKey) return;
    this.rootsKey = key;
    this.panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: roots };
  }

  private updateTitle(): void {
    const name = this.resourceUri.path.split('/').pop() || 'post';
    this.panel.title = this.isLocked ? `Preview ${name} (locked)` : `Preview ${name}`;
  }

  private async renderNow(): Promise<void> {
    if (this.isDisposed || !this.dirty) return;
    this.dirty = false;
    this.rendering = true;
    this.lastRenderStart = Date.now();
    const version = ++this.renderVersion;
    const uri = this.resourceUri;
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const problems = problemsOf(uri);
      const config = this.host.config();
      const [rendered, revealable] = await Promise.all([this.host.renderService.render(doc, this.panel.webview, vscode.workspace.isTrusted, config, problems), canRevealTerms()]);
      // A newer render started, or the panel moved to another document: this one is stale.
      if (this.isDisposed || version !== this.renderVersion || uri.toString() !== this.resourceUri.toString()) return;
      this.problemsKey = problemsKey(problems);
      this.shownUpToLine = rendered.shownLength === undefined ? undefined : doc.positionAt(rendered.shownLength).line;
      await this.postRender(version, rendered.html, revealable);
    } catch (err) {
      if (!this.isDisposed && version === this.renderVersion) {
        const message = err instanceof Error ? err.message : String(err);
        await this.postRender(version, `<div class="dn-render-error" role="alert"><strong>The preview could not render this file.</strong><p>${escapeHtml(message)}</p></div>`, false);
      }
    } finally {
      this.rendering = false;
      if (this.dirty && !this.isDisposed) this.requestRender();
    }
  }

  private async postRender(version: number, html: string, canReveal: boolean): Promise<void> {
    const message: ToWebview = {
      type: 'render',
      version,
      documentUri: this.resourceUri.toString(),
      html,
      canRevealTerms: canReveal,
      terminalAllowed: vscode.workspace.isTrusted,
      line: this.pendingLine,
    };
    this.pendingLine = undefined;
    this.lastPosted = message;
    if (this.ready) await this.post(message);
    this.awaitAcknowledgement(version, 0);
  }

  /**
   * A page still loading, or reloaded while hidden, can miss a message; under load that left a
   * panel blank. Until the webview acknowledges `version`, it is sent again (the page answers a
   * repeat of the render it shows with its acknowledgement, and sends `ready` again while it has none).
   */
  private awaitAcknowledgement(version: number, attempt: number): void {
    clearTimeout(this.resendTimer);
    if (attempt >= RESEND_AFTER_MS.length) return;
    this.resendTimer = setTimeout(() => {
      if (this.isDisposed || this.lastPosted?.version !== version || (this.acknowledged?.version ?? 0) >= version) return;
      if (this.ready) {
        this.resends++;
        this.loseAcksUntilResend = false;
        void this.post(this.lastPosted);
      }
      this.awaitAcknowledgement(version, attempt + 1);
    }, RESEND_AFTER_MS[attempt]);
  }

  private post(message: ToWebview): Thenable<boolean> {
    if (this.isDisposed) return Promise.resolve(false);
    if (message.type === 'render' && this.rendersToLose > 0) {
      this.rendersToLose--;
      return Promise.resolve(true);
    }
    return this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    void this.receive(raw);
  }

  /** Handles one message from the webview (the test hook also sends messages through here). */
  async receive(raw: unknown): Promise<void> {
    const message = parseFromWebview(raw);
    if (!message) return;
    try {
      await this.handle(message);
    } catch (err) {
      void vscode.window.showErrorMessage(`DevOps Notes preview: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.readyMessages++;
        if (this.lastPosted) await this.post(this.lastPosted);
        return;
      case 'rendered':
        if (this.loseAcksUntilResend) return;
        this.acknowledged = message;
        for (const w of this.ackWaiters.splice(0)) {
          if (message.version >= w.version) w.resolve();
          else this.ackWaiters.push(w);
        }
        return;
      case 'revealLine':
        return this.revealInEditors(message.line);
      case 'openSourceAt':
        await vscode.window.showTextDocument(this.resourceUri, {
          viewColumn: this.sourceColumn(),
          selection: new vscode.Range(message.line, 0, message.line, 0),
        });
        return;
      case 'openLink':
        if (message.kind === 'relative') return openRelativeLink(this.resourceUri, message.href, this.sourceColumn(), this.host.renderService.sites);
        return openExternalLink(message.href);
      case 'copy':
        return copyToClipboard(message.text);
      case 'sendToTerminal':
        return sendToTerminal(message.text);
      case 'revealTerm':
        return revealTerm(message.taxonomy, message.term);
    }
  }

  private revealInEditors(line: number): void {
    if (!this.host.config().scrollEditorWithPreview) return;
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== this.resourceUri.toString()) continue;
      this.ignoreEditorScrollUntil = Date.now() + 400;
      const target = Math.min(line, editor.document.lineCount - 1);
      editor.revealRange(new vscode.Range(target, 0, target, 0), vscode.TextEditorRevealType.AtTop);
    }
  }

  /** The editor column showing this document, else the first one (not the preview's). */
  private sourceColumn(): vscode.ViewColumn | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.resourceUri.toString());
    if (editor?.viewColumn) return editor.viewColumn;
    return this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.ackWaiters.splice(0)) w.resolve();
    super.dispose();
  }
}


/** Our Problems entries for a post, as the preview's card lists them (the same list, in the same order). */
function problemsOf(uri: vscode.Uri): CardProblem[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE)
    .map((d) => ({ line: d.range.start.line, severity: SEVERITY_NAMES[d.severity], message: d.message, code: codeOf(d) }));
}

const SEVERITY_NAMES: Record<vscode.DiagnosticSeverity, CardProblem['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function problemsKey(problems: readonly CardProblem[]): string {
  return JSON.stringify(problems);
}
