import type * as vscode from 'vscode';

/**
 * The schemes of the documents the features serve: files, unsaved new files, and the virtual
 * files of vscode.dev and github.dev. A selector without a scheme would also match the diff,
 * git and output views' copies of a post.
 */
export const DOCUMENT_SCHEMES = ['file', 'untitled', 'vscode-vfs'] as const;

/** A document selector for these languages in {@link DOCUMENT_SCHEMES}. */
export function documentSelector(languages: readonly string[]): vscode.DocumentFilter[] {
  return languages.flatMap((language) => DOCUMENT_SCHEMES.map((scheme) => ({ language, scheme })));
}
