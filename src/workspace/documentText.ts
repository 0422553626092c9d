import * as vscode from 'vscode';

/**
 * A document's length in characters, from its line table: `getText()` would first join the whole
 * text into one string (50 MB for a 50 MB post, on every call).
 */
export function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

/** The first `maxChars` characters of a document (all of it when shorter), without copying the rest. */
export function documentHead(doc: vscode.TextDocument, maxChars: number): { text: string; length: number } {
  const length = documentLength(doc);
  if (length <= maxChars) return { text: doc.getText(), length };
  return { text: doc.getText(new vscode.Range(new vscode.Position(0, 0), doc.positionAt(maxChars))), length };
}
