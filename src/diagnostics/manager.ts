import * as vscode from 'vscode';
import { affectsFrontMatter } from '../config/frontMatter';
import { parseFrontMatter } from '../core/frontmatter';
import { MAX_POST_BYTES, UNREADABLE, WEB_UTF8, type FileSystem } from '../core/fs';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { decodePost, parseProjectConfig, PROJECT_CONFIG_FILE, unreadableProblems, validateDocument, validateFrontMatter, type ConfigProblem, type FrontMatterDiagnostic, type PostContent, type ProjectConfigProblem, type ValidationConfig } from '../core/validate';
import { LineIndex } from '../core/text/lineIndex';
import { BurstDebouncer } from '../util/burstDebouncer';
import { OwnedDisposable } from '../util/dispose';
import type { ShownDocuments } from '../util/shownDocuments';
import { documentLength } from '../workspace/documentText';
import { documentRange, DIAGNOSTIC_SOURCE, toVscodeDiagnostic } from './convert';
import { SITE_CONFIG_GLOB, SiteConfigCache, type DocumentSite } from './siteConfigs';
import type { WorkspaceTermSpellings } from './termSpellings';
import { corePathOf, isWorkspaceFileUri, uriOfPath } from '../workspace/uris';

/**
 * While typing goes on, a document is checked again once the keys pause this long; the first
 * change after such a pause is checked at once (see BurstDebouncer).
 */
export const TYPING_DEBOUNCE_MS = 300;

/** What reading a post's file found wrong with its bytes; `skipped` when it cannot be checked at all. */
interface DiskVerdict {
  messages: string[];
  skipped: boolean;
}

/** What the last check of an open document used, so quick fixes are computed the same way. */
interface CheckedState {
  version: number;
  site: DocumentSite;
}

/**
 * Owns the Problems entries of front matter: checks Markdown documents with front matter when
 * they open and while they change (debounced), drops results that arrive for an older version,
 * clears a document's entries when it closes, and re-checks when settings or config files change.
 * Only documents shown in an editor (see ShownDocuments) are checked live; "Check All Posts"
 * is how to see every post.
 */
