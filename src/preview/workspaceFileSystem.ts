import * as vscode from 'vscode';
import type { FileSystem } from '../core/fs';
import { corePathOf, uriOfPath } from '../workspace/uris';

/**
 * The core's FileSystem over `vscode.workspace.fs`, for the preview's image and ref lookups (and,
 * in the web entry, for everything: the index, checks and Hugo configs).
 * Stat results are kept for a short while: while the author types, every render asks about the
 * same images again, and a new image should still appear within a couple of seconds.
 */
export class WorkspaceFileSystem implements FileSystem {
  private readonly stats = new Map<string, { at: number; value: Awaited<ReturnType<FileSystem['stat']>> }>();

  constructor(private readonly statTtlMs = 2000) {}

  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(uriOfPath(path));
  }

  async readPrefix(path: string, maxBytes: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
    // vscode.workspace.fs has no partial read; posts are small enough to read whole here.
    const bytes = await this.readFile(path);
    return bytes.length <= maxBytes ? { bytes, complete: true } : { bytes: bytes.subarray(0, maxBytes), complete: false };
  }

  async stat(path: string): Promise<Awaited<ReturnType<FileSystem['stat']>>> {
    const cached = this.stats.get(path);
    if (cached && Date.now() - cached.at < this.statTtlMs) return cached.value;
    let value: Awaited<ReturnType<FileSystem['stat']>>;
    try {
      const s = await vscode.workspace.fs.stat(uriOfPath(path));
      value = {
        size: s.size,
        mtimeMs: s.mtime,
        isFile: (s.type & vscode.FileType.File) !== 0,
        isDirectory: (s.type & vscode.FileType.Directory) !== 0,
      };
    } catch {
      value = undefined;
    }
    if (this.stats.size > 5000) this.stats.clear();
    this.stats.set(path, { at: Date.now(), value });
    return value;
  }

  async readDirectory(path: string): Promise<{ name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean }[]> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(uriOfPath(path));
      return entries.map(([name, type]) => ({
        name,
        isFile: (type & vscode.FileType.File) !== 0,
        isDirectory: (type & vscode.FileType.Directory) !== 0,
        isSymbolicLink: (type & vscode.FileType.SymbolicLink) !== 0,
      }));
    } catch {
      return [];
    }
  }
}

/** An absolute path with forward slashes, as the core expects. */
export function corePath(uri: vscode.Uri): string {
  return corePathOf(uri);
}
