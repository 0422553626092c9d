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
  // Show Version says it, and the web e2e scenario checks it: this entry runs where Node is absent.
  const hasProcess = typeof (globalThis as { process?: unknown }).process !== 'undefined';
  const started = performance.now();
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) useWorkspaceUris(folder.uri);
  // No stat cache for the index: a post's stat must be fresh when it is re-read after a change.
  const fs = new WorkspaceFileSystem(0);
  const posts = new PostIndexService(fs);
  const hostDescription = hasProcess ? 'web entry, in a host with Node.js' : 'web entry, in a web worker without Node.js';
  const api = registerFeatures(context, { fs, posts, rendererBundle: () => rendererBundle, hostDescription }, started);
  return { ...api, host: { hasProcess } };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
