import * as vscode from 'vscode';
import { OwnedDisposable } from '../util/dispose';
import type { SiteConfigCache } from './siteConfigs';

/**
 * A status bar item naming the Hugo version the active Markdown post is judged by and where that
 * version came from: versions differ in what is an error (terms, YAML, dates).
 */
export class HugoVersionStatus extends OwnedDisposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('devopsNotes.hugoVersion', vscode.StatusBarAlignment.Right, 100));
  private generation = 0;

  constructor(private readonly sites: SiteConfigCache) {
    super();
    this.item.name = 'DevOps Notes: Hugo version';
    this.item.command = { title: 'Hugo version', command: 'workbench.action.openSettings', arguments: ['devopsNotes.hugo.version'] };
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.update();
  }

  /** Shows the version for the active editor (after a config change, say), or hides the item. */
  update(): void {
    const gen = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'markdown') {
      this.item.hide();
      return;
    }
    void this.sites.forDocument(doc.uri).then(
      ({ config }) => {
        if (gen !== this.generation || this.isDisposed) return;
        this.item.text = `$(versions) Hugo ${config.hugo.version}`;
        this.item.tooltip = `Front matter is checked as Hugo ${config.hugo.version} reads it (${config.hugo.source}). Click to set devopsNotes.hugo.version.`;
        this.item.show();
      },
      () => this.item.hide(),
    );
  }
}
