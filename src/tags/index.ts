import * as vscode from 'vscode';
import { readTagsConfig } from '../config/tags';
import { HUGO_SECTION } from '../config/frontMatter';
import { displaySpelling } from '../core/index';
import { OwnedDisposable } from '../util/dispose';
import { uriOfPath } from '../workspace/uris';
import { PREVIEW_OPEN_COMMAND, TAG_COMMANDS, TAG_CONTEXT, TAGS_VIEW_ID } from './ids';
import { createPost } from './newPost';
import { PostIndexService } from './postIndexService';
import { TagTreeProvider, type TagNode, type TermSort } from './tagTree';
import { TermRefactorer, type TermRefactorOptions, type TermRefactorResult } from './termRefactor';

export { PostIndexService } from './postIndexService';

/** What the tag feature needs from the composition root. */
export interface TagsDeps {
  /** The shared live post index (see createPostIndexService in ./nodePostIndex, or the web entry's). */
  posts: PostIndexService;
}

/** What the tag feature offers back (tests reach the real tree through it). */
export interface TagsApi {
  readonly tree: TagTreeProvider;
  readonly view: vscode.TreeView<TagNode>;
}

const SORT_STATE_KEY = 'devopsNotes.tags.sort';
const TREE_REFRESH_MS = 100;

/** A term named by a tree node, or by `{ taxonomy, term }` from another feature or a script. */
type TermArg = TagNode | { taxonomy: string; term: string } | undefined;

class TagsFeature extends OwnedDisposable {
  readonly api: TagsApi;
  /** A term was revealed on purpose and no editor change came since (see revealActive). */
  private termRevealed = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly service: PostIndexService,
  ) {
    super();
    const tree = new TagTreeProvider(service);
    this._register({ dispose: () => tree.dispose() });
    const view = this._register(vscode.window.createTreeView(TAGS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }));
    this.api = { tree, view };
    this.setSort(context.workspaceState.get<TermSort>(SORT_STATE_KEY) === 'count' ? 'count' : 'name');

    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    this._register({ dispose: () => clearTimeout(refreshTimer) });
    this._register(
      service.onDidChangePosts(() => {
        if (refreshTimer !== undefined) return;
        refreshTimer = setTimeout(() => {
          refreshTimer = undefined;
          tree.refresh();
        }, TREE_REFRESH_MS);
      }),
    );
    // A post's URL in its hover follows the Hugo version setting.
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(HUGO_SECTION) && tree.refresh()));
    // Say what is happening while the posts are read, instead of an empty tree.
    this._register(
      service.onDidChangeScanProgress((p) => {
        view.message = p ? indexingMessage(p.done, p.total) : undefined;
      }),
    );
    // Showing the view reveals the active post, unless a term was revealed on purpose: the
    // focus that reveal needs shows the view, and the post's reveal could land last.
    this._register(view.onDidChangeVisibility((e) => e.visible && !this.termRevealed && void this.revealActive()));
    this._register(
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.termRevealed = false;
        void this.revealActive();
      }),
    );

    const refactorer = new TermRefactorer(service);
    const command = (id: string, run: (...args: never[]) => unknown) => this._register(vscode.commands.registerCommand(id, run));
    command(TAG_COMMANDS.refresh, () => service.refresh());
    command(TAG_COMMANDS.sortByCount, () => this.setSort('count'));
    command(TAG_COMMANDS.sortByName, () => this.setSort('name'));
    // Menus pass their own arguments (a view title passes the focused tree item): only a string
    // from a caller is a filter text, a title or a new name.
    command(TAG_COMMANDS.filter, (text?: unknown) => this.filter(stringArg(text)));
    command(TAG_COMMANDS.clearFilter, () => this.applyFilter(''));
    command(TAG_COMMANDS.openPost, (arg?: unknown) => {
      const uri = uriOf(arg);
      return uri && vscode.commands.executeCommand('vscode.open', uri);
    });
    command(TAG_COMMANDS.openPreview, (arg?: unknown) => {
      const uri = uriOf(arg);
      return uri && vscode.commands.executeCommand(PREVIEW_OPEN_COMMAND, uri);
    });
    command(TAG_COMMANDS.copyPath, async (arg?: unknown) => {
      const uri = uriOf(arg);
      if (uri) await vscode.env.clipboard.writeText(uri.fsPath);
    });
    command(TAG_COMMANDS.renameTerm, async (arg?: unknown, newName?: unknown, options?: unknown): Promise<TermRefactorResult | undefined> => {
      const t = await this.termOf(termArg(arg), 'Rename');
      return t && refactorer.rename(t.taxonomy, t.term, stringArg(newName), optionsArg(options));
    });
    command(TAG_COMMANDS.mergeTerm, async (arg?: unknown, into?: unknown, options?: unknown): Promise<TermRefactorResult | undefined> => {
      const t = await this.termOf(termArg(arg), 'Merge');
      return t && refactorer.merge(t.taxonomy, t.term, stringArg(into), optionsArg(options));
    });
    command(TAG_COMMANDS.removeTerm, async (arg?: unknown, options?: unknown): Promise<TermRefactorResult | undefined> => {
      const t = await this.termOf(termArg(arg), 'Remove');
      return t && refactorer.remove(t.taxonomy, t.term, optionsArg(options));
    });
    command(TAG_COMMANDS.revealTerm, (taxonomy?: unknown, term?: unknown) => this.revealTerm(stringArg(taxonomy), stringArg(term)));
    command(TAG_COMMANDS.newPost, (title?: unknown) => createPost(service.fileSystem, stringArg(title)));
  }

  private setSort(sort: TermSort): void {
    this.api.tree.sort = sort;
    void this.context.workspaceState.update(SORT_STATE_KEY, sort);
    void vscode.commands.executeCommand('setContext', TAG_CONTEXT.sortByCount, sort === 'count');
  }

  private async filter(text?: string): Promise<void> {
    const value =
      text ??
      (await vscode.window.showInputBox({
        title: 'Filter Terms',
        prompt: 'Show only terms containing this text (empty shows all)',
        value: this.api.tree.filter,
      }));
    if (value !== undefined) this.applyFilter(value);
  }

  private applyFilter(text: string): void {
    this.api.tree.filter = text;
    const active = this.api.tree.filter;
    this.api.view.description = active ? `Filter: ${active}` : undefined;
    void vscode.commands.executeCommand('setContext', TAG_CONTEXT.filtered, active !== '');
  }

  /** Shows the active editor's post in the tree (under its first term) when the setting asks for it. */
  private async revealActive(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const { view, tree } = this.api;
    if (!editor || !view.visible || !this.service.isReady || !readTagsConfig().revealActivePost) return;
    const path = this.service.postPathOf(editor.document.uri);
    const node = path ? tree.postNodeFor(path) : undefined;
    if (!node) return;
    try {
      await view.reveal(node, { select: true, focus: false, expand: false });
    } catch {
      // The tree may be refreshing; the next editor change reveals again.
    }
  }

  /** Reveals and selects a term (the preview's tag chips call this). Returns whether it exists. */
  private async revealTerm(taxonomy?: string, term?: string): Promise<boolean> {
    if (!taxonomy || !term) return false;
    await this.service.ready();
    const { view, tree } = this.api;
    let node = tree.termNodeFor(taxonomy, term);
    if (!node) {
      void vscode.window.showInformationMessage(`No ${taxonomy} term "${term}" in the indexed posts.`);
      return false;
    }
    if (tree.filter !== '') {
      this.applyFilter('');
      node = tree.termNodeFor(taxonomy, term) ?? node;
    }
    this.termRevealed = true;
    await vscode.commands.executeCommand(`${TAGS_VIEW_ID}.focus`);
    await view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  /** The term a command acts on: from its argument, or picked from every term. */
  private async termOf(arg: TermArg, verb: string): Promise<{ taxonomy: string; term: string } | undefined> {
    if (isTagNode(arg)) {
      if (arg.kind === 'term') return { taxonomy: arg.taxonomy, term: arg.key };
    } else if (arg) {
      return arg;
    }
    await this.service.ready();
    const index = this.service.index;
    const items = index.taxonomies.flatMap((taxonomy) =>
      [...index.terms(taxonomy)]
        .sort((a, b) => b.postCount - a.postCount)
        .map((t) => ({ label: displaySpelling(t), description: `${taxonomy} · ${t.postCount}`, taxonomy, term: t.key })),
    );
    const pick = await vscode.window.showQuickPick(items, { title: `${verb} a Term`, placeHolder: 'Term to change in every post' });
    return pick && { taxonomy: pick.taxonomy, term: pick.term };
  }
}

