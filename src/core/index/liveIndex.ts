import type { FileSystem } from '../fs';
import { contentFolderGlob, HUGO_CONFIG_FILES, HUGO_VERSION_FILES, MODULE_CONFIG_FILES, siteContentFolders, termPagesDisabledBy, type HugoRules, type HugoVersion } from '../site';
import { findSiteRoot, loadSiteConfig, PROJECT_CONFIG_FILE, resolveValidationConfig, type ConfigLayer } from '../validate';
import { indexFiles, readerFor, type BulkPostReader } from './buildIndex';
import { compileGlobs, type GlobSet } from './glob';
import { PostIndex, samePost } from './postIndex';
import type { PostData } from './postData';
import { MAX_FRONT_MATTER_BYTES, type PostReader } from './readPost';
import { findPostFiles, isPostPath } from './scanner';
import { forEachLimited } from './timeSlicer';

/** How long typing pauses before the post's terms are re-read (the tree follows the editor). */
export const EDIT_DEBOUNCE_MS = 300;
/** File events come in bursts (a `git checkout`); they are read together after this pause. */
export const DISK_DEBOUNCE_MS = 50;
/** Changes to the index are reported together after this pause (a folder of posts: one report). */
export const CHANGE_DEBOUNCE_MS = 30;

const POST_EXTENSION = /\.(?:md|markdown)$/i;
/** Hugo config files (at a site root, or in its `config/_default/`), whose content folders the scan follows. */
const SITE_CONFIG_NAMES: ReadonlySet<string> = new Set([...HUGO_CONFIG_FILES, ...MODULE_CONFIG_FILES, ...HUGO_VERSION_FILES, PROJECT_CONFIG_FILE]);

/** Timers, injected so tests control time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout> | undefined),
};

/** One workspace folder as the host sees it now. */
export interface LiveFolder {
  /** Absolute path with forward slashes; undefined for a folder not on the local disk (not indexed). */
  readonly root: string | undefined;
  /** How the log names the folder. */
  readonly name: string;
  /** Its post globs (settings may differ per folder; read at every scan). */
  postGlobs(): { include: readonly string[]; includeIsDefault: boolean; exclude: readonly string[] };
  /** Its front-matter settings (a Hugo version set there), for {@link HugoSiteFacts}. */
  settingsLayer(): ConfigLayer | undefined;
}

/** An open editor's document; read lazily, when a debounce ends. */
export interface EditorText {
  /** Absolute path with forward slashes (local files only). */
  readonly path: string;
  readonly isDirty: boolean;
  readonly isClosed: boolean;
  /** The first `maxChars` characters (all of them when shorter). */
  head(maxChars: number): string;
}

/** What {@link LiveIndex} needs from its host (the extension's adapter, or a test). */
export interface LiveIndexHost {
  readonly fs: FileSystem;
  /** Reads a big site's posts on other threads during a full scan. */
  readonly bulkReader?: BulkPostReader;
  readonly timers?: Timers;
  folders(): readonly LiveFolder[];
  /** Front matter keys holding terms (window-wide). */
  taxonomies(): readonly string[];
  /** Every open editor of a local file (those with unsaved changes win over the disk after a scan). */
  openEditors(): Iterable<EditorText>;
  log(level: 'info' | 'warn', message: string): void;
}

/** What the tree says about the site: its Hugo version, and the `disableKinds` entries that turn off term pages. */
export interface HugoSiteFacts {
  hugo: HugoVersion & HugoRules;
  noTermPages?: string[];
}

/** Posts added or changed, and posts removed (index keys), batched. */
export interface LiveIndexChange {
  changed: readonly string[];
  removed: readonly string[];
}

/** A full scan that has started: `work` settles when it has read everything (or failed). */
export interface ScanStart {
  /** True for the first scan (and a refresh before it finished): the one worth showing progress for. */
  first: boolean;
  work: Promise<void>;
  /** Sets who is told how many files the scan has read. */
  onProgress(report: (done: number, total: number) => void): void;
}

type Listener<T> = (value: T) => void;

/** A minimal event: `event(listener)` subscribes and returns what unsubscribes. */
class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
}

/** One workspace folder and the globs that pick its posts. */
interface FolderScope {
  root: string;
  /** For the walk: include and exclude globs, and the Hugo sites' content folders (where public/ is a section). */
  patterns: { include: readonly string[]; exclude: readonly string[]; contentFolders: readonly string[] };
  include: GlobSet;
  exclude: GlobSet;
}

/**
 * The live post index of a workspace: scans lazily (on {@link ready}), then follows file events,
 * renames and unsaved editor text one post at a time, and reports what changed. Does no I/O of
 * its own: files through the host's {@link FileSystem}, time through its {@link Timers}.
 */
