import * as vscode from 'vscode';
import type { HarvestedSnippet } from '../core/snippets/harvest';
import { insertionContext, planInsertion, type InsertionContext } from '../core/snippets/insertion';
import { buildPickGroups, NOTES_GROUP_LABEL, type PickEntry, type PickGroup } from '../core/snippets/pickList';
import type { SnippetCatalogSource } from './catalogSource';
import { openNote } from './completions';

export const INSERT_COMMAND = 'devopsNotes.snippets.insert';
/** Not in the palette: returns the groups the picker would show for the active editor (tests, other features). */
export const LIST_COMMAND = 'devopsNotes.snippets.listEntries';

/** Where harvested snippets come from; undefined when notes are not offered. */
export type NotesProvider = () => { peek(): HarvestedSnippet[] | undefined; snippets(): Promise<HarvestedSnippet[]> } | undefined;

interface PickItem extends vscode.QuickPickItem {
  entry?: PickEntry;
}

/** The command argument: a snippet id (`dockerfile/bk-mount`, `note:…`) inserts it without the picker. */
type InsertArgs = string | { id?: string } | undefined;

export function registerInsertCommands(catalog: SnippetCatalogSource, notes: NotesProvider): vscode.Disposable {
  const groupsFor = async (editor: vscode.TextEditor, withNotes: HarvestedSnippet[]): Promise<PickGroup[]> =>
    buildPickGroups(await catalog.snippets(), withNotes, contextOf(editor));

  return vscode.Disposable.from(
    vscode.commands.registerCommand(INSERT_COMMAND, async (args?: InsertArgs) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Open a file to insert a DevOps command into.');
        return false;
      }
      // A menu passes its own arguments (editor/context: the document's URI): only a string id counts.
      const id = typeof args === 'string' ? args : typeof args?.id === 'string' ? args.id : undefined;
      if (id) {
        const entry = await findEntry(catalog, notes, id);
        if (!entry) {
          void vscode.window.showWarningMessage(`DevOps Notes: no snippet with id '${id}'.`);
          return false;
        }
        return insertEntry(editor, entry);
      }
      const entry = await pick(editor, groupsFor, notes);
      return entry ? insertEntry(editor, entry) : false;
    }),
    vscode.commands.registerCommand(LIST_COMMAND, async () => {
      const editor = vscode.window.activeTextEditor;
      return editor ? groupsFor(editor, (await notes()?.snippets()) ?? []) : [];
    }),
  );
}

function contextOf(editor: vscode.TextEditor): InsertionContext {
  const doc = editor.document;
  return insertionContext(doc.languageId, doc.getText(), doc.offsetAt(editor.selection.active));
}

/** Any snippet by id, whether or not it fits the cursor's context (the caller chose it). */
async function findEntry(catalog: SnippetCatalogSource, notes: NotesProvider, id: string): Promise<PickEntry | undefined> {
  const groups = buildPickGroups(await catalog.snippets(), (await notes()?.snippets()) ?? [], { kind: 'file' });
  return groups.flatMap((g) => g.entries).find((e) => e.id === id);
}

/**
 * The searchable picker, grouped by topic. The catalog shows at once; the notes group joins when
 * the harvest is done (the picker is busy meanwhile), so the first use never waits for a scan.
 */
function pick(
  editor: vscode.TextEditor,
  groupsFor: (editor: vscode.TextEditor, notes: HarvestedSnippet[]) => Promise<PickGroup[]>,
  notes: NotesProvider,
): Promise<PickEntry | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<PickItem>();
    qp.title = 'Insert DevOps Command';
    qp.placeholder = 'Type to search by name, prefix (bk-, dk-, bx-, kc-…) or description';
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    let settled = false;
    const finish = (entry: PickEntry | undefined) => {
      if (settled) return;
      settled = true;
      resolve(entry);
      qp.dispose();
    };
    const show = (groups: PickGroup[]) => {
      const active = qp.activeItems[0]?.entry?.id;
      qp.items = toItems(groups);
      const keep = qp.items.find((i) => i.entry?.id === active);
      if (keep) qp.activeItems = [keep];
    };
    qp.onDidAccept(() => finish(qp.selectedItems[0]?.entry ?? qp.activeItems[0]?.entry));
    qp.onDidHide(() => finish(undefined));
    qp.onDidTriggerItemButton((e) => {
      const source = e.item.entry?.source;
      if (!source) return;
      finish(undefined);
      void openNote(source.path, source.line);
    });

    const source = notes();
    const ready = source?.peek();
    qp.busy = true;
    qp.show();
    const first = groupsFor(editor, ready ?? []).then((groups) => {
      if (!settled) show(groups);
    });
    const complete = source && !ready
      ? Promise.all([first, source.snippets()]).then(([, harvested]) => groupsFor(editor, harvested)).then((groups) => {
        if (!settled) show(groups);
      })
      : first;
    void complete
      .catch((err) => console.error('[devops-notes] listing snippets failed', err))
      .finally(() => {
        if (!settled) qp.busy = false;
      });
  });
}

const OPEN_NOTE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Open the note' };

function toItems(groups: PickGroup[]): PickItem[] {
  const items: PickItem[] = [];
  for (const g of groups) {
    items.push({ label: g.label, kind: vscode.QuickPickItemKind.Separator });
    for (const e of g.entries) {
      items.push({
        label: g.label === NOTES_GROUP_LABEL ? `$(note) ${escapeIcons(e.label)}` : escapeIcons(e.label),
        description: e.description && escapeIcons(e.description),
        detail: e.detail && escapeIcons(e.detail),
        buttons: e.source ? [OPEN_NOTE_BUTTON] : undefined,
        entry: e,
      });
    }
  }
  return items;
}

/** Quick pick text renders `$(name)` as an icon; a shell `$(pwd)` must stay text. */
function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/**
 * Inserts through a WorkspaceEdit (one undo step) as a snippet edit, so the placeholders and
 * choices stay live in the active editor. In Markdown prose the snippet is wrapped in a fence.
 */
async function insertEntry(editor: vscode.TextEditor, entry: PickEntry): Promise<boolean> {
  const doc = editor.document;
  const selection = editor.selection;
  const ctx = insertionContext(doc.languageId, doc.getText(), doc.offsetAt(selection.active));
  const startLine = doc.lineAt(selection.start.line).text;
  const endLine = doc.lineAt(selection.end.line).text;
  const text = planInsertion(ctx, entry.language, entry.body, startLine.slice(0, selection.start.character), endLine.slice(selection.end.character));
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, [new vscode.SnippetTextEdit(selection, new vscode.SnippetString(text))]);
  return vscode.workspace.applyEdit(edit);
}
