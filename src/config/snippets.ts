import * as vscode from 'vscode';

/** The `devopsNotes.snippets.*` settings, read in one place. */
export interface SnippetsConfig {
  /** Offer the command blocks of the user's posts in the insert command. */
  fromNotes: boolean;
  /** Also offer them as completions in Dockerfiles, shell scripts and matching fences. */
  fromNotesInCompletions: boolean;
}

export const SNIPPETS_SECTION = 'devopsNotes.snippets';

/**
 * Read when used (opening the picker, asking for completions), which is cheap and never stale,
 * so nothing needs to listen for configuration changes.
 */
export function readSnippetsConfig(): SnippetsConfig {
  const c = vscode.workspace.getConfiguration(SNIPPETS_SECTION);
  return {
    fromNotes: c.get<boolean>('fromNotes', true),
    fromNotesInCompletions: c.get<boolean>('fromNotesInCompletions', true),
  };
}
