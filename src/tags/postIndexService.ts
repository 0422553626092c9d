import * as vscode from 'vscode';
import { affectsPostSelection, readTagsConfig } from '../config/tags';
import type { FileSystem } from '../core/fs';
import { compileGlobs, findPostFiles, indexFiles, isPostPath, PostIndex, readerFor, samePost, type BulkPostReader, type GlobSet, type PostData, type PostReader } from '../core/index';
import { affectsFrontMatter, readFrontMatterSettings } from '../config/frontMatter';
import { contentFolderGlob, HUGO_CONFIG_FILES, HUGO_VERSION_FILES, MODULE_CONFIG_FILES, siteContentFolders, termPagesDisabledBy, type HugoRules, type HugoVersion } from '../core/site';
import { findSiteRoot, loadSiteConfig, PROJECT_CONFIG_FILE, resolveValidationConfig } from '../core/validate';
import { MAX_FRONT_MATTER_BYTES } from '../core/index/readPost';
import { forEachLimited, yieldToEventLoop } from '../core/index/timeSlicer';
import { OwnedDisposable } from '../util/dispose';
import { documentHead } from '../workspace/documentText';
import type { PostSource } from '../workspace/postSource';
import { TAG_CONTEXT, TAGS_VIEW_ID } from './ids';

/** One workspace folder and the globs that pick its posts. */
interface FolderScope {
  root: string;
  /** For the walk: include and exclude globs, and the Hugo sites' content folders (where public/ is a section). */
  patterns: { include: readonly string[]; exclude: readonly string[]; contentFolders: readonly string[] };
  include: GlobSet;
  exclude: GlobSet;
}

/** What changed, as {@link PostSource.onDidChangePosts} reports it. */
export interface PostsChange {
  changed: readonly vscode.Uri[];
  removed: readonly vscode.Uri[];
}

/** How long typing pauses before the post's terms are re-read (the tree follows the editor). */
const EDIT_DEBOUNCE_MS = 300;
/** File events come in bursts (a `git checkout`); they are read together after this pause. */
const DISK_DEBOUNCE_MS = 50;
const POST_EXTENSION = /\.(?:md|markdown)$/i;
/** Hugo config files (at a site root, or in its `config/_default/`), whose content folders the scan follows. */
const SITE_CONFIG_NAMES: ReadonlySet<string> = new Set([...HUGO_CONFIG_FILES, ...MODULE_CONFIG_FILES, ...HUGO_VERSION_FILES, PROJECT_CONFIG_FILE]);

/** An absolute path with forward slashes (the index's key) for a `file:` URI. */
export function pathOf(uri: vscode.Uri): string {
  return uri.fsPath.replace(/\\/g, '/');
}

/** What the tree says about the site: its Hugo version, and the `disableKinds` entries that turn off term pages. */
export interface HugoSiteFacts {
  hugo: HugoVersion & HugoRules;
  noTermPages?: string[];
}

/**
 * The live post index of the workspace: scans lazily (when the tag view opens or a feature calls
 * {@link ready}), then follows file events, renames and unsaved editor changes one post at a time.
 * Implements {@link PostSource} for the other features.
 */
export class PostIndexService extends OwnedDisposable implements PostSource {
  private current: PostIndex;
  private reader: PostReader;
  private scopes: FolderScope[] = [];
  /**
   * Per workspace folder (its path): the content folders its Hugo sites name (a custom
   * `contentDir`, content mounts), whose posts the default include globs add. Read at each full scan.
   */
  private siteFolders = new Map<string, readonly string[]>();
  private facts: HugoSiteFacts | undefined;
  private siteConfigTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> | undefined;
  private generation = 0;
  private scanned = false;
  /** True while a full scan runs: file events wait for it, then apply to the new index. */
  private scanInProgress = false;
  private uris: vscode.Uri[] | undefined;
  /** Posts whose data came from an editor with unsaved changes (disk events must not undo it). */
  private readonly fromEditor = new Set<string>();
  /** Files the index could not read (see skippedPosts). */
  private skipped = new Set<string>();
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly diskQueue = new Set<string>();
  private readonly maybeFolders = new Set<string>();
  private diskTimer: ReturnType<typeof setTimeout> | undefined;
  private draining: Promise<void> = Promise.resolve();
  private readonly pendingChanged = new Set<string>();
  private readonly pendingRemoved = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private watchers: vscode.Disposable[] = [];
  private logChannel: vscode.LogOutputChannel | undefined;

  private readonly changeEmitter = this._register(new vscode.EventEmitter<PostsChange>());
  /** Fires with the posts added, changed or removed (batched). */
  readonly onDidChangePosts = this.changeEmitter.event;

