import * as vscode from 'vscode';
import { displaySpelling, type PostData, type TermInfo } from '../core/index';
import { termUrl, termUrlSegment } from '../core/tags/termKey';
import { HugoSiteLocator, postUrl } from '../core/site';
import { siteSettings } from '../config/frontMatter';
import { uriOfPath } from '../workspace/uris';
import type { HugoSiteFacts, PostIndexService } from './postIndexService';

/** A node of the tag tree. `id` is stable across refreshes (VS Code keys reveal and expansion on it). */
export type TagNode =
  | { kind: 'taxonomy'; id: string; taxonomy: string }
  | { kind: 'term'; id: string; taxonomy: string; key: string }
  | { kind: 'untagged'; id: string; taxonomy: string }
  | { kind: 'post'; id: string; taxonomy: string; key: string | undefined; path: string };

export type TermSort = 'name' | 'count';

/** Labels of the node holding posts without a term. */
const WITHOUT_LABEL: Record<string, string> = { tags: 'Untagged', categories: 'Uncategorized' };

/**
 * Taxonomies → terms (merged as Hugo merges them, with post counts) → posts, plus a node per
 * taxonomy for posts without any of its terms. Sorting and the filter apply to terms.
 */
export class TagTreeProvider implements vscode.TreeDataProvider<TagNode> {
  private readonly changeEmitter = new vscode.EventEmitter<TagNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly nodes = new Map<string, TagNode>();
  private sortBy: TermSort = 'name';
  private filterText = '';
  /** Sites of hovered posts, for their URLs; forgotten on every refresh (a config may have changed). */
  private readonly sites: HugoSiteLocator;
  /** Per taxonomy, terms that share a URL (made once per refresh: one pass over the terms). */
  private readonly collisions = new Map<string, Map<string, TermInfo[]>>();

