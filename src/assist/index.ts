import * as vscode from 'vscode';
import { readFrontMatterSettings } from '../config/frontMatter';
import { bodyReferences, type BodyReference } from '../core/assist/bodyLinks';
import { buildkitCompletions, buildkitHover, buildkitProblems } from '../core/assist/buildkit';
import { frontMatterCompletions, frontMatterHover, type AssistHover, type AssistItem, type FrontMatterSite } from '../core/assist/frontMatterAssist';
import { frontMatterCursor } from '../core/assist/frontMatterCursor';
import { EMBEDDED_SHORTCODES, imagePathCompletions, markdownImageCursor, shortcodeCompletions, shortcodeCursor, type BodySite } from '../core/assist/shortcodes';
import { parseFrontMatter, type ParsedFrontMatter } from '../core/frontmatter';
import { classifyImageSource, imageCandidates } from '../core/render/images';
import { lookupRef } from '../core/render/refs';
import { parseShortcodeTag } from '../core/render/shortcodes/syntax';
import { codeBlockAt, languageOfInfo, scanCodeBlocks } from '../core/snippets/fences';
import type { PostIndexService } from '../tags/postIndexService';
import { pathOf } from '../tags/postIndexService';
import { OwnedDisposable } from '../util/dispose';
import { documentSelector } from '../util/selectors';
import type { ShownDocuments } from '../util/shownDocuments';
import { isWorkspaceFileUri, uriOfPath } from '../workspace/uris';
import { SiteCache } from './siteCache';

export interface AssistDeps {
  posts: PostIndexService;
  /** Which documents are shown in an editor: BuildKit checks run for those only. */
  shown: ShownDocuments;
}

const MARKDOWN = documentSelector(['markdown']);
const DOCKERFILE = documentSelector(['dockerfile']);

const KINDS: Record<AssistItem['kind'], vscode.CompletionItemKind> = {
  field: vscode.CompletionItemKind.Field,
  value: vscode.CompletionItemKind.Value,
  term: vscode.CompletionItemKind.EnumMember,
  boolean: vscode.CompletionItemKind.Constant,
  date: vscode.CompletionItemKind.Value,
  shortcode: vscode.CompletionItemKind.Function,
  parameter: vscode.CompletionItemKind.Property,
  file: vscode.CompletionItemKind.File,
  page: vscode.CompletionItemKind.Reference,
  keyword: vscode.CompletionItemKind.Keyword,
  snippet: vscode.CompletionItemKind.Snippet,
};

/** Parsed front matter of the document version last asked about: hovers and completions reuse it. */
const parsedCache = new WeakMap<vscode.TextDocument, { version: number; text: string; fm: ParsedFrontMatter }>();
function parsed(doc: vscode.TextDocument): { text: string; fm: ParsedFrontMatter } {
  const hit = parsedCache.get(doc);
  if (hit && hit.version === doc.version) return hit;
  const text = doc.getText();
  const entry = { version: doc.version, text, fm: parseFrontMatter(text) };
  parsedCache.set(doc, entry);
  return entry;
}

