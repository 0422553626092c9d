import * as vscode from 'vscode';
import { loadCatalog, snippetContributions, type CatalogSnippet } from '../core/snippets/catalog';

/**
 * The contributed snippet files, read once from the extension folder when first needed. The
 * files listed in package.json `contributes.snippets` are the only source: VS Code reads the
 * same files for its own snippet completions.
 */
export class SnippetCatalogSource {
  private loading: Promise<CatalogSnippet[]> | undefined;

  constructor(private readonly extension: vscode.Extension<unknown>) {}

  snippets(): Promise<CatalogSnippet[]> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<CatalogSnippet[]> {
    const base = this.extension.extensionUri;
    const catalog = await loadCatalog(
      { readFile: (path) => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(base, path))) },
      '.',
      snippetContributions(this.extension.packageJSON),
    );
    for (const p of catalog.problems) console.warn(`[devops-notes] ${p.file}: ${p.message}`);
    return catalog.snippets;
  }
}