  constructor(private readonly service: PostIndexService) {
    this.sites = new HugoSiteLocator(service.fileSystem, siteSettings);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  get sort(): TermSort {
    return this.sortBy;
  }

  set sort(value: TermSort) {
    this.sortBy = value;
    this.refresh();
  }

  /** Narrows terms to those whose key or a spelling contains the text (case-insensitive). */
  get filter(): string {
    return this.filterText;
  }

  set filter(value: string) {
    this.filterText = value.trim();
    this.refresh();
  }

  refresh(): void {
    this.nodes.clear();
    this.sites.clear();
    this.collisions.clear();
    this.changeEmitter.fire(undefined);
  }

  async getChildren(node?: TagNode): Promise<TagNode[]> {
    const index = this.service.index;
    if (!node) {
      if (!vscode.workspace.workspaceFolders?.length) return [];
      await this.service.ready();
      if (this.service.index.size === 0) return [];
      return this.service.index.taxonomies.map((taxonomy) => this.taxonomyNode(taxonomy));
    }
    if (node.kind === 'taxonomy') {
      const terms = [...index.terms(node.taxonomy)].filter((t) => this.matchesFilter(t)).sort(this.termOrder());
      const out: TagNode[] = terms.map((t) => this.termNode(node.taxonomy, t.key));
      if (index.postsWithout(node.taxonomy).size > 0 && this.filterText === '') out.push(this.untaggedNode(node.taxonomy));
      return out;
    }
    if (node.kind === 'term') {
      const term = index.term(node.taxonomy, node.key);
      return term ? this.postNodes(node.taxonomy, node.key, term.posts) : [];
    }
    if (node.kind === 'untagged') return this.postNodes(node.taxonomy, undefined, index.postsWithout(node.taxonomy));
    return [];
  }

  /**
   * On hover: a term's tooltip, and a post's, with its URL on the published site (read from its
   * file and site config).
   */
  async resolveTreeItem(item: vscode.TreeItem, node: TagNode): Promise<vscode.TreeItem> {
    if (item.tooltip !== undefined) return item;
    if (node.kind === 'term') {
      const term = this.service.index.term(node.taxonomy, node.key);
      if (term) item.tooltip = termTooltip(term, this.service.hugoFacts, this.sharingUrl(term));
      return item;
    }
    if (node.kind !== 'post') return item;
    const post = this.service.index.get(node.path);
    if (!post) {
      item.tooltip = node.path;
      return item;
    }
    const tooltip = this.postTooltip(post);
    const page = await postUrl(this.service.fileSystem, this.sites, node.path);
    if (page?.unpublished) tooltip.appendMarkdown('\n\n$(link) Hugo publishes no page for this post');
    else if (page?.permalink) tooltip.appendMarkdown(`\n\n$(link) ${escapeMarkdown(page.permalink)}`);
    item.tooltip = tooltip;
    return item;
  }

  getParent(node: TagNode): TagNode | undefined {
    if (node.kind === 'taxonomy') return undefined;
    if (node.kind === 'term' || node.kind === 'untagged') return this.taxonomyNode(node.taxonomy);
    return node.key === undefined ? this.untaggedNode(node.taxonomy) : this.termNode(node.taxonomy, node.key);
  }

  getTreeItem(node: TagNode): vscode.TreeItem {
    const index = this.service.index;
    switch (node.kind) {
      case 'taxonomy': {
        const count = index.termCount(node.taxonomy);
        const item = new vscode.TreeItem(titleCase(node.taxonomy), node.taxonomy === index.taxonomies[0] ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${count} ${count === 1 ? 'term' : 'terms'}`;
        const off = this.service.hugoFacts?.noTermPages;
        if (off) {
          // Hugo collects no terms then (.Site.Taxonomies is empty): the tree shows what posts write.
          item.description += ' · no term pages';
          item.tooltip = `This site builds no term pages: disableKinds = [${off.map((k) => JSON.stringify(k)).join(', ')}] in its Hugo config (Hugo ${this.service.hugoFacts!.hugo.version}). The terms below are what the posts write; Hugo publishes no page for them.`;
        }
        item.iconPath = new vscode.ThemeIcon(node.taxonomy === 'categories' ? 'folder-library' : 'tag');
        item.contextValue = 'devopsNotes.taxonomy';
        return item;
      }
      case 'term': {
        const term = index.term(node.taxonomy, node.key);
        const label = term ? displaySpelling(term) : node.key;
        const item = new vscode.TreeItem(this.highlighted(label), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        const sharing = term ? this.sharingUrl(term) : [];
        item.description = String(term?.postCount ?? 0) + (sharing.length ? ' · shares its URL' : '');
        // Left for resolveTreeItem: every Markdown tooltip given here is parsed by the extension
        // host on each refresh of the view (a refresh while typing took 27 ms of it for 500 terms).
        item.iconPath = new vscode.ThemeIcon('tag');
        item.contextValue = 'devopsNotes.term';
        return item;
      }
      case 'untagged': {
        const item = new vscode.TreeItem(WITHOUT_LABEL[node.taxonomy] ?? `No ${node.taxonomy}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = String(index.postsWithout(node.taxonomy).size);
        item.tooltip = `Posts without ${node.taxonomy}`;
        item.iconPath = new vscode.ThemeIcon('circle-slash');
        item.contextValue = 'devopsNotes.untagged';
        return item;
      }
      case 'post': {
        const post = index.get(node.path);
        const uri = uriOfPath(node.path);
        const item = new vscode.TreeItem(post?.title?.trim() || fileTitle(node.path), vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.resourceUri = uri;
        item.description = post ? postDescription(post) : undefined;
        // Left for resolveTreeItem: VS Code resolves only properties left undefined, on hover.
        if (post?.problem) item.iconPath = new vscode.ThemeIcon('warning');
        item.command = { command: 'vscode.open', title: 'Open Post', arguments: [uri] };
        item.contextValue = 'devopsNotes.post';
        return item;
      }
    }
  }

  /** The node of a post under its first term (tags first), for revealing the active editor. */
  postNodeFor(filePath: string): TagNode | undefined {
    const index = this.service.index;
    const post = index.get(filePath);
    if (!post) return undefined;
    for (let i = 0; i < index.taxonomies.length; i++) {
      const first = post.terms[i]?.[0];
      if (first === undefined) continue;
      const term = index.term(index.taxonomies[i], first);
      if (term && this.matchesFilter(term)) return this.postNode(index.taxonomies[i], term.key, filePath);
    }
    const taxonomy = index.taxonomies[0];
    return taxonomy !== undefined && this.filterText === '' ? this.postNode(taxonomy, undefined, filePath) : undefined;
  }

  /** The node of a term, by any spelling; undefined when the taxonomy has no such term. */
  termNodeFor(taxonomy: string, spelling: string): TagNode | undefined {
    const index = this.service.index;
    const i = index.taxonomyIndex(taxonomy);
    const term = i === -1 ? undefined : index.term(index.taxonomies[i], spelling);
    return term ? this.termNode(index.taxonomies[i], term.key) : undefined;
  }

  private matchesFilter(term: TermInfo): boolean {
    if (this.filterText === '') return true;
    const f = this.filterText.toLowerCase();
    if (term.key.includes(f)) return true;
    for (const s of term.spellings.keys()) if (s.toLowerCase().includes(f)) return true;
    return false;
  }

  private termOrder(): (a: TermInfo, b: TermInfo) => number {
    const byName = (a: TermInfo, b: TermInfo) => a.key.localeCompare(b.key);
    return this.sortBy === 'count' ? (a, b) => b.postCount - a.postCount || byName(a, b) : byName;
  }

  private highlighted(label: string): vscode.TreeItemLabel | string {
    if (this.filterText === '') return label;
    const at = label.toLowerCase().indexOf(this.filterText.toLowerCase());
    return at === -1 ? label : { label, highlights: [[at, at + this.filterText.length]] };
  }

  private postNodes(taxonomy: string, key: string | undefined, paths: Iterable<string>): TagNode[] {
    const index = this.service.index;
    const posts = [...paths].map((p) => ({ p, post: index.get(p), time: dateValue(index.get(p)?.date) }));
    // Newest first, undated last, then by title.
    posts.sort((a, b) => b.time - a.time || (a.post?.title ?? a.p).localeCompare(b.post?.title ?? b.p));
    return posts.map(({ p }) => this.postNode(taxonomy, key, p));
  }

  private postTooltip(post: PostData): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMarkdown(post.title?.trim() || fileTitle(post.path))}**`);
    if (post.draft) md.appendMarkdown(' — draft');
    if (post.description) md.appendMarkdown(`\n\n${escapeMarkdown(post.description)}`);
    md.appendMarkdown(`\n\n${escapeMarkdown(vscode.workspace.asRelativePath(uriOfPath(post.path)))}`);
    if (post.date) md.appendMarkdown(`\n\n${escapeMarkdown(post.date)}`);
    if (post.problem) md.appendMarkdown(`\n\n$(warning) ${escapeMarkdown(post.problem)}`);
    return md;
  }

  private intern(node: TagNode): TagNode {
    const known = this.nodes.get(node.id);
    if (known) return known;
    this.nodes.set(node.id, node);
    return node;
  }

  /** Other terms Hugo publishes at this term's URL (two terms to Hugo 0.123+, one page). */
  private sharingUrl(term: TermInfo): TermInfo[] {
    let byUrl = this.collisions.get(term.taxonomy);
    if (!byUrl) this.collisions.set(term.taxonomy, (byUrl = this.service.index.urlCollisions(term.taxonomy)));
    return byUrl.get(termUrlSegment(term.key))?.filter((t) => t.key !== term.key) ?? [];
  }

  private taxonomyNode(taxonomy: string): TagNode {
    return this.intern({ kind: 'taxonomy', id: `taxonomy:${taxonomy}`, taxonomy });
  }

  private termNode(taxonomy: string, key: string): TagNode {
    return this.intern({ kind: 'term', id: `term:${taxonomy}:${key}`, taxonomy, key });
  }

  private untaggedNode(taxonomy: string): TagNode {
    return this.intern({ kind: 'untagged', id: `untagged:${taxonomy}`, taxonomy });
  }

  private postNode(taxonomy: string, key: string | undefined, filePath: string): TagNode {
    const parent = key === undefined ? `untagged:${taxonomy}` : `term:${taxonomy}:${key}`;
    return this.intern({ kind: 'post', id: `${parent}:${filePath}`, taxonomy, key, path: filePath });
  }
}

function termTooltip(term: TermInfo, facts: HugoSiteFacts | undefined, sharing: readonly TermInfo[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  const n = term.postCount;
  md.appendMarkdown(`**${escapeMarkdown(displaySpelling(term))}** — ${n} ${n === 1 ? 'post' : 'posts'}\n\n`);
  const spellings = [...term.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  md.appendMarkdown(`Spelled ${spellings.map(([s, c]) => `\`${s.replace(/`/g, "'")}\` ×${c}`).join(', ')}\n\n`);
  if (facts?.noTermPages) md.appendMarkdown(`No Hugo page: the site's \`disableKinds\` turns term pages off`);
  else md.appendMarkdown(`Hugo page: \`${termUrl(term.taxonomy, term.key)}\``);
  if (sharing.length) {
    const others = sharing.map((t) => `\`${displaySpelling(t).replace(/`/g, "'")}\``).join(', ');
    md.appendMarkdown(`\n\n$(warning) Also the URL of ${others}: Hugo ${facts?.hugo.version ?? ''} keeps them as separate terms, and one term page overwrites the other`);
    md.supportThemeIcons = true;
  }
  return md;
}

function postDescription(post: PostData): string {
  const parts: string[] = [];
  if (post.date) parts.push(/^\d{4}-\d{2}-\d{2}/.test(post.date) ? post.date.slice(0, 10) : post.date.slice(0, 24));
  if (post.draft) parts.push('draft');
  return parts.join(' · ');
}

function dateValue(date: string | undefined): number {
  const t = date ? Date.parse(date) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** A post's name from its path: the file name, or the folder of a page bundle's `index.md`. */
export function fileTitle(filePath: string): string {
  // String work, not node:path: the web bundle has no Node built-ins.
  const parts = filePath.replace(/\/+$/, '').split('/');
  const base = parts[parts.length - 1].replace(/\.(?:md|markdown)$/i, '');
  return (base === 'index' || base === '_index') && parts.length > 1 ? parts[parts.length - 2] : base;
}

function titleCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
