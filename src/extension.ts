import type * as vscode from 'vscode';
import { registerFeatures, type ExtensionApi } from './features';
import { nodeFileSystem } from './node/nodeFileSystem';
import { createPostIndexService } from './tags/nodePostIndex';

/** The desktop (Node) entry: files through node's fs, a big site's posts read on worker threads. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  return registerFeatures(context, { fs: nodeFileSystem, posts: createPostIndexService(context) }, started);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