function toCompletion(doc: vscode.TextDocument, a: AssistItem, base = 0): vscode.CompletionItem {
  const item = new vscode.CompletionItem(a.description ? { label: a.label, description: a.description } : a.label, KINDS[a.kind]);
  item.insertText = a.snippet ? new vscode.SnippetString(a.insertText) : a.insertText;
  item.range = new vscode.Range(doc.positionAt(base + a.start), doc.positionAt(base + a.end));
  item.detail = a.detail;
  if (a.documentation) item.documentation = new vscode.MarkdownString(a.documentation);
  item.filterText = a.filterText;
  item.sortText = a.sortText;
  item.preselect = a.preselect;
  if (a.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return item;
}

function toHover(doc: vscode.TextDocument, h: AssistHover, base = 0): vscode.Hover {
  const md = new vscode.MarkdownString(h.markdown);
  if (h.commands?.length) md.isTrusted = { enabledCommands: h.commands };
  return new vscode.Hover(md, new vscode.Range(doc.positionAt(base + h.start), doc.positionAt(base + h.end)));
}

/** The ```dockerfile fence holding `offset`, with where its content starts. */
function dockerfileFence(text: string, offset: number, bodyStart: number): { content: string; base: number } | undefined {
  const block = codeBlockAt(text, offset, bodyStart);
  if (!block || languageOfInfo(block.info) !== 'dockerfile') return undefined;
  // Fence content as written (indentation kept) so offsets map one to one.
  return { content: text.slice(block.contentStart, block.contentEnd), base: block.contentStart };
}

/**
 * Editor help where users type: front matter keys, values and hovers from the live index,
 * shortcode and image completions, links and Go to Definition in the body, and BuildKit
 * completions, hovers and checks in Dockerfiles and ```dockerfile fences.
 */
class AssistFeature extends OwnedDisposable {
  private siteCache: SiteCache | undefined;
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('devops-notes-buildkit'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly posts: PostIndexService,
    private readonly shown: ShownDocuments,
  ) {
    super();
    // A provider that throws only logs: bad input must never break the editor.
    const guard = <A extends unknown[], R>(what: string, fn: (...args: A) => R | Promise<R>) => async (...args: A): Promise<R | undefined> => {
      try {
        return await fn(...args);
      } catch (err) {
        posts.log('warn', `${what} failed: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    };
    const triggers = [':', ' ', '[', ',', '"', "'", '<', '%', '=', '/', '(', '-', '$', '{', '#'];
    this._register(vscode.languages.registerCompletionItemProvider(MARKDOWN, { provideCompletionItems: guard('completion', (d: vscode.TextDocument, p: vscode.Position) => this.markdownCompletions(d, p)) }, ...triggers));
    this._register(vscode.languages.registerCompletionItemProvider(DOCKERFILE, { provideCompletionItems: guard('completion', (d: vscode.TextDocument, p: vscode.Position) => this.dockerfileCompletions(d, p)) }, ...triggers));
    this._register(vscode.languages.registerHoverProvider(MARKDOWN, { provideHover: guard('hover', (d: vscode.TextDocument, p: vscode.Position) => this.markdownHover(d, p)) }));
    this._register(vscode.languages.registerHoverProvider(DOCKERFILE, { provideHover: guard('hover', (d: vscode.TextDocument, p: vscode.Position) => {
      const h = buildkitHover(d.getText(), d.offsetAt(p));
      return h && toHover(d, h);
    }) }));
    this._register(vscode.languages.registerDocumentLinkProvider(MARKDOWN, { provideDocumentLinks: guard('links', (d: vscode.TextDocument) => this.links(d)) }));
    this._register(vscode.languages.registerDefinitionProvider(MARKDOWN, { provideDefinition: guard('definition', (d: vscode.TextDocument, p: vscode.Position) => this.definition(d, p)) }));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.checkSoon(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.checkSoon(e.document, 250)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)));
    // Only documents shown in an editor are checked (not those a rename opens in the background).
    this._register(
      this.shown.onDidChange(({ shown, hidden }) => {
        const came = new Set(shown);
        for (const d of vscode.workspace.textDocuments) if (came.has(d.uri.toString())) this.checkSoon(d, 0);
        for (const uri of hidden) this.diagnostics.delete(vscode.Uri.parse(uri));
      }),
    );
    this._register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    for (const d of vscode.workspace.textDocuments) this.checkSoon(d, 0);
  }

  /** Created on first use: activation registers providers only, it starts no watchers. */
  private get site(): SiteCache {
    return (this.siteCache ??= this._register(new SiteCache(this.posts)));
  }

  // ---- BuildKit checks ----

  private checkSoon(doc: vscode.TextDocument, delay: number): void {
    if (doc.languageId !== 'dockerfile' && doc.languageId !== 'markdown') return;
    if (!this.shown.has(doc.uri)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      try {
        if (!doc.isClosed) this.check(doc);
      } catch (err) {
        this.posts.log('warn', `BuildKit checks failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }, delay));
  }

  private check(doc: vscode.TextDocument): void {
    const text = doc.getText();
    const chunks: { content: string; base: number }[] = [];
    if (doc.languageId === 'dockerfile') chunks.push({ content: text, base: 0 });
    else {
      const { fm } = parsed(doc);
      for (const b of scanCodeBlocks(text, fm.bodyStart)) if (b.kind === 'fence' && languageOfInfo(b.info) === 'dockerfile') chunks.push({ content: text.slice(b.contentStart, b.contentEnd), base: b.contentStart });
    }
    const out: vscode.Diagnostic[] = [];
    for (const c of chunks) {
      for (const p of buildkitProblems(c.content)) {
        const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(c.base + p.start), doc.positionAt(c.base + p.end)), p.message, vscode.DiagnosticSeverity.Error);
        d.source = 'DevOps Notes (BuildKit)';
        d.code = p.code;
        out.push(d);
      }
    }
    this.diagnostics.set(doc.uri, out);
  }

  // ---- completions ----

  private dockerfileCompletions(doc: vscode.TextDocument, pos: vscode.Position): vscode.CompletionItem[] {
    return buildkitCompletions(doc.getText(), doc.offsetAt(pos)).map((a) => toCompletion(doc, a));
  }

  private async frontMatterSite(doc: vscode.TextDocument): Promise<FrontMatterSite> {
    await this.posts.ready();
    void this.site.startCensus();
    const index = this.posts.index;
    const fields = readFrontMatterSettings(doc.uri).layer.fields ?? {};
    const path = isWorkspaceFileUri(doc.uri) ? pathOf(doc.uri) : '';
    return {
      taxonomies: index.taxonomies,
      terms: (t) => index.terms(t),
      ownTerms: (t) => (index.get(path)?.terms[index.taxonomyIndex(t)] ?? []).map((s) => [index.keyOf(s), s] as const),
      keyCounts: this.site.census.without(path),
      fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v])),
      dateSamples: this.site.dates(),
      now: new Date(),
      offsetMinutes: (ms) => -new Date(ms).getTimezoneOffset(),
    };
  }

  private async bodySite(doc: vscode.TextDocument): Promise<BodySite> {
    const shortcodes = [...EMBEDDED_SHORTCODES];
    if (!isWorkspaceFileUri(doc.uri)) return { shortcodes };
    const path = pathOf(doc.uri);
    const site = await this.site.siteOf(path);
    if (!site) return { shortcodes, bundleFiles: await this.site.bundleImages(path) };
    await this.posts.ready();
    const [own, staticFiles, bundleFiles] = await Promise.all([this.site.shortcodes(site), this.site.staticImages(site), this.site.bundleImages(path)]);
    return { shortcodes: [...own, ...shortcodes], pages: this.site.pagesOf(site), staticFiles, bundleFiles };
  }

  private async markdownCompletions(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[] | vscode.CompletionList | undefined> {
    const { text, fm } = parsed(doc);
    const offset = doc.offsetAt(pos);
    const cursor = frontMatterCursor(text, offset, fm);
    if (cursor) {
      const items = frontMatterCompletions(cursor, fm, await this.frontMatterSite(doc)).map((a) => toCompletion(doc, a));
      return new vscode.CompletionList(items, false);
    }
    if (fm.format && offset < fm.bodyStart) return undefined;
    const fence = dockerfileFence(text, offset, fm.bodyStart);
    if (fence) return buildkitCompletions(fence.content, offset - fence.base).map((a) => toCompletion(doc, a, fence.base));
    const sc = shortcodeCursor(text, offset, fm.bodyStart);
    if (sc) return shortcodeCompletions(sc, await this.bodySite(doc)).map((a) => toCompletion(doc, a));
    const image = markdownImageCursor(text, offset);
    if (image) return imagePathCompletions(image, await this.bodySite(doc)).map((a) => toCompletion(doc, a));
    return undefined;
  }

  // ---- hovers ----

  private async markdownHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const { text, fm } = parsed(doc);
    const offset = doc.offsetAt(pos);
    if (fm.format && offset >= fm.blockStart && offset < fm.bodyStart) {
      const h = frontMatterHover(offset, fm, await this.frontMatterSite(doc));
      return h && toHover(doc, h);
    }
    const fence = dockerfileFence(text, offset, fm.bodyStart);
    if (fence) {
      const h = buildkitHover(fence.content, offset - fence.base);
      return h && toHover(doc, h, fence.base);
    }
    const ref = bodyReferences(text, fm.bodyStart).find((r) => r.kind === 'shortcode' && offset >= r.start && offset <= r.end);
    if (ref) {
      const site = await this.bodySite(doc);
      const info = site.shortcodes.find((s) => s.name === ref.value);
      if (info) {
        const params = info.params.map((p) => (p.name ? `\`${p.name}\`` : `#${p.position}`)).join(', ');
        return new vscode.Hover(new vscode.MarkdownString(`**${info.name}** (${info.origin === 'embedded' ? 'Hugo' : info.origin} shortcode)\n\n${info.doc}${params ? `\n\nParameters: ${params}` : ''}`), new vscode.Range(doc.positionAt(ref.start), doc.positionAt(ref.end)));
      }
    }
    return undefined;
  }

  // ---- links and definitions ----

  private async resolve(doc: vscode.TextDocument, refs: BodyReference[]): Promise<{ ref: BodyReference; target: vscode.Uri }[]> {
    if (!isWorkspaceFileUri(doc.uri) || refs.length === 0) return [];
    const path = pathOf(doc.uri);
    const site = await this.site.siteOf(path);
    const workspaceRoot = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri;
    const where = { postPath: path, siteRoot: site?.root, staticDirs: site?.dirs.staticDirs, contentDirs: site?.dirs.contentDirs, workspaceRoot: workspaceRoot && pathOf(workspaceRoot) };
    const needsIndex = refs.some((r) => r.kind === 'ref');
    if (needsIndex) await this.posts.ready();
    const shortcodes = refs.some((r) => r.kind === 'shortcode') && site ? await this.site.shortcodes(site) : [];
    const posts = needsIndex ? this.site.postPaths() : [];
    const roots = site ? site.dirs.contentDirs.map((d) => (d === '.' ? site.root : `${site.root}/${d}`)) : [];
    const out: { ref: BodyReference; target: vscode.Uri }[] = [];
    for (const ref of refs) {
      if (ref.kind === 'ref') {
        const hit = lookupRef(ref.value, path, roots, posts);
        if (hit.path) out.push({ ref, target: uriOfPath(hit.path) });
      } else if (ref.kind === 'shortcode') {
        const t = shortcodes.find((s) => s.name === ref.value)?.template;
        if (t) out.push({ ref, target: uriOfPath(t) });
      } else {
        const local = classifyImageSource(ref.value);
        if (!('local' in local)) continue;
        for (const candidate of imageCandidates(local.local, where)) {
          const stat = await this.site.fs.stat(candidate).catch(() => undefined);
          if (stat?.isFile) {
            out.push({ ref, target: uriOfPath(candidate) });
            break;
          }
        }
      }
    }
    return out;
  }

  private async links(doc: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    const { text, fm } = parsed(doc);
    const resolved = await this.resolve(doc, bodyReferences(text, fm.bodyStart));
    return resolved.map(({ ref, target }) => {
      const link = new vscode.DocumentLink(new vscode.Range(doc.positionAt(ref.start), doc.positionAt(ref.end)), target);
      link.tooltip = ref.kind === 'shortcode' ? 'Open the shortcode template' : ref.kind === 'ref' ? 'Open the post' : 'Open the image';
      return link;
    });
  }

  private async definition(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Location[] | undefined> {
    const { text, fm } = parsed(doc);
    const offset = doc.offsetAt(pos);
    if (offset < fm.bodyStart) return undefined;
    // Only the tag or image under the cursor is resolved, not the whole post.
    const tagStart = Math.max(text.lastIndexOf('{{<', offset), text.lastIndexOf('{{%', offset));
    const tag = tagStart >= fm.bodyStart ? parseShortcodeTag(text, tagStart) : null;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = text.indexOf('\n', offset);
    const near = tag && offset <= tag.end ? bodyReferences(text.slice(0, tag.end), tagStart) : bodyReferences(text.slice(0, lineEnd === -1 ? text.length : lineEnd), Math.max(lineStart, fm.bodyStart));
    const here = near.filter((r) => offset >= r.start && offset <= r.end);
    const resolved = await this.resolve(doc, here);
    return resolved.length ? resolved.map((r) => new vscode.Location(r.target, new vscode.Position(0, 0))) : undefined;
  }
}

export function register(_context: vscode.ExtensionContext, deps: AssistDeps): vscode.Disposable {
  return new AssistFeature(deps.posts, deps.shown);
}
