import type * as vscode from 'vscode';

/**
 * What features other than the tag tree need from the live post index: the set of post files
 * in the workspace and a signal when some of them change. Implemented by the post index
 * service (src/tags); consumed by snippet harvesting, "Check all posts" and the preview.
 */
export interface PostSource {
  /** Resolves once the first scan has finished (starts it if nothing has yet). */
  ready(): Promise<void>;
  /** Every post file currently in the index. */
  posts(): readonly vscode.Uri[];
  /** Fires with the posts added, changed (saved or edited in an editor) or removed. */
  readonly onDidChangePosts: vscode.Event<{ changed: readonly vscode.Uri[]; removed: readonly vscode.Uri[] }>;
}