/** The tree's message during a scan: "Indexing 1,200 of 10,000 posts…" (or finding them, before the count is known). */
export function indexingMessage(done: number, total: number | undefined): string {
  if (total === undefined) return 'Finding posts…';
  return `Indexing ${done.toLocaleString()} of ${total.toLocaleString()} ${total === 1 ? 'post' : 'posts'}…`;
}

/** The post a command acts on: a URI, a post node, else the active editor's document (a view title passes a non-post node). */
function uriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (isTagNode(arg) && arg.kind === 'post') return uriOfPath(arg.path);
  return vscode.window.activeTextEditor?.document.uri;
}

function stringArg(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isTagNode(value: unknown): value is TagNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && typeof (value as { taxonomy?: unknown }).taxonomy === 'string';
}

/** A tree node, or `{ taxonomy, term }` with strings; anything else (a URI, a selection array) picks. */
function termArg(value: unknown): TermArg {
  if (isTagNode(value)) return value;
  const named = value as { taxonomy?: unknown; term?: unknown } | null | undefined;
  return typeof named?.taxonomy === 'string' && typeof named.term === 'string' ? { taxonomy: named.taxonomy, term: named.term } : undefined;
}

function optionsArg(value: unknown): TermRefactorOptions | undefined {
  const confirm = (value as { confirm?: unknown } | null | undefined)?.confirm;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof confirm === 'boolean' ? { confirm } : undefined;
}

/**
 * The tag tree, tag refactoring and the "New Post" command. Registering is cheap: the tree view
 * exists, but no file is read until it becomes visible or a feature calls `posts.ready()`.
 */
export function register(context: vscode.ExtensionContext, deps: TagsDeps): vscode.Disposable & { readonly api: TagsApi } {
  return new TagsFeature(context, deps.posts);
}