export class LiveIndex {
  private current: PostIndex;
  private reader: PostReader;
  private scopes: FolderScope[] = [];
  /**
   * Per workspace folder (its path): the content folders its Hugo sites name (a custom
   * `contentDir`, content mounts), whose posts the default include globs add. Read at each full scan.
   */
  private siteFolders = new Map<string, readonly string[]>();
  private facts: HugoSiteFacts | undefined;
  private siteConfigTimer: unknown;
  private scanning: Promise<void> | undefined;
  private generation = 0;
  private scanned = false;
  /** True while a full scan runs: file events wait for it, then apply to the new index. */
  private scanInProgress = false;
  private postList: readonly string[] | undefined;
  /** Posts whose data came from an editor with unsaved changes (disk events must not undo it). */
  private readonly fromEditor = new Set<string>();
  /** Files the index could not read (see skippedPosts). */
  private skipped = new Set<string>();
  private readonly editTimers = new Map<string, unknown>();
  private readonly diskQueue = new Set<string>();
  private readonly maybeFolders = new Set<string>();
  private diskTimer: unknown;
  private draining: Promise<void> = Promise.resolve();
  private readonly pendingChanged = new Set<string>();
  private readonly pendingRemoved = new Set<string>();
  private flushTimer: unknown;
  private disposed = false;
  private readonly fs: FileSystem;
  private readonly timers: Timers;

  private readonly changes = new Emitter<LiveIndexChange>();
  private readonly scanStarts = new Emitter<ScanStart>();
  private readonly scanEnds = new Emitter<PostIndex>();
  /** Fires with the posts added, changed or removed (batched). */
  readonly onDidChange = this.changes.event;
  /** Fires when a full scan starts. */
  readonly onDidStartScan = this.scanStarts.event;
  /** Fires when a full scan's index has become the live one. */
  readonly onDidFinishScan = this.scanEnds.event;

  constructor(private readonly host: LiveIndexHost) {
    this.fs = host.fs;
    this.timers = host.timers ?? realTimers;
    this.current = new PostIndex(host.taxonomies());
    this.reader = readerFor(this.current);
  }

  /** The index as it is now (replaced by a new one when a full scan completes). */
  get index(): PostIndex {
    return this.current;
  }

  /** The Hugo version the workspace's (first) site is read as, and whether it builds term pages. */
  get hugoFacts(): HugoSiteFacts | undefined {
    return this.facts;
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

  /** The index's post paths (the same array until the set of posts changes). */
  postPaths(): readonly string[] {
    return (this.postList ??= [...this.current.paths()]);
  }

  /** Files named like posts that could not be read (binary, unreadable). */
  skippedPosts(): readonly string[] {
    return [...this.skipped];
  }

  /** The index key for a path when it is (or would be) a post of this workspace, else undefined. */
  postPathOf(path: string): string | undefined {
    const scope = this.scopeOf(path);
    return scope && isPostPath(path.slice(scope.root.length + 1), scope.include, scope.exclude, scope.patterns.contentFolders) ? path : undefined;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of this.editTimers.values()) this.timers.clearTimeout(t);
    this.editTimers.clear();
    this.timers.clearTimeout(this.diskTimer);
    this.timers.clearTimeout(this.flushTimer);
    this.timers.clearTimeout(this.siteConfigTimer);
    this.host.bulkReader?.release?.();
  }

  // ---- events in -------------------------------------------------------------------------------
  // Each does nothing until the first scan has started.

  /** Workspace folders were added or removed, or a setting that picks posts or terms changed. */
  workspaceChanged(): void {
    if (this.scanning) void this.refresh();
  }