export class FrontMatterDiagnosticsManager extends OwnedDisposable {
  readonly collection = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));
  readonly sites: SiteConfigCache;
  private readonly forgotSites = this._register(new vscode.EventEmitter<void>());
  /** Fires when a setting or a config file changed what sites are configured with. */
  readonly onDidForgetSites = this.forgotSites.event;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly typing = this._register(new BurstDebouncer(TYPING_DEBOUNCE_MS));
  /** Bumped per document on every request: only the newest request may publish. */
  private readonly generations = new Map<string, number>();
  private readonly checked = new Map<string, CheckedState>();
  /** Per open document, what its file's bytes said when last read (see diskVerdictFor). */
  private readonly diskVerdicts = new Map<string, DiskVerdict>();
  /** Files the last "Check All Posts" reported on: closing them restores their on-disk result. */
  readonly checkedOnDisk = new Set<string>();
  /** Settings problems already reported (see reportSettingsProblems). */
  private readonly reportedSettings = new Set<string>();
  private readonly settingsFiles = new Set<vscode.Uri>();

  constructor(
    readonly fs: FileSystem,
    readonly spellings: WorkspaceTermSpellings,
    private readonly shown: ShownDocuments,
    onIndexChange: vscode.Event<unknown> | undefined,
  ) {
    super();
    this.sites = new SiteConfigCache(
      fs,
      (path, text, problems) => this.publishConfigProblems(path, text, problems),
      (uri, problems) => void this.reportSettingsProblems(uri, problems),
    );
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.request(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.onType(e.document)));
    // A tab can appear before or after its document opens: both events lead to a check.
    this._register(this.shown.onDidChange((c) => this.onShownChange(c)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsFrontMatter(e)) this.recheckAll();
      }),
    );
    // Trusting the workspace turns its `.devops-notes.json` patterns on (see siteConfigs.ts).
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.recheckAll()));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(SITE_CONFIG_GLOB));
    const onConfigFile = (uri: vscode.Uri) => {
      // Show what is wrong in the file itself at once, even when no post is open to re-check.
      if (uri.path.endsWith(`/${PROJECT_CONFIG_FILE}`)) void this.publishProjectFile(uri);
      this.recheckAll();
    };
    this._register(watcher.onDidChange(onConfigFile));
    this._register(watcher.onDidCreate(onConfigFile));
    this._register(
      watcher.onDidDelete((uri) => {
        this.collection.delete(uri);
        this.recheckAll();
      }),
    );
    // Another post's terms changed: spelling advice for open posts may change with them.
    if (onIndexChange) this._register(onIndexChange(() => this.recheckOpen(TYPING_DEBOUNCE_MS)));
    this._register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    // Documents already open when the extension activates (after activate() has returned).
    const startup = setTimeout(() => this.recheckOpen(0), 0);
    this._register({ dispose: () => clearTimeout(startup) });
  }

  /** Checks a document after `delayMs`, replacing any check already waiting for it. */
  request(document: vscode.TextDocument, delayMs: number): void {
    if (!this.wants(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.typing.cancel(key);
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(document, generation).catch((err: unknown) => console.error('[devops-notes] front matter check failed', err));
      }, delayMs),
    );
  }

  /** A change to a document's text: checked at once after a pause, else when the burst ends. */
  private onType(document: vscode.TextDocument): void {
    if (!this.wants(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const generation = this.bump(document);
    this.typing.request(key, () => void this.check(document, generation, true).catch((err: unknown) => console.error('[devops-notes] front matter check failed', err)));
  }

  /**
   * Documents checked live: Markdown shown in an editor, or one "Check All Posts" reported on
   * (its entries must follow its text).
   */
  private wants(document: vscode.TextDocument): boolean {
    if (!isCandidate(document) || this.isDisposed) return false;
    const key = document.uri.toString();
    return this.shown.has(document.uri) || this.checkedOnDisk.has(key);
  }

  /** Documents that came into view are checked; those that left it lose their entries. */
  private onShownChange(change: { shown: readonly string[]; hidden: readonly string[] }): void {
    const shown = new Set(change.shown);
    const hidden = new Set(change.hidden);
    for (const doc of vscode.workspace.textDocuments) {
      const key = doc.uri.toString();
      if (shown.has(key)) this.request(doc, 0);
      else if (hidden.has(key) && !this.checkedOnDisk.has(key) && isCandidate(doc)) this.forget(doc);
    }
  }

  /**
   * Checks a document now and publishes the result unless something newer came along; `typed`
   * when a change to its text asked for it.
   */
  async check(document: vscode.TextDocument, generation = this.bump(document), typed = false): Promise<void> {
    const key = document.uri.toString();
    // An unmodified post is what is on disk: report what Check All and the CLI say of its bytes
    // (not UTF-8, binary, too big), which the editor's decoded text no longer shows.
    const disk = isWorkspaceFileUri(document.uri) && !document.isDirty ? await this.diskVerdictFor(document, typed) : undefined;
    if (document.isClosed || this.generations.get(key) !== generation) return;
    const unreadable = document.isDirty ? [] : (disk?.messages ?? []);
    const version = document.version;
    const length = documentLength(document);
    if (length > MAX_POST_BYTES && !unreadable.length) unreadable.push(UNREADABLE.tooBig(length));
    const site = await this.sites.forDocument(document.uri);
    if (document.isClosed || document.version !== version || this.generations.get(key) !== generation) return;
    if ((!site.live && !this.checkedOnDisk.has(key)) || site.notAPage) {
      this.collection.delete(document.uri);
      return;
    }
    const notes = unreadableProblems(unreadable, site.config);
    // Too big to check, as the CLI and Check All skip it; nothing of its text is copied.
    if (length > MAX_POST_BYTES || disk?.skipped) {
      this.checked.delete(key);
      this.collection.set(document.uri, notes.map((d) => toVscodeDiagnostic(d, () => new vscode.Range(0, 0, 0, 0))));
      return;
    }
    const text = document.getText();
    // The site's Hugo may read YAML 1.1 (`yes` a boolean): read the block as it does.
    const parsed = parseFrontMatter(text, { yaml: site.config.hugo.yaml });
    const found = parsed.format === null ? [] : await validateDocument(text, { ...this.optionsFor(site), parsed, fileExists: (p) => this.fs.stat(p).then((s) => s?.isFile === true) });
    // Stale: the document changed, closed, or a newer check started while this one awaited.
    if (document.isClosed || document.version !== version || this.generations.get(key) !== generation) return;
    if (parsed.format === null) this.checked.delete(key);
    else this.checked.set(key, { version, site });
    const all = [...notes, ...found];
    if (all.length === 0 && parsed.format === null) this.collection.delete(document.uri);
    else this.collection.set(document.uri, all.map((d) => toVscodeDiagnostic(d, documentRange(document))));
  }

  /**
   * The disk verdict for a check. A keystroke into a saved post is checked while its document still
   * reads as not dirty, so reading the file there put a stat and a read of the whole post between
   * the keystroke and its squiggle (BENCHMARKS.md, H5): a check asked for by a change uses the
   * verdict last read for the document and reads the file again behind it, checking once more if
   * the bytes now say something else (the file changed on disk meanwhile).
   */
  private async diskVerdictFor(document: vscode.TextDocument, typed: boolean): Promise<DiskVerdict> {
    const key = document.uri.toString();
    const known = typed ? this.diskVerdicts.get(key) : undefined;
    const read = this.diskVerdict(document.uri).then((fresh) => {
      if (this.wants(document)) this.diskVerdicts.set(key, fresh);
      return fresh;
    });
    if (!known) return read;
    read.then(
      (fresh) => {
        if (!sameVerdict(fresh, known)) this.request(document, 0);
      },
      () => undefined,
    );
    return known;
  }

  /** What reading the file finds wrong with its bytes; `skipped` when it cannot be checked at all. */
  private async diskVerdict(uri: vscode.Uri): Promise<DiskVerdict> {
    const messages: string[] = [];
    const text = await readPostFile(this.fs, uri, (m) => messages.push(m));
    return { messages, skipped: text === undefined && messages.length > 0 };
  }

  /**
   * The core diagnostics of the document's current text, with their fixes, computed with the
   * configuration of its last check (synchronous, for the code action provider).
   */
  fixableDiagnostics(document: vscode.TextDocument): FrontMatterDiagnostic[] {
    const state = this.checked.get(document.uri.toString());
    if (!state) return [];
    return validateFrontMatter(document.getText(), this.optionsFor(state.site));
  }

  private optionsFor(site: DocumentSite): { config: ValidationConfig; filePath?: string; siteRoot?: string; termSpellings?: ReturnType<WorkspaceTermSpellings['current']> } {
    return { config: site.config, filePath: site.filePath, siteRoot: site.siteRoot, termSpellings: this.spellings.current() };
  }

  private bump(document: vscode.TextDocument): number {
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    return generation;
  }

  private onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.forget(document);
    if (this.checkedOnDisk.has(key)) void this.recheckFromDisk(document.uri);
  }

  /** Stops checking a document and drops its entries (closed, or no longer in any editor). */
  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.typing.cancel(key);
    this.bump(document);
    this.checked.delete(key);
    this.diskVerdicts.delete(key);
    if (!this.checkedOnDisk.has(key)) this.collection.delete(document.uri);
  }

  /** After a closed post was edited without saving, Problems must show the file as it is on disk. */
  private async recheckFromDisk(uri: vscode.Uri): Promise<void> {
    try {
      const notes: string[] = [];
      const text = await readPostFile(this.fs, uri, (m) => notes.push(m));
      const site = await this.sites.forDocument(uri);
      const found = text === undefined ? [] : await validateDocument(text, { ...this.optionsFor(site), fileExists: (p) => this.fs.stat(p).then((s) => s?.isFile === true) });
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
      const lines = new LineIndex(text ?? '');
      this.collection.set(uri, [...unreadableProblems(notes, site.config), ...found].map((d) => toVscodeDiagnostic(d, (s, e) => toRange(lines, s, e))));
    } catch {
      this.collection.delete(uri);
    }
  }

  private recheckAll(): void {
    // Settings may have changed: their problems are found again by the checks below.
    this.reportedSettings.clear();
    for (const uri of this.settingsFiles) this.collection.delete(uri);
    this.settingsFiles.clear();
    this.sites.clear();
    this.forgotSites.fire();
    this.recheckOpen(0);
  }

  private recheckOpen(delayMs: number): void {
    for (const d of vscode.workspace.textDocuments) this.request(d, delayMs);
  }

  private async publishProjectFile(uri: vscode.Uri): Promise<void> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.publishConfigProblems(corePathOf(uri), text, parseProjectConfig(text).problems);
    } catch {
      this.collection.delete(uri);
    }
  }

  /**
   * Settings that could not be used: shown at their place in the folder's `.vscode/settings.json`
   * when they are written there, else once as a warning (user settings have no file we can name).
   */
  private async reportSettingsProblems(uri: vscode.Uri, problems: ConfigProblem[]): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const settingsUri = folder ? vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json') : undefined;
    const key = `${settingsUri?.toString() ?? ''}\n${JSON.stringify(problems)}`;
    if (this.reportedSettings.has(key)) return;
    this.reportedSettings.add(key);
    let text: string | undefined;
    try {
      text = settingsUri ? new TextDecoder().decode(await vscode.workspace.fs.readFile(settingsUri)) : undefined;
    } catch {
      text = undefined;
    }
    const root = text === undefined ? undefined : parseTree(text, [], { allowTrailingComma: true });
    const inFile: ProjectConfigProblem[] = [];
    for (const p of problems) {
      // Settings files hold `devopsNotes.frontMatter.fields` as one dotted key.
      const [section, key0, ...rest] = p.path;
      const node = root && findNodeAtLocation(root, [`${String(section)}.${String(key0)}`, ...rest]);
      if (node) inFile.push({ message: p.message, start: node.offset, end: node.offset + node.length });
      else void vscode.window.showWarningMessage(`DevOps Notes: the setting ${p.path.join(' › ')} is not used: ${p.message}`);
    }
    if (inFile.length && settingsUri && text !== undefined) {
      this.settingsFiles.add(settingsUri);
      this.publishConfigProblems(corePathOf(settingsUri), text, inFile);
    }
  }

  private publishConfigProblems(path: string, text: string, problems: ProjectConfigProblem[]): void {
    const uri = uriOfPath(path);
    const lines = new LineIndex(text);
    this.collection.set(
      uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(toRange(lines, p.start, p.end), p.message, vscode.DiagnosticSeverity.Warning);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = 'config';
        return d;
      }),
    );
  }
}

