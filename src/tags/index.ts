import * as vscode from 'vscode';
import { readTagsConfig } from '../config/tags';
import { displaySpelling } from '../core/index';
import { indexThreadsFor } from '../node/indexThreads';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { OwnedDisposable } from '../util/dispose';
import { PREVIEW_OPEN_COMMAND, TAG_COMMANDS, TAG_CONTEXT, TAGS_VIEW_ID } from './ids';
import { createPost } from './newPost';
import { PostIndexService } from './postIndexService';
import { TagTreeProvider, type TagNode, type TermSort } from './tagTree';
import { TermRefactorer, type TermRefactorOptions, type TermRefactorResult } from './termRefactor';

export { PostIndexService } from './postIndexService';

/** What the tag feature needs from the composition root. */
export interface TagsDeps {
  /** The shared live post index (see {@link createPostIndexService}). */
  posts: PostIndexService;
}

/** What the tag feature offers back (tests reach the real tree through it). */
export interface TagsApi {
  readonly tree: TagTreeProvider;
  readonly view: vscode.TreeView<TagNode>;
}

/**
 * The live post index over the local file system; cheap to create (it scans on first use, and
 * starts its reading threads only then, for a big site).
 */
export function createPostIndexService(context: vscode.ExtensionContext): PostIndexService {
  return new PostIndexService(nodeFileSystem, indexThreadsFor(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath));
}

const SORT_STATE_KEY = 'devopsNotes.tags.sort';
const TREE_REFRESH_MS = 100;

/** A term named by a tree node, or by `{ taxonomy, term }` from another feature or a script. */
type TermArg = TagNode | { taxonomy: string; term: string } | undefined;

class TagsFeature extends OwnedDisposable {
  readonly api: TagsApi;

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
    this._register(view.onDidChangeVisibility((e) => e.visible && void this.revealActive()));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => void this.revealActive()));

    const refactorer = new TermRefactorer(service);
    const command = (id: string, run: (...args: never[]) => unknown) => this._register(vscode.commands.registerCommand(id, run));
    command(TAG_COMMANDS.refresh, () => service.refresh());
    command(TAG_COMMANDS.sortByCount, () => this.setSort('count'));
    command(TAG_COMMANDS.sortByName, () => this.setSort('name'));
    command(TAG_COMMANDS.filter, (text?: string) => this.filter(text));
    command(TAG_COMMANDS.clearFilter, () => this.applyFilter(''));
    command(TAG_COMMANDS.openPost, (arg?: TagNode | vscode.Uri) => {
      const uri = uriOf(arg);
      return uri && vscode.commands.executeCommand('vscode.open', uri);
    });
    command(TAG_COMMANDS.openPreview, (arg?: TagNode | vscode.Uri) => {
      const uri = uriOf(arg);
      return uri && vscode.commands.executeCommand(PREVIEW_OPEN_COMMAND, uri);
    });
    command(TAG_COMMANDS.copyPath, async (arg?: TagNode | vscode.Uri) => {
      const uri = uriOf(arg);
      if (uri) await vscode.env.clipboard.writeText(uri.fsPath);
    });
    command(TAG_COMMANDS.renameTerm, async (arg?: TermArg, newName?: string, options?: TermRefactorOptions): Promise<TermRefactorResult | undefined> => {
      const t = await this.termOf(arg, 'Rename');
      return t && refactorer.rename(t.taxonomy, t.term, newName, options);
    });
    command(TAG_COMMANDS.mergeTerm, async (arg?: TermArg, into?: string, options?: TermRefactorOptions): Promise<TermRefactorResult | undefined> => {
      const t = await this.termOf(arg, 'Merge');
      return t && refactorer.merge(t.taxonomy, t.term, into, options);
    });
    command(TAG_COMMANDS.removeTerm, async (arg?: TermArg, options?: TermRefactorOptions): Promise<TermRefactorResult | undefined> => {
      const t = await this.termOf(arg, 'Remove');
      return t && refactorer.remove(t.taxonomy, t.term, options);
    });
    command(TAG_COMMANDS.revealTerm, (taxonomy?: string, term?: string) => this.revealTerm(taxonomy, term));
    command(TAG_COMMANDS.newPost, (title?: string) => createPost(title));
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
    await vscode.commands.executeCommand(`${TAGS_VIEW_ID}.focus`);
    await view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  /** The term a command acts on: from its argument, or picked from every term. */
  private async termOf(arg: TermArg, verb: string): Promise<{ taxonomy: string; term: string } | undefined> {
    if (arg && 'kind' in arg) return arg.kind === 'term' ? { taxonomy: arg.taxonomy, term: arg.key } : undefined;
    if (arg && typeof arg.taxonomy === 'string' && typeof arg.term === 'string') return arg;
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

function uriOf(arg: TagNode | vscode.Uri | undefined): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (arg && 'kind' in arg && arg.kind === 'post') return vscode.Uri.file(arg.path);
  return vscode.window.activeTextEditor?.document.uri;
}

/**
 * The tag tree, tag refactoring and the "New Post" command. Registering is cheap: the tree view
 * exists, but no file is read until it becomes visible or a feature calls `posts.ready()`.
 */
export function register(context: vscode.ExtensionContext, deps: TagsDeps): vscode.Disposable & { readonly api: TagsApi } {
  return new TagsFeature(context, deps.posts);
}