  /** A file watcher event for a local path (a post, a folder, a Hugo config, anything). */
  fileEvent(kind: 'created' | 'changed' | 'deleted', path: string): void {
    if (!this.scanning) return;
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

  /** Files or folders renamed in the editor; `to` is undefined when the new place is not a local file. */
  renamed(moves: readonly { from: string; to: string | undefined }[]): void {
    if (!this.scanning) return;
    for (const { from, to } of moves) {
      const target = to === undefined ? undefined : this.postPathOf(to);
      if (this.current.has(from)) {
        // A renamed post keeps its data: O(its terms), no re-read.
        if (target) {
          this.current.delete(target);
          this.current.rename(from, target);
          this.postList = undefined;
          this.pendingRemoved.add(from);
          this.pendingChanged.add(target);
          this.flushSoon();
        } else {
          this.removePost(from);
        }
      } else if (!POST_EXTENSION.test(from)) {
        // Possibly a folder: its posts move with it.
        this.maybeFolders.add(from);
        if (to !== undefined) this.queueDisk(to);
      }
    }
  }

  /** An editor's text changed (typing, undo, a revert): read again once typing pauses. */
  editorChanged(doc: EditorText): void {
    // Not filtered on what changed: a revert arrives as a change event without any.
    if (!this.scanning) return;
    const path = this.postPathOf(doc.path);
    if (!path) return;
    this.timers.clearTimeout(this.editTimers.get(path));
    this.editTimers.set(
      path,
      this.timers.setTimeout(() => {
        this.editTimers.delete(path);
        if (!this.scanned || doc.isClosed) return;
        this.applyEditorText(doc);
      }, EDIT_DEBOUNCE_MS),
    );
  }

  /** An editor saved its file: the file is the truth again. */
  editorSaved(path: string): void {
    if (!this.scanned) return;
    const post = this.postPathOf(path);
    if (!post) return;
    this.timers.clearTimeout(this.editTimers.get(post));
    this.editTimers.delete(post);
    this.fromEditor.delete(post);
    this.queueDisk(post);
  }

  /** An editor closed its document. */
  editorClosed(path: string): void {
    const post = this.postPathOf(path);
    if (!post || !this.fromEditor.delete(post)) return;
    // Closed without saving: the file on disk is the post again.
    this.timers.clearTimeout(this.editTimers.get(post));
    this.editTimers.delete(post);
    this.queueDisk(post);
  }

  // ---- full scans ------------------------------------------------------------------------------

  private readScopes(): FolderScope[] {
    const out: FolderScope[] = [];
    for (const folder of this.host.folders()) {
      if (folder.root === undefined) {
        this.host.log('info', `${folder.name}: not a local folder; its posts are not indexed`);
        continue;
      }
      const c = folder.postGlobs();
      const root = folder.root.replace(/\/+$/, '');
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
    for (const folder of this.host.folders()) {
      if (folder.root === undefined) continue;
      const root = folder.root.replace(/\/+$/, '');
      const folders = await siteContentFolders(this.fs, root).catch(() => []);
      if (folders.length) out.set(root, folders);
    }
    return out;
  }

  /** The Hugo facts of the first workspace folder that is (or is in) a Hugo site. */
  private async readHugoFacts(): Promise<HugoSiteFacts | undefined> {
    for (const folder of this.host.folders()) {
      if (folder.root === undefined) continue;
      const siteRoot = await findSiteRoot(this.fs, folder.root.replace(/\/+$/, ''));
      if (!siteRoot) continue;
      const site = await loadSiteConfig(this.fs, siteRoot);
      // Patterns are not used here: the workspace's own file needs no trust for versions.
      const config = resolveValidationConfig(site.hugo, folder.settingsLayer(), site.project);
      return { hugo: config.hugo, noTermPages: termPagesDisabledBy(config.disableKinds, config.hugo.version) };
    }
    return undefined;
  }

  /** A Hugo config changed: scan again if it moved the content folders. */
  private onSiteConfigChange(): void {
    this.timers.clearTimeout(this.siteConfigTimer);
    this.siteConfigTimer = this.timers.setTimeout(() => {
      void Promise.all([this.readSiteFolders(), this.readHugoFacts().catch(() => undefined)]).then(([folders, facts]) => {
        const key = (m: Map<string, readonly string[]>) => JSON.stringify([...m].sort());
        // A new Hugo version can merge terms otherwise; disableKinds changes what the tree says.
        if (key(folders) !== key(this.siteFolders) || JSON.stringify(facts) !== JSON.stringify(this.facts)) this.workspaceChanged();
      });
    }, DISK_DEBOUNCE_MS);
  }

  private async rescan(first: boolean): Promise<void> {
    const gen = ++this.generation;
    const cancelled = (): boolean => gen !== this.generation || this.disposed;
    this.scanInProgress = true;
    this.scopes = this.readScopes();
    let index = new PostIndex(this.host.taxonomies());
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
      this.host.bulkReader?.prepare?.(index.taxonomies);
      this.siteFolders = await this.readSiteFolders();
      if (cancelled()) return;
      for (const [root, folders] of this.siteFolders) this.host.log('info', `${root}: the Hugo config puts posts in ${folders.map(contentFolderGlob).join(', ')}`);
      this.scopes = this.readScopes();
      const files = new Set<string>();
      for (const scope of this.scopes) {
        const found = await findPostFiles(this.fs, scope.root, {
          ...scope.patterns,
          onSkip: (p, reason) => this.host.log('info', `skipped ${p}: ${reason}`),
          isCancelled: cancelled,
        });
        for (const f of found) files.add(f);
      }
      await indexFiles(this.fs, index, [...files], {
        bulkReader: this.host.bulkReader,
        onSkip: (p, reason) => {
          skipped.add(p);
          this.host.log('warn', `skipped ${p}: ${reason}`);
        },
        onProgress: (done, total) => report?.(done, total),
        isCancelled: cancelled,
      });
    })();
    this.scanStarts.fire({ first, work, onProgress: (r) => (report = r) });
    try {
      await work;
    } catch (err) {
      this.host.log('warn', `scanning posts failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (cancelled()) return;
    this.skipped = skipped;
    this.swapIn(index);
    this.host.log('info', `indexed ${index.size} posts in ${Math.round(performance.now() - started)} ms`);
    this.scanned = true;
    this.scanInProgress = false;
    this.scanEnds.fire(index);
    this.scheduleDrain();
  }

  /** Makes `next` the live index and reports what differs from the previous one. */
  private swapIn(next: PostIndex): void {
    const previous = this.current;
    this.current = next;
    this.reader = readerFor(next);
    this.postList = undefined;
    for (const path of next.paths()) {
      const before = previous.get(path);
      const after = next.get(path);
      if (!before || !after || !samePost(before, after)) this.pendingChanged.add(path);
    }
    for (const path of previous.paths()) if (!next.has(path)) this.pendingRemoved.add(path);
    // Unsaved editors win over what is on disk.
    this.fromEditor.clear();
    for (const doc of this.host.openEditors()) if (doc.isDirty) this.applyEditorText(doc);
    this.flushSoon(0);
  }

  // ---- one post at a time ----------------------------------------------------------------------

  private scopeOf(path: string): FolderScope | undefined {
    if (this.scopes.length === 0 && !this.scanning) this.scopes = this.readScopes();
    return this.scopes.find((s) => path.startsWith(`${s.root}/`));
  }

  private applyEditorText(doc: EditorText): void {
    const path = this.postPathOf(doc.path);
    if (!path) return;
    if (doc.isDirty) {
      this.fromEditor.add(path);
      // Only the first bytes can hold front matter: a huge post's text is not copied whole.
      this.setPost(this.reader.fromText(path, doc.head(MAX_FRONT_MATTER_BYTES + 1)));
    } else if (this.fromEditor.delete(path)) {
      // Saved or reverted: the file is the truth again (a revert can reach us before its text).
      this.queueDisk(path);
    }
  }

  private setPost(post: PostData): void {
    this.skipped.delete(post.path);
    const isNew = !this.current.has(post.path);
    if (!this.current.set(post)) return;
    if (isNew) this.postList = undefined;
    this.pendingRemoved.delete(post.path);
    this.pendingChanged.add(post.path);
    this.flushSoon();
  }

  private removePost(path: string): void {
    this.fromEditor.delete(path);
    this.skipped.delete(path);
    if (!this.current.delete(path)) return;
    this.afterRemoved(path);
  }

  private afterRemoved(path: string): void {
    this.fromEditor.delete(path);
    this.postList = undefined;
    this.pendingChanged.delete(path);
    this.pendingRemoved.add(path);
    this.flushSoon();
  }

  private flushSoon(delay = CHANGE_DEBOUNCE_MS): void {
    if (this.flushTimer !== undefined || this.disposed) return;
    this.flushTimer = this.timers.setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, delay);
  }

  private flush(): void {
    if (this.pendingChanged.size === 0 && this.pendingRemoved.size === 0) return;
    const changed = [...this.pendingChanged];
    const removed = [...this.pendingRemoved];
    this.pendingChanged.clear();
    this.pendingRemoved.clear();
    this.changes.fire({ changed, removed });
  }

  private queueDisk(path: string): void {
    this.diskQueue.add(path);
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (this.diskTimer !== undefined || (this.diskQueue.size === 0 && this.maybeFolders.size === 0)) return;
    this.diskTimer = this.timers.setTimeout(() => {
      this.diskTimer = undefined;
      this.draining = this.draining.then(() => this.drain()).catch((err: unknown) => this.host.log('warn', `updating posts failed: ${String(err)}`));
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
      if (!this.postPathOf(path)) return this.removePost(path);
      const outcome = await this.reader.read(this.fs, path);
      if (this.current !== index || this.fromEditor.has(path)) return;
      if ('post' in outcome) this.setPost(outcome.post);
      else {
        this.removePost(path);
        if (!outcome.skipped.startsWith('deleted')) {
          this.skipped.add(path);
          this.host.log('warn', `skipped ${path}: ${outcome.skipped}`);
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
        this.host.log('warn', `skipped ${p}: ${reason}`);
      },
      onProgress: () => undefined,
    });
    if (index !== this.current) return;
    for (const f of files) {
      if (!index.has(f)) continue;
      this.postList = undefined;
      this.pendingChanged.add(f);
    }
    this.flushSoon();
  }
}
