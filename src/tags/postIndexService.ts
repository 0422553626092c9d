import * as vscode from 'vscode';
import { affectsPostSelection, readTagsConfig } from '../config/tags';
import type { FileSystem } from '../core/fs';
import type { BulkPostReader, PostIndex } from '../core/index';
import { LiveIndex, type EditorText, type HugoSiteFacts, type LiveFolder, type LiveIndexChange, type ScanStart } from '../core/index/liveIndex';
import { yieldToEventLoop } from '../core/index/timeSlicer';
import { affectsFrontMatter, readFrontMatterSettings } from '../config/frontMatter';
import { OwnedDisposable } from '../util/dispose';
import { documentHead } from '../workspace/documentText';
import type { PostSource } from '../workspace/postSource';
import { TAG_CONTEXT, TAGS_VIEW_ID } from './ids';
import { corePathOf, isWorkspaceFileUri, uriOfPath } from '../workspace/uris';

export type { HugoSiteFacts } from '../core/index/liveIndex';

/** What changed, as {@link PostSource.onDidChangePosts} reports it. */
export interface PostsChange {
  changed: readonly vscode.Uri[];
  removed: readonly vscode.Uri[];
}

/** An absolute path with forward slashes (the index's key) for a `file:` URI. */
export function pathOf(uri: vscode.Uri): string {
  return corePathOf(uri);
}

/** How far a full scan is: posts read of those found (total undefined while the folders are listed). */
export interface ScanProgress {
  done: number;
  total: number | undefined;
}

/**
 * The workspace's live post index for VS Code: translates file watcher, editor, rename, folder
 * and setting events into {@link LiveIndex} events (src/core, where its rules live and are
 * tested), and its changes into VS Code events, progress and context keys. Implements
 * {@link PostSource} for the other features.
 */
export class PostIndexService extends OwnedDisposable implements PostSource {
  private readonly live: LiveIndex;
  private uris: { paths: readonly string[]; uris: vscode.Uri[] } | undefined;
  private watchers: vscode.Disposable[] = [];
  private logChannel: vscode.LogOutputChannel | undefined;

  private readonly changeEmitter = this._register(new vscode.EventEmitter<PostsChange>());
  /** Fires with the posts added, changed or removed (batched). */
  readonly onDidChangePosts = this.changeEmitter.event;

  private readonly scanEmitter = this._register(new vscode.EventEmitter<ScanProgress | undefined>());
  /** Fires while a full scan runs (at most every 100 ms), and with undefined when it has ended. */
  readonly onDidChangeScanProgress = this.scanEmitter.event;

