import * as vscode from 'vscode';

/** The `devopsNotes.snippets.*` settings, read in one place. */
export interface SnippetsConfig {
  /** Offer the command blocks of the user's posts in the insert command. */
  fromNotes: boolean;
  /** Also offer them as completions in Dockerfiles, shell scripts and matching fences. */
  fromNotesInCompletions: boolean;
}

export const SNIPPETS_SECTION = 'devopsNotes.snippets';

export function readSnippetsConfig(): SnippetsConfig {
  const c = vscode.workspace.getConfiguration(SNIPPETS_SECTION);
  return {
    fromNotes: c.get<boolean>('fromNotes', true),
    fromNotesInCompletions: c.get<boolean>('fromNotesInCompletions', true),
  };
}

/** Keeps a current SnippetsConfig, re-reading it only when one of our settings changes. */
export class SnippetsConfigWatcher implements vscode.Disposable {
  private value = readSnippetsConfig();
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SNIPPETS_SECTION)) this.value = readSnippetsConfig();
  });

  get current(): SnippetsConfig {
    return this.value;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