  /**
   * @param fs how files are read (node's `fs` for `file:` workspaces).
   * @param bulkReader reads a big site's posts on other threads during a full scan.
   */
  constructor(
    private readonly fs: FileSystem,
    private readonly bulkReader?: BulkPostReader,
  ) {
    super();
    this.current = new PostIndex(readTagsConfig().taxonomies);
    this.reader = readerFor(this.current);
    // Subscribing costs nothing; the handlers do nothing until the first scan has started.
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)));
    this._register(vscode.workspace.onDidSaveTextDocument((d) => this.onSave(d)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)));
    this._register(vscode.workspace.onDidRenameFiles((e) => this.onRename(e)));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescanIfStarted()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsPostSelection(e) || affectsFrontMatter(e)) this.rescanIfStarted();
      }),
    );
    this._register({ dispose: () => this.stopTimersAndWatchers() });
    this._register({ dispose: () => this.bulkReader?.release?.() });
  }

  /** The index as it is now (replaced by a new one when a full rescan completes). */
  get index(): PostIndex {
    return this.current;
  }

  /** The Hugo version the workspace's (first) site is read as, and whether it builds term pages. */
  get hugoFacts(): HugoSiteFacts | undefined {
    return this.facts;
  }

  /** How post files are read. */
  get fileSystem(): FileSystem {
    return this.fs;
  }

  /** True once the first scan has finished. */
  get isReady(): boolean {
    return this.scanned;
  }

  /** Resolves once a scan has finished, starting the first one if needed. */
  async ready(): Promise<void> {
    this.scanning ??= this.rescan(true);
    // A rescan that starts while we wait replaces the promise: wait for the newest one.
    for (;;) {
      const s: Promise<void> | undefined = this.scanning;
      await s;
      if (s === this.scanning) return;
    }
  }

  /** Scans every workspace folder again from scratch (the Refresh command). */
  refresh(): Promise<void> {
    this.scanning = this.rescan(!this.scanned);
    return this.ready();
  }

  posts(): readonly vscode.Uri[] {
    return (this.uris ??= [...this.current.paths()].map((p) => vscode.Uri.file(p)));
  }

  /** Files named like posts that could not be read (binary, unreadable): Check All reports them, as the CLI does. */
  skippedPosts(): readonly vscode.Uri[] {
    return [...this.skipped].map((p) => vscode.Uri.file(p));
  }

  /** The index key for a URI when it is (or would be) a post of this workspace, else undefined. */
  postPathOf(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    const path = pathOf(uri);
    const scope = this.scopeOf(path);
    return scope && isPostPath(path.slice(scope.root.length + 1), scope.include, scope.exclude, scope.patterns.contentFolders) ? path : undefined;
  }

  /** Logs a line to the "DevOps Notes: Post Index" output channel (created on first use). */
  log(level: 'info' | 'warn', message: string): void {
    this.logChannel ??= this._register(vscode.window.createOutputChannel('DevOps Notes: Post Index', { log: true }));
    this.logChannel[level](message);
  }

  // ---- full scans ----------------------------------------------------------------------------

  private rescanIfStarted(): void {
    if (this.scanning) void this.refresh();
  }

  private readScopes(): FolderScope[] {
    const out: FolderScope[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') {
        this.log('info', `${folder.uri.toString()}: not a local folder; its posts are not indexed`);
        continue;
      }
      const c = readTagsConfig(folder);
      const root = pathOf(folder.uri).replace(/\/+$/, '');
      // A folder's own include setting is taken as written; the default one follows its Hugo sites.
      const contentFolders = this.siteFolders.get(root) ?? [];
      const include = c.includeIsDefault ? [...c.include, ...contentFolders.map(contentFolderGlob)] : c.include;
      const patterns = { include, exclude: c.exclude, contentFolders };
      out.push({ root, patterns, include: compileGlobs(include), exclude: compileGlobs(c.exclude) });
    }
    // Longest root first, so a nested workspace folder claims its own files.
    return out.sort((a, b) => b.root.length - a.root.length);
  }

  /** {@link siteFolders} as the workspace's Hugo configs say now. */
  private async readSiteFolders(): Promise<Map<string, readonly string[]>> {
    const out = new Map<string, readonly string[]>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const root = pathOf(folder.uri).replace(/\/+$/, '');
      const folders = await siteContentFolders(this.fs, root).catch(() => []);
      if (folders.length) out.set(root, folders);
    }
    return out;
  }

  /** The Hugo facts of the first workspace folder that is (or is in) a Hugo site. */
  private async readHugoFacts(): Promise<HugoSiteFacts | undefined> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const siteRoot = await findSiteRoot(this.fs, pathOf(folder.uri).replace(/\/+$/, ''));
      if (!siteRoot) continue;
      const site = await loadSiteConfig(this.fs, siteRoot);
      // Patterns are not used here: the workspace's own file needs no trust for versions.
      const config = resolveValidationConfig(site.hugo, readFrontMatterSettings(folder.uri).layer, site.project);
      return { hugo: config.hugo, noTermPages: termPagesDisabledBy(config.disableKinds, config.hugo.version) };
    }
    return undefined;
  }

  /** A Hugo config changed: scan again if it moved the content folders. */
  private onSiteConfigChange(): void {
    clearTimeout(this.siteConfigTimer);
    this.siteConfigTimer = setTimeout(() => {
      void Promise.all([this.readSiteFolders(), this.readHugoFacts().catch(() => undefined)]).then(([folders, facts]) => {
        const key = (m: Map<string, readonly string[]>) => JSON.stringify([...m].sort());
        // A new Hugo version can merge terms otherwise; disableKinds changes what the tree says.
        if (key(folders) !== key(this.siteFolders) || JSON.stringify(facts) !== JSON.stringify(this.facts)) this.rescanIfStarted();
      });
    }, DISK_DEBOUNCE_MS);
  }

  private async rescan(first: boolean): Promise<void> {
    const gen = ++this.generation;
    const cancelled = (): boolean => gen !== this.generation || this.isDisposed;
    this.scanInProgress = true;
    this.startWatching();
    this.scopes = this.readScopes();
    let index = new PostIndex(readTagsConfig().taxonomies);
    const skipped = new Set<string>();
    const started = performance.now();
    let report: ((done: number, total: number) => void) | undefined;
    const work = (async () => {
      // Terms merge as the site's Hugo version merges them: known before the index is made.
      const facts = await this.readHugoFacts().catch(() => undefined);
      if (cancelled()) return;
      this.facts = facts;
      if (facts) index = new PostIndex(index.taxonomies, facts.hugo);
      // Threads start while the folders are listed, not after.
      this.bulkReader?.prepare?.(index.taxonomies);
      this.siteFolders = await this.readSiteFolders();
      if (cancelled()) return;
      for (const [root, folders] of this.siteFolders) this.log('info', `${root}: the Hugo config puts posts in ${folders.map(contentFolderGlob).join(', ')}`);
      this.scopes = this.readScopes();
      const files = new Set<string>();
      for (const scope of this.scopes) {
        const found = await findPostFiles(this.fs, scope.root, {
          ...scope.patterns,
          onSkip: (p, reason) => this.log('info', `skipped ${p}: ${reason}`),
          isCancelled: cancelled,
        });
        for (const f of found) files.add(f);
      }
      await indexFiles(this.fs, index, [...files], {
        bulkReader: this.bulkReader,
        onSkip: (p, reason) => {
          skipped.add(p);
          this.log('warn', `skipped ${p}: ${reason}`);
        },
        onProgress: (done, total) => report?.(done, total),
        isCancelled: cancelled,
      });
    })();
    if (first) this.showProgress(work, (r) => (report = r));
    try {
      await work;
    } catch (err) {
      this.log('warn', `scanning posts failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (cancelled()) return;
    this.skipped = skipped;
    this.swapIn(index);
    this.log('info', `indexed ${index.size} posts in ${Math.round(performance.now() - started)} ms`);
    this.scanned = true;
    this.scanInProgress = false;
    void vscode.commands.executeCommand('setContext', TAG_CONTEXT.hasPosts, index.size > 0);
    void vscode.commands.executeCommand('setContext', TAG_CONTEXT.scanned, true);
    this.scheduleDrain();
  }

  private showProgress(work: Promise<void>, setReporter: (r: (done: number, total: number) => void) => void): void {
    void vscode.window.withProgress({ location: { viewId: TAGS_VIEW_ID } }, () => work.catch(() => undefined));
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Indexing posts' }, (progress) => {
      let last = 0;
      setReporter((done, total) => {
        const now = performance.now();
        if (now - last < 250 && done < total) return;
        last = now;
        progress.report({ message: `${done.toLocaleString()}/${total.toLocaleString()}` });
      });
      return work.catch(() => undefined);
    });
  }

  /** Makes `next` the live index and reports what differs from the previous one. */
  private swapIn(next: PostIndex): void {
    const previous = this.current;
    this.current = next;
    this.reader = readerFor(next);
    this.uris = undefined;
    for (const path of next.paths()) {
      const before = previous.get(path);
      const after = next.get(path);
      if (!before || !after || !samePost(before, after)) this.pendingChanged.add(path);
    }
    for (const path of previous.paths()) if (!next.has(path)) this.pendingRemoved.add(path);
    // Unsaved editors win over what is on disk.
    this.fromEditor.clear();
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty) this.applyEditorText(doc);
    this.flushSoon(0);
  }

  // ---- one post at a time ----------------------------------------------------------------------

  private scopeOf(path: string): FolderScope | undefined {
    if (this.scopes.length === 0 && !this.scanning) this.scopes = this.readScopes();
    return this.scopes.find((s) => path.startsWith(`${s.root}/`));
  }

  private setPost(post: PostData): void {
    this.skipped.delete(post.path);
    const isNew = !this.current.has(post.path);
    if (!this.current.set(post)) return;
    if (isNew) this.uris = undefined;
    this.pendingRemoved.delete(post.path);
    this.pendingChanged.add(post.path);
    this.flushSoon();
  }

  private removePost(path: string): void {
    this.fromEditor.delete(path);
    this.skipped.delete(path);
    if (!this.current.delete(path)) return;
    this.uris = undefined;
    this.pendingChanged.delete(path);
    this.pendingRemoved.add(path);
    this.flushSoon();
  }

  private flushSoon(delay = 30): void {
    if (this.flushTimer !== undefined || this.isDisposed) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, delay);
  }

  private async flush(): Promise<void> {
    if (this.pendingChanged.size === 0 && this.pendingRemoved.size === 0) return;
    const changed = [...this.pendingChanged];
    const removed = [...this.pendingRemoved];
    this.pendingChanged.clear();
    this.pendingRemoved.clear();
    void vscode.commands.executeCommand('setContext', TAG_CONTEXT.hasPosts, this.current.size > 0);
    this.changeEmitter.fire({ changed: await toUris(changed), removed: await toUris(removed) });
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    // Not filtered on `contentChanges`: a revert arrives as a change event without any.
    if (!this.scanning) return;
    const path = this.postPathOf(e.document.uri);
    if (!path) return;
    clearTimeout(this.editTimers.get(path));
    this.editTimers.set(
      path,
      setTimeout(() => {
        this.editTimers.delete(path);
        if (!this.scanned || e.document.isClosed) return;
        this.applyEditorText(e.document);
      }, EDIT_DEBOUNCE_MS),
    );
  }

  private applyEditorText(doc: vscode.TextDocument): void {
    const path = this.postPathOf(doc.uri);
    if (!path) return;
    if (doc.isDirty) {
      this.fromEditor.add(path);
      // Only the first bytes can hold front matter: a huge post's text is not copied whole.
      this.setPost(this.reader.fromText(path, documentHead(doc, MAX_FRONT_MATTER_BYTES + 1).text));
    } else if (this.fromEditor.delete(path)) {
      // Saved or reverted: the file is the truth again (a revert can reach us before its text).
      this.queueDisk(path);
    }
  }

  private onSave(doc: vscode.TextDocument): void {
    if (!this.scanned) return;
    const path = this.postPathOf(doc.uri);
    if (!path) return;
    clearTimeout(this.editTimers.get(path));
    this.editTimers.delete(path);
    this.fromEditor.delete(path);
    this.queueDisk(path);
  }

  private onClose(doc: vscode.TextDocument): void {
    const path = this.postPathOf(doc.uri);
    if (!path || !this.fromEditor.delete(path)) return;
    // Closed without saving: the file on disk is the post again.
    clearTimeout(this.editTimers.get(path));
    this.editTimers.delete(path);
    this.queueDisk(path);
  }

  private onRename(e: vscode.FileRenameEvent): void {
    if (!this.scanning) return;
    for (const { oldUri, newUri } of e.files) {
      const from = pathOf(oldUri);
      const to = this.postPathOf(newUri);
      if (this.current.has(from)) {
        // A renamed post keeps its data: O(its terms), no re-read.
        if (to) {
          this.current.delete(to);
          this.current.rename(from, to);
          this.uris = undefined;
          this.pendingRemoved.add(from);
          this.pendingChanged.add(to);
          this.flushSoon();
        } else {
          this.removePost(from);
        }
      } else if (!POST_EXTENSION.test(from)) {
        // Possibly a folder: its posts move with it.
        this.maybeFolders.add(from);
        this.queueDisk(pathOf(newUri));
      }
    }
  }

  private startWatching(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
      watcher.onDidCreate((uri) => this.onDiskEvent(uri, 'created'));
      watcher.onDidChange((uri) => this.onDiskEvent(uri, 'changed'));
      watcher.onDidDelete((uri) => this.onDiskEvent(uri, 'deleted'));
      this.watchers.push(watcher);
    }
  }

  private onDiskEvent(uri: vscode.Uri, kind: 'created' | 'changed' | 'deleted'): void {
    if (uri.scheme !== 'file' || !this.scanning) return;
    const path = pathOf(uri);
    if (POST_EXTENSION.test(path)) {
      // An editor with unsaved changes wins over the disk until it is saved or closed.
      if (kind === 'deleted' || !this.fromEditor.has(path)) this.queueDisk(path);
      return;
    }
    if (SITE_CONFIG_NAMES.has(path.slice(path.lastIndexOf('/') + 1))) this.onSiteConfigChange();
    // Not a post: perhaps a folder that was created, moved in or deleted with posts inside.
    if (kind === 'deleted') {
      this.maybeFolders.add(path);
      this.scheduleDrain();
    } else if (kind === 'created' && this.scopeOf(path)) {
      this.queueDisk(path);
    }
  }

  private queueDisk(path: string): void {
    this.diskQueue.add(path);
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (this.diskTimer !== undefined || (this.diskQueue.size === 0 && this.maybeFolders.size === 0)) return;
    this.diskTimer = setTimeout(() => {
      this.diskTimer = undefined;
      this.draining = this.draining.then(() => this.drain()).catch((err: unknown) => this.log('warn', `updating posts failed: ${String(err)}`));
    }, DISK_DEBOUNCE_MS);
  }

  /** Re-reads the queued paths (after the first scan): each changed post costs one small read. */
  private async drain(): Promise<void> {
    // A scan in progress would drop these updates when it swaps in; its end drains again.
    if (this.scanInProgress) return;
    const folders = [...this.maybeFolders];
    this.maybeFolders.clear();
    for (const folder of folders) for (const p of this.current.deleteUnder(folder)) this.afterRemoved(p);
    const paths = [...this.diskQueue];
    this.diskQueue.clear();
    const index = this.current;
    await forEachLimited(paths, 16, async (path) => {
      if (this.current !== index || this.fromEditor.has(path)) return;
      if (!POST_EXTENSION.test(path)) return this.scanFolder(path);
      if (!this.postPathOf(vscode.Uri.file(path))) return this.removePost(path);
      const outcome = await this.reader.read(this.fs, path);
      if (this.current !== index || this.fromEditor.has(path)) return;
      if ('post' in outcome) this.setPost(outcome.post);
      else {
        this.removePost(path);
        if (!outcome.skipped.startsWith('deleted')) {
          this.skipped.add(path);
          this.log('warn', `skipped ${path}: ${outcome.skipped}`);
        }
      }
    });
  }

  /** A created or moved-in folder: index the posts under it. */
  private async scanFolder(path: string): Promise<void> {
    const stat = await this.fs.stat(path);
    const scope = this.scopeOf(path);
    if (!stat?.isDirectory || !scope) return;
    const files = await findPostFiles(this.fs, scope.root, { ...scope.patterns, under: path });
    const index = this.current;
    await indexFiles(this.fs, index, files.filter((f) => !this.fromEditor.has(f)), {
      concurrency: 16,
      onSkip: (p, reason) => {
        if (index === this.current) this.skipped.add(p);
        this.log('warn', `skipped ${p}: ${reason}`);
      },
      onProgress: () => undefined,
    });
    if (index !== this.current) return;
    for (const f of files) {
      if (!index.has(f)) continue;
      this.uris = undefined;
      this.pendingChanged.add(f);
    }
    this.flushSoon();
  }

  private afterRemoved(path: string): void {
    this.fromEditor.delete(path);
    this.uris = undefined;
    this.pendingChanged.delete(path);
    this.pendingRemoved.add(path);
    this.flushSoon();
  }

  private stopTimersAndWatchers(): void {
    for (const t of this.editTimers.values()) clearTimeout(t);
    this.editTimers.clear();
    clearTimeout(this.diskTimer);
    clearTimeout(this.flushTimer);
    clearTimeout(this.siteConfigTimer);
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
  }
}

/** URIs for many paths, in slices, so a first scan of 50k posts does not block while reporting. */
async function toUris(paths: readonly string[]): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (let i = 0; i < paths.length; i += 5000) {
    if (i > 0) await yieldToEventLoop();
    for (const p of paths.slice(i, i + 5000)) out.push(vscode.Uri.file(p));
  }
  return out;
}
