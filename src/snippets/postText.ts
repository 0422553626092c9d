import * as vscode from 'vscode';
import { decodeUtf8, looksBinary } from '../core/fs';
import { documentLength } from '../workspace/documentText';

/** Posts bigger than this are not notes (a pasted dump); they are skipped, not read whole. */
const MAX_POST_BYTES = 2 * 1024 * 1024;

/** A post's current text: the editor's when it is open (unsaved edits count), else the file's. */
export async function readPostText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  // The same limit for an open post, measured without copying its text.
  if (open) return documentLength(open) > MAX_POST_BYTES ? undefined : open.getText();
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_POST_BYTES) return undefined;
  const bytes = await vscode.workspace.fs.readFile(uri);
  return looksBinary(bytes) ? undefined : decodeUtf8(bytes);
}
