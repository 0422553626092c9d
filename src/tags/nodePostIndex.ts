import * as vscode from 'vscode';
import { indexThreadsFor } from '../threads/indexThreads';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { PostIndexService } from './postIndexService';

/**
 * The live post index over the local file system; cheap to create (it scans on first use, and
 * starts its reading threads only then, for a big site). Desktop only: the web entry builds its
 * own over `vscode.workspace.fs` (src/web/extension.ts).
 */
export function createPostIndexService(context: vscode.ExtensionContext): PostIndexService {
  return new PostIndexService(nodeFileSystem, indexThreadsFor(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath));
}
