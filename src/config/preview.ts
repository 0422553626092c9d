import * as vscode from 'vscode';

/** The `devopsNotes.preview.*` settings, read in one place. */
export interface PreviewConfig {
  /** An unlocked preview shows whichever markdown editor is active. */
  followActiveEditor: boolean;
  /** Scrolling the editor scrolls the preview. */
  scrollPreviewWithEditor: boolean;
  /** Scrolling the preview scrolls the editor. */
  scrollEditorWithPreview: boolean;
  /** Minimum time between two renders while typing, in milliseconds. */
  updateDelayMs: number;
  /** Posts longer than this (characters) are previewed in part. */
  maxFullLength: number;
  /** How much of the body of such a post is rendered (characters). */
  partialLength: number;
}

export const PREVIEW_SECTION = 'devopsNotes.preview';

export function readPreviewConfig(): PreviewConfig {
  const c = vscode.workspace.getConfiguration(PREVIEW_SECTION);
  const delay = c.get<number>('updateDelay', 300);
  return {
    followActiveEditor: c.get<boolean>('followActiveEditor', true),
    scrollPreviewWithEditor: c.get<boolean>('scrollPreviewWithEditor', true),
    scrollEditorWithPreview: c.get<boolean>('scrollEditorWithPreview', true),
    updateDelayMs: Number.isFinite(delay) ? Math.min(5000, Math.max(50, delay)) : 300,
    maxFullLength: clampSetting(c.get<number>('maxFullLength'), 200_000, 10_000, 50_000_000),
    partialLength: clampSetting(c.get<number>('partialLength'), 50_000, 1_000, 1_000_000),
  };
}

function clampSetting(value: number | undefined, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
}

/** Keeps a current PreviewConfig, re-reading it only when one of our settings changes. */
export class PreviewConfigWatcher implements vscode.Disposable {
  private value = readPreviewConfig();
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(PREVIEW_SECTION)) this.value = readPreviewConfig();
  });

  get current(): PreviewConfig {
    return this.value;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
