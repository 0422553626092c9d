import * as vscode from 'vscode';
import type { SnippetLanguage } from '../core/snippets/catalog';
import { fenceInfoFor } from '../core/snippets/fences';
import type { HarvestedSnippet } from '../core/snippets/harvest';
import { insertionContext } from '../core/snippets/insertion';
import type { NotesProvider } from './insertCommand';

/** Opens the note a harvested snippet came from, at its fence: `(uri string, zero-based line)`. */
export const OPEN_NOTE_COMMAND = 'devopsNotes.snippets.openNote';

export async function openNote(source?: string, line?: number): Promise<boolean> {
  if (typeof source !== 'string') return false;
  const uri = /^[a-z][\w+.-]*:/i.test(source) ? vscode.Uri.parse(source) : vscode.Uri.file(source);
  const at = new vscode.Position(typeof line === 'number' && line >= 0 ? line : 0, 0);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, at), preview: true });
  return true;
}

/** Languages whose documents get harvested completions (and Markdown fences of those languages). */
export const NOTE_COMPLETION_LANGUAGES = ['dockerfile', 'shellscript', 'markdown'] as const;

/**
 * Completions from the user's own notes in Dockerfiles, shell scripts and the matching fences
 * of Markdown notes: a Dockerfile gets the Dockerfile blocks, a shell script the shell ones.
 * The contributed snippets need no provider: VS Code offers them from package.json.
 */
export class NoteCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly notes: NotesProvider) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionList | undefined {
    const language = targetLanguage(document, position);
    if (language !== 'dockerfile' && language !== 'shellscript') return undefined;
    const source = this.notes();
    if (!source) return undefined;
    const harvested = source.peek();
    // Not harvested yet (first use): say the list is incomplete so the next keystroke asks again.
    if (!harvested) return new vscode.CompletionList([], true);

    const line = document.lineAt(position.line).text;
    const start = line.slice(0, position.character).search(/\S|$/);
    const range = new vscode.Range(position.line, Math.min(start, position.character), position.line, position.character);
    return new vscode.CompletionList(
      harvested.filter((h) => h.language === language).map((h) => toItem(h, range)),
      false,
    );
  }
}

function targetLanguage(document: vscode.TextDocument, position: vscode.Position): SnippetLanguage | undefined {
  if (document.languageId !== 'markdown') return document.languageId as SnippetLanguage;
  const ctx = insertionContext('markdown', document.getText(), document.offsetAt(position));
  return ctx.kind === 'fence' ? ctx.language : undefined;
}

function toItem(h: HarvestedSnippet, range: vscode.Range): vscode.CompletionItem {
  const first = h.sources[0];
  const item = new vscode.CompletionItem({ label: h.label, description: first.title }, vscode.CompletionItemKind.Snippet);
  item.insertText = new vscode.SnippetString(h.snippet);
  item.range = range;
  // Match on the whole first line, so typing "docker ru" finds "docker run …".
  item.filterText = h.text.split('\n')[0];
  item.detail = `From your notes: ${first.heading ? `${first.title} › ${first.heading}` : first.title}`;
  const doc = new vscode.MarkdownString().appendCodeblock(h.text, fenceInfoFor(h.language));
  // Where the block came from, one click away.
  doc.appendMarkdown(`\n[Open the note](command:${OPEN_NOTE_COMMAND}?${encodeURIComponent(JSON.stringify([first.path, first.line]))})`);
  doc.isTrusted = { enabledCommands: [OPEN_NOTE_COMMAND] };
  item.documentation = doc;
  // After the language's own suggestions and our contributed snippets.
  item.sortText = `~note ${h.label}`;
  return item;
}