/**
 * What can be read of a post on disk, as the CLI reads it: its bytes, its size when too big to
 * read, or why reading failed; undefined when it is not a file on disk (or no longer exists).
 */
export async function readPostContent(fs: FileSystem, uri: vscode.Uri): Promise<PostContent | undefined> {
  if (!isWorkspaceFileUri(uri)) return undefined;
  const path = corePathOf(uri);
  try {
    const st = await fs.stat(path);
    if (!st) return undefined;
    if (st.size > MAX_POST_BYTES) return { tooBig: st.size };
    return { bytes: await fs.readFile(path) };
  } catch (err) {
    return { failed: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}

/**
 * A post's text from disk as Check All and the CLI read it, reporting (as `fm/unreadable`) a file
 * too big, binary or unreadable (then undefined), or not valid UTF-8 (then decoded anyway).
 */
export async function readPostFile(fs: FileSystem, uri: vscode.Uri, report: (message: string) => void): Promise<string | undefined> {
  const content = await readPostContent(fs, uri);
  // The whole text, no sketch of the body: the live check shows and fixes all of it.
  return content === undefined ? undefined : decodePost(content, report, WEB_UTF8, false)?.text;
}

export function toRange(lines: LineIndex, start: number, end: number): vscode.Range {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

function sameVerdict(a: DiskVerdict, b: DiskVerdict): boolean {
  return a.skipped === b.skipped && a.messages.length === b.messages.length && a.messages.every((m, i) => m === b.messages[i]);
}

/** Markdown files (on disk or untitled) are checked; anything else is not ours. */
function isCandidate(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && (isWorkspaceFileUri(document.uri) || document.uri.scheme === 'untitled');
}
