import type * as vscode from 'vscode';
import { workspaceScheme } from '../workspace/uris';

/**
 * The schemes of the documents the features serve: files, unsaved new files, and the virtual
 * files of vscode.dev and github.dev. A selector without a scheme would also match the diff,
 * git and output views' copies of a post.
 */
export const DOCUMENT_SCHEMES = ['file', 'untitled', 'vscode-vfs'] as const;

/**
 * A document selector for these languages in {@link DOCUMENT_SCHEMES}, and in the workspace's own
 * scheme when the web entry found another (a served VS Code's `vscode-remote`).
 */
export function documentSelector(languages: readonly string[]): vscode.DocumentFilter[] {
  const schemes: readonly string[] = DOCUMENT_SCHEMES.includes(workspaceScheme() as never) ? DOCUMENT_SCHEMES : [...DOCUMENT_SCHEMES, workspaceScheme()];
  return languages.flatMap((language) => schemes.map((scheme) => ({ language, scheme })));
}
