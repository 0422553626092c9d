import * as vscode from 'vscode';

/** A base class that owns disposables and releases them all once, in reverse order. */
export abstract class OwnedDisposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.owned.length) {
      try {
        this.owned.pop()?.dispose();
      } catch (err) {
        console.error('[devops-notes] dispose failed', err);
      }
    }
  }
}
