import * as vscode from 'vscode';
import type { CardProblem, RenderedPost } from '../core/render';
import { parseFrontMatter } from '../core/frontmatter';
import { MAX_FRONT_MATTER_LENGTH } from '../core/frontmatter/limits';
import { resolveResources } from '../core/render/resources';
import { HugoSiteLocator, postUrl } from '../core/site';
import { siteSettings } from '../config/frontMatter';
import type { MarkdownRenderer } from './rendererBundle';

/** The renderer bundle's exports (src/preview/rendererBundle.ts). */
export type RendererBundle = typeof import('./rendererBundle');
import { documentHead, documentLength } from '../workspace/documentText';
import type { PostSource } from '../workspace/postSource';
import { corePath, WorkspaceFileSystem } from './workspaceFileSystem';
import { isWorkspaceFileUri, uriOfPath } from '../workspace/uris';

const POST_LIST_TTL_MS = 10_000;

function requireBundle(path: string): RendererBundle {
  // A path known only at run time: esbuild leaves this require alone, node loads the bundle.
  const load: (id: string) => unknown = require;
  return load(path) as RendererBundle;
}

/**
 * Renders a document for a webview: parses it with the core renderer, looks up its images
 * (as webview URIs) and `ref` targets through the workspace file system, and leaves code
 * highlighting to the webview. Rendering never throws; a failure becomes a visible message.
 */
export class PreviewRenderService {
  /** Loaded on the first render, from its own bundle (see rendererBundle.ts). */
  private renderer?: MarkdownRenderer;
  private readonly fs = new WorkspaceFileSystem();
  /** Each post's Hugo site and its folders; the manager clears it when a site config file or the Hugo version setting changes. */
  readonly sites = new HugoSiteLocator(this.fs, siteSettings);
  private postList?: { at: number; paths: Promise<readonly string[]> };

  constructor(
    /** The path of dist/renderer.js, or (in the web entry, which has it bundled) the module itself. */
    private readonly rendererBundle: string | (() => RendererBundle),
    private readonly posts?: PostSource,
  ) {}

  private loadRenderer(): MarkdownRenderer {
    if (!this.renderer) {
      const bundle = typeof this.rendererBundle === 'function' ? this.rendererBundle() : requireBundle(this.rendererBundle);
      this.renderer = new bundle.MarkdownRenderer(parseFrontMatter);
    }
    return this.renderer;
  }

  /**
   * Renders `doc`; a post longer than `limits.maxFullLength` only in part: its front matter (read
   * up to the parser's limit) and `limits.partialLength` characters of body, never its whole text.
   */
  async render(
    doc: vscode.TextDocument,
    webview: vscode.Webview,
    terminalAllowed: boolean,
    limits: { maxFullLength: number; partialLength: number },
    problems?: readonly CardProblem[],
  ): Promise<RenderedPost & { shownLength?: number }> {
    const renderer = this.loadRenderer();
    const length = documentLength(doc);
    const partial = length > limits.maxFullLength;
    const text = partial ? documentHead(doc, MAX_FRONT_MATTER_LENGTH + 16 + limits.partialLength).text : doc.getText();
    const prepared = renderer.prepare(text, partial ? { maxBodyLength: limits.partialLength, totalLength: length } : undefined);
    const isFile = isWorkspaceFileUri(doc.uri);
    const postPath = isFile ? corePath(doc.uri) : `/untitled/${doc.uri.path}`;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const site = isFile ? await this.sites.siteOf(postPath) : undefined;
    const page = site ? await postUrl(this.fs, this.sites, postPath, prepared.frontMatter.data) : undefined;
    const resources = await resolveResources(prepared.needs, {
      page,
      fs: this.fs,
      postPath,
      siteRoot: site?.root,
      staticDirs: site?.dirs.staticDirs,
      contentDirs: site?.dirs.contentDirs,
      workspaceRoot: folder ? corePath(folder.uri) : undefined,
      allowedRoots: isFile ? allowedRoots(doc.uri).map(corePath) : [],
      toUrl: (path) => webview.asWebviewUri(uriOfPath(path)).toString(),
      listPosts: () => this.listPosts(),
      siteUrls: site?.urls,
    });
    const rendered = renderer.render(prepared, resources, { terminalAllowed, page, problems });
    return { ...rendered, shownLength: prepared.partial?.shownLength };
  }

  private listPosts(): Promise<readonly string[]> {
    if (this.posts) {
      const source = this.posts;
      return source.ready().then(() => source.posts().map(corePath));
    }
    if (!this.postList || Date.now() - this.postList.at > POST_LIST_TTL_MS) {
      const paths = Promise.resolve(vscode.workspace.findFiles('**/*.md', '{**/node_modules/**,**/.git/**}', 50_000)).then(
        (uris) => uris.map(corePath),
        () => [] as string[],
      );
      this.postList = { at: Date.now(), paths };
    }
    return this.postList.paths;
  }
}

/**
 * Folders a preview may load files from: the workspace folders, and the post's own folder
 * when it lives outside them (a single file opened on its own).
 */
export function allowedRoots(doc: vscode.Uri): vscode.Uri[] {
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
  if (isWorkspaceFileUri(doc) && !vscode.workspace.getWorkspaceFolder(doc)) roots.push(vscode.Uri.joinPath(doc, '..'));
  return roots;
}
