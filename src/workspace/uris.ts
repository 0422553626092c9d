import * as vscode from 'vscode';

/**
 * Where the core's paths live. On the desktop they are `file:` paths; in a browser the workspace
 * is another scheme (github.dev's `vscode-vfs`, a served VS Code's `vscode-remote`), and a core
 * path is the path of a URI with the workspace folder's scheme and authority. The web entry calls
 * {@link useWorkspaceUris} once; nothing else changes for the desktop.
 */
let base: { scheme: string; authority: string } = { scheme: 'file', authority: '' };

/** Makes paths map to URIs like `folder`'s (its scheme and authority). */
export function useWorkspaceUris(folder: vscode.Uri): void {
  base = { scheme: folder.scheme, authority: folder.scheme === 'file' ? '' : folder.authority };
}

/** The scheme of the workspace's files (`file` on the desktop). */
export function workspaceScheme(): string {
  return base.scheme;
}

/** True for a URI whose path is a core path: a file of the workspace's scheme (and authority). */
export function isWorkspaceFileUri(uri: vscode.Uri): boolean {
  if (uri.scheme !== base.scheme) return false;
  return base.scheme === 'file' || uri.authority === base.authority;
}

/** The core path (absolute, forward slashes) of a workspace URI. */
export function corePathOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath.replace(/\\/g, '/') : uri.path;
}

/** The URI of a core path. */
export function uriOfPath(path: string): vscode.Uri {
  return base.scheme === 'file' ? vscode.Uri.file(path) : vscode.Uri.from({ scheme: base.scheme, authority: base.authority, path });
}
