import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * A recording stand-in for the `vscode` module, for one question only: what does the built
 * extension do when `activate()` runs — in particular, does it touch the workspace's files?
 * Every API it reaches is recorded by name. The file system and workspace folder are real (a
 * generated site), so an extension that starts scanning is seen doing it. Anything not modelled
 * here answers with a permissive recording proxy.
 */
export interface ApiCall {
  name: string;
  atMs: number;
  arg?: string;
}

/** Top-level names of the vscode API an extension may touch at activation. */
const VSCODE_NAMESPACES = (
  'commands languages extensions env l10n tasks debug scm authentication tests notebooks comments ' +
  'TreeItem TreeItemCollapsibleState TreeItemCheckboxState ThemeIcon ThemeColor MarkdownString Range Position Selection ' +
  'Location Diagnostic DiagnosticSeverity DiagnosticTag DiagnosticRelatedInformation CodeAction CodeActionKind ' +
  'WorkspaceEdit TextEdit SnippetString CompletionItem CompletionItemKind CompletionList StatusBarAlignment ' +
  'ViewColumn ConfigurationTarget FileType RelativePattern Hover DocumentLink FoldingRange FoldingRangeKind ' +
  'ProgressLocation EndOfLine FileSystemError CancellationTokenSource CancellationError Color QuickPickItemKind UIKind ' +
  'ExtensionMode DecorationRangeBehavior OverviewRulerLane TextEditorRevealType SymbolKind DocumentSymbol ' +
  'SymbolInformation CodeLens DataTransfer DataTransferItem DocumentDropEdit TabInputText EventEmitter'
).split(' ');

class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(p: string): FakeUri {
    return new FakeUri('file', p.replace(/\\/g, '/'));
  }
  static parse(s: string): FakeUri {
    const m = /^([a-z-]+):\/\/[^/]*(\/.*)?$/i.exec(s);
    return m ? new FakeUri(m[1], m[2] ?? '/') : FakeUri.file(s);
  }
  static joinPath(base: FakeUri, ...segments: string[]): FakeUri {
    return new FakeUri(base.scheme, path.posix.join(base.path, ...segments));
  }
  get fsPath(): string {
    return this.path;
  }
  get authority(): string {
    return '';
  }
  get query(): string {
    return '';
  }
  get fragment(): string {
    return '';
  }
  with(change: { scheme?: string; path?: string }): FakeUri {
    return new FakeUri(change.scheme ?? this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, path: this.path };
  }
}

class FakeDisposable {
  constructor(private readonly onDispose: () => void = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): FakeDisposable {
    return new FakeDisposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

class FakeEventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  readonly event = (listener: (e: T) => void): FakeDisposable => {
    this.listeners.push(listener);
    return new FakeDisposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export function createFakeVscode(workspaceRoot: string): { vscode: Record<string, unknown>; calls: ApiCall[]; context: unknown } {
  const calls: ApiCall[] = [];
  const t0 = performance.now();
  const record = (name: string, arg?: unknown): void => {
    calls.push({ name, atMs: performance.now() - t0, arg: arg instanceof FakeUri ? arg.path : typeof arg === 'string' ? arg : undefined });
  };

  /** Records every access under `name` and never throws. */
  const anything = (name: string): unknown =>
    new Proxy(function () {}, {
      get(_t, prop) {
        if (prop === 'then') return undefined;
        if (prop === Symbol.iterator) return function* () {};
        if (prop === Symbol.toPrimitive) return () => 0;
        if (typeof prop === 'symbol') return undefined;
        return anything(`${name}.${prop}`);
      },
      apply(_t, _this, args: unknown[]) {
        record(name, args[0]);
        if (name.endsWith('.get') && args.length >= 2) return args[1];
        return anything(`${name}()`);
      },
      construct() {
        record(`new ${name}`);
        return anything(`${name}#instance`) as object;
      },
      // An assignment (a status bar item's name) is taken and forgotten: the target is a function,
      // whose own `name` is read-only.
      set() {
        return true;
      },
    });

  const withFallback = (name: string, known: Record<string, unknown>): unknown =>
    new Proxy(known, {
      get(target, prop) {
        if (typeof prop === 'symbol') return undefined;
        if (prop in target) return target[prop];
        return anything(`${name}.${prop}`);
      },
    });

  // Taken now, before the probe starts watching node's fs, so these reads are counted once.
  const { readdir, readFile, stat } = fs;
  const realFs = {
    async readDirectory(uri: FakeUri) {
      record('workspace.fs.readDirectory', uri);
      const entries = await readdir(uri.fsPath, { withFileTypes: true });
      return entries.map((e) => [e.name, e.isDirectory() ? 2 : e.isFile() ? 1 : 0]);
    },
    async readFile(uri: FakeUri) {
      record('workspace.fs.readFile', uri);
      return readFile(uri.fsPath);
    },
    async stat(uri: FakeUri) {
      record('workspace.fs.stat', uri);
      const s = await stat(uri.fsPath);
      return { type: s.isDirectory() ? 2 : 1, size: s.size, mtime: s.mtimeMs, ctime: s.ctimeMs };
    },
  };
  const root = FakeUri.file(workspaceRoot);
  const configuration = (section?: string) =>
    withFallback(`workspace.getConfiguration(${section ?? ''})`, {
      get: (_key: string, fallback?: unknown) => fallback,
      has: () => false,
      inspect: () => undefined,
      update: () => Promise.resolve(),
    });
  const workspace = withFallback('workspace', {
    workspaceFolders: [{ uri: root, name: path.basename(workspaceRoot), index: 0 }],
    textDocuments: [],
    isTrusted: true,
    fs: withFallback('workspace.fs', realFs),
    getConfiguration: (section?: string) => {
      record('workspace.getConfiguration', section);
      return configuration(section);
    },
    findFiles: (include: unknown) => {
      record('workspace.findFiles', typeof include === 'string' ? include : undefined);
      return Promise.resolve([]);
    },
    openTextDocument: (uri: unknown) => {
      record('workspace.openTextDocument', uri);
      return Promise.reject(new Error('not available in the activation probe'));
    },
    getWorkspaceFolder: () => ({ uri: root, name: 'site', index: 0 }),
  });
  const window = withFallback('window', { visibleTextEditors: [], activeTextEditor: undefined, tabGroups: withFallback('window.tabGroups', { all: [] }) });
  // A plain object with every namespace listed: bundlers copy a module's own keys on import,
  // so a proxy that answers any name would still look empty to them.
  const vscode: Record<string, unknown> = { version: '1.90.0', Uri: FakeUri, Disposable: FakeDisposable, EventEmitter: FakeEventEmitter, workspace, window };
  for (const name of VSCODE_NAMESPACES) vscode[name] ??= anything(name);
  const context = withFallback('context', {
    subscriptions: [],
    extensionPath: path.resolve(__dirname, '..'),
    extensionUri: FakeUri.file(path.resolve(__dirname, '..')),
    asAbsolutePath: (p: string) => path.resolve(__dirname, '..', p),
    globalState: withFallback('globalState', { get: (_k: string, d?: unknown) => d, update: () => Promise.resolve(), keys: () => [] }),
    workspaceState: withFallback('workspaceState', { get: (_k: string, d?: unknown) => d, update: () => Promise.resolve(), keys: () => [] }),
  });
  return { vscode, calls, context };
}

/** API calls that read the workspace: what must not happen before a view or a file needs it. */
export function isScanningCall(call: ApiCall): boolean {
  return /^workspace\.(findFiles|fs\.(readDirectory|readFile|stat)|openTextDocument)$/.test(call.name) || call.name.startsWith('node:fs.');
}
