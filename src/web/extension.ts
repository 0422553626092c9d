import * as vscode from 'vscode';
import { registerFeatures, type ExtensionApi } from '../features';
import * as rendererBundle from '../preview/rendererBundle';
import { WorkspaceFileSystem } from '../preview/workspaceFileSystem';
import { PostIndexService } from '../tags/postIndexService';
import { useWorkspaceUris } from '../workspace/uris';

/**
 * The web entry (vscode.dev, github.dev, a served VS Code): it runs in a browser web worker with
 * no Node built-ins. Files are read through `vscode.workspace.fs`, whatever the workspace's scheme;
 * the index reads and parses on this thread in time slices (no worker threads), and the renderer
 * is bundled in rather than loaded from dist/renderer.js.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi & { host: { hasProcess: boolean } } {
  const started = performance.now();
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) useWorkspaceUris(folder.uri);
  // No stat cache for the index: a post's stat must be fresh when it is re-read after a change.
  const fs = new WorkspaceFileSystem(0);
  const posts = new PostIndexService(fs);
  const api = registerFeatures(context, { fs, posts, rendererBundle: () => rendererBundle }, started);
  // Tests check that this entry runs where Node is absent (a web worker), not in a Node host.
  return { ...api, host: { hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined' } };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