  /**
   * @param fs how files are read (node's `fs` for `file:` workspaces).
   * @param bulkReader reads a big site's posts on other threads during a full scan.
   */
  constructor(
    private readonly fs: FileSystem,
    bulkReader?: BulkPostReader,
  ) {
    super();
    const live = (this.live = new LiveIndex({
      fs,
      bulkReader,
      folders: () => (vscode.workspace.workspaceFolders ?? []).map(liveFolder),
      taxonomies: () => readTagsConfig().taxonomies,
      openEditors: () => vscode.workspace.textDocuments.filter((d) => isWorkspaceFileUri(d.uri)).map(editorText),
      log: (level, message) => this.log(level, message),
    }));
    this._register(live.onDidStartScan((scan) => this.onScanStart(scan)));
    this._register(
      live.onDidFinishScan((index) => {
        // The URIs of the replaced index's paths go with it, not when posts() is next asked.
        this.uris = undefined;
        this.scanEmitter.fire(undefined);
        void vscode.commands.executeCommand('setContext', TAG_CONTEXT.hasPosts, index.size > 0);
        void vscode.commands.executeCommand('setContext', TAG_CONTEXT.scanned, true);
      }),
    );
    this._register(live.onDidChange((change) => void this.fire(change)));
    // Subscribing costs nothing; the live index ignores events until the first scan has started.
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isWorkspaceFileUri(e.document.uri)) live.editorChanged(editorText(e.document));
      }),
    );
    this._register(vscode.workspace.onDidSaveTextDocument((d) => isWorkspaceFileUri(d.uri) && live.editorSaved(pathOf(d.uri))));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => isWorkspaceFileUri(d.uri) && live.editorClosed(pathOf(d.uri))));
    this._register(
      vscode.workspace.onDidRenameFiles((e) =>
        live.renamed(e.files.map(({ oldUri, newUri }) => ({ from: pathOf(oldUri), to: isWorkspaceFileUri(newUri) ? pathOf(newUri) : undefined }))),
      ),
    );
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => live.workspaceChanged()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsPostSelection(e) || affectsFrontMatter(e)) live.workspaceChanged();
      }),
    );
    this._register({ dispose: () => this.stopWatching() });
    this._register(live);
  }

  /** The index as it is now (replaced by a new one when a full rescan completes). */
  get index(): PostIndex {
    return this.live.index;
  }

  /** The Hugo version the workspace's (first) site is read as, and whether it builds term pages. */
  get hugoFacts(): HugoSiteFacts | undefined {
    return this.live.hugoFacts;
  }

  /** How post files are read. */
  get fileSystem(): FileSystem {
    return this.fs;
  }

  /** True once the first scan has finished. */
  get isReady(): boolean {
    return this.live.isReady;
  }

  /** Resolves once a scan has finished, starting the first one if needed. */
  ready(): Promise<void> {
    return this.live.ready();
  }

  /** Scans every workspace folder again from scratch (the Refresh command). */
  refresh(): Promise<void> {
    return this.live.refresh();
  }

  posts(): readonly vscode.Uri[] {
    const paths = this.live.postPaths();
    if (this.uris?.paths !== paths) this.uris = { paths, uris: paths.map((p) => uriOfPath(p)) };
    return this.uris.uris;
  }

  /** Files named like posts that could not be read (binary, unreadable): Check All reports them, as the CLI does. */
  skippedPosts(): readonly vscode.Uri[] {
    return this.live.skippedPosts().map((p) => uriOfPath(p));
  }

  /** The index key for a URI when it is (or would be) a post of this workspace, else undefined. */
  postPathOf(uri: vscode.Uri): string | undefined {
    return isWorkspaceFileUri(uri) ? this.live.postPathOf(pathOf(uri)) : undefined;
  }

  /** Logs a line to the "DevOps Notes: Post Index" output channel (created on first use). */
  log(level: 'info' | 'warn', message: string): void {
    this.logChannel ??= this._register(vscode.window.createOutputChannel('DevOps Notes: Post Index', { log: true }));
    this.logChannel[level](message);
  }

  private onScanStart(scan: ScanStart): void {
    this.startWatching();
    // Every scan tells the tree how far it is; the first one also shows progress in the view and the status bar.
    let statusBar: ((done: number, total: number) => void) | undefined;
    let lastTree = 0;
    this.scanEmitter.fire({ done: 0, total: undefined });
    scan.onProgress((done, total) => {
      statusBar?.(done, total);
      const now = performance.now();
      if (now - lastTree < 100 && done < total) return;
      lastTree = now;
      this.scanEmitter.fire({ done, total });
    });
    if (!scan.first) return;
    const work = scan.work.catch(() => undefined);
    void vscode.window.withProgress({ location: { viewId: TAGS_VIEW_ID } }, () => work);
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Indexing posts' }, (progress) => {
      let last = 0;
      statusBar = (done, total) => {
        const now = performance.now();
        if (now - last < 250 && done < total) return;
        last = now;
        progress.report({ message: `${done.toLocaleString()}/${total.toLocaleString()}` });
      };
      return work;
    });
  }

  private async fire(change: LiveIndexChange): Promise<void> {
    void vscode.commands.executeCommand('setContext', TAG_CONTEXT.hasPosts, this.live.index.size > 0);
    this.changeEmitter.fire({ changed: await toUris(change.changed), removed: await toUris(change.removed) });
  }

  private startWatching(): void {
    this.stopWatching();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (!isWorkspaceFileUri(folder.uri)) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
      const on = (kind: 'created' | 'changed' | 'deleted') => (uri: vscode.Uri) => isWorkspaceFileUri(uri) && this.live.fileEvent(kind, pathOf(uri));
      watcher.onDidCreate(on('created'));
      watcher.onDidChange(on('changed'));
      watcher.onDidDelete(on('deleted'));
      this.watchers.push(watcher);
    }
  }

  private stopWatching(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
  }
}

/** A workspace folder as the live index reads it (settings are read when it asks). */
function liveFolder(folder: vscode.WorkspaceFolder): LiveFolder {
  return {
    root: isWorkspaceFileUri(folder.uri) ? pathOf(folder.uri) : undefined,
    name: folder.uri.toString(),
    postGlobs: () => readTagsConfig(folder),
    settingsLayer: () => readFrontMatterSettings(folder.uri).layer,
  };
}

/** A document as the live index reads it: lazily, when its debounce ends. */
function editorText(doc: vscode.TextDocument): EditorText {
  return {
    path: pathOf(doc.uri),
    get isDirty() {
      return doc.isDirty;
    },
    get isClosed() {
      return doc.isClosed;
    },
    head: (maxChars) => documentHead(doc, maxChars).text,
  };
}

/** URIs for many paths, in slices, so a first scan of 50k posts does not block while reporting. */
async function toUris(paths: readonly string[]): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (let i = 0; i < paths.length; i += 5000) {
    if (i > 0) await yieldToEventLoop();
    for (const p of paths.slice(i, i + 5000)) out.push(uriOfPath(p));
  }
  return out;
}
