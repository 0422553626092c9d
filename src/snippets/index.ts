import * as vscode from 'vscode';
import { readSnippetsConfig } from '../config/snippets';
import { titleFromPath } from '../core/snippets/harvest';
import { NoteSnippetCache } from '../core/snippets/noteCache';
import { OwnedDisposable } from '../util/dispose';
import type { PostSource } from '../workspace/postSource';
import { SnippetCatalogSource } from './catalogSource';
import { NOTE_COMPLETION_LANGUAGES, NoteCompletionProvider, OPEN_NOTE_COMMAND, openNote } from './completions';
import { registerInsertCommands, type NotesProvider } from './insertCommand';
import { readPostText } from './postText';
import { documentSelector } from '../util/selectors';

export interface SnippetsDeps {
  /** The live post index shared with the tag tree; without it, notes are not harvested. */
  posts?: PostSource;
}

/**
 * Snippets: the "Insert DevOps Command…" picker over the contributed snippet files and the
 * command blocks of the user's notes, and completions from those notes. Registering is cheap:
 * nothing is read before the first use.
 */
class SnippetsFeature extends OwnedDisposable {
  constructor(context: vscode.ExtensionContext, deps: SnippetsDeps) {
    super();
    const cache = deps.posts
      ? this._register(
          new NoteSnippetCache(deps.posts, readPostText, (uri) => titleFromPath(uri.path), (uri, err) =>
            console.warn(`[devops-notes] cannot harvest ${uri.toString()}: ${(err as Error)?.message ?? err}`),
          ),
        )
      : undefined;
    if (cache) {
      // The post index reports a post only when its front matter data changes; a code block
      // edited below it must refresh the harvest too. Marking is a map lookup, nothing is read.
      this._register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && cache.markChanged(e.document.uri)));
      this._register(vscode.workspace.onDidSaveTextDocument((doc) => cache.markChanged(doc.uri)));
      this._register(vscode.workspace.onDidCloseTextDocument((doc) => cache.markChanged(doc.uri)));
      // So must a block changed on disk by another program (a git pull, another editor). The
      // workspace's own watcher serves this pattern; an event is a map lookup, nothing is read.
      const onDisk = this._register(vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}', true, false, true));
      this._register(onDisk.onDidChange((uri) => cache.markChanged(uri)));
    }
    const notesFor = (enabled: () => boolean): NotesProvider => () => (cache && enabled() ? cache : undefined);

    this._register(vscode.commands.registerCommand(OPEN_NOTE_COMMAND, openNote));
    const catalog = new SnippetCatalogSource(context.extension);
    this._register(registerInsertCommands(catalog, notesFor(() => readSnippetsConfig().fromNotes)));
    this._register(
      vscode.languages.registerCompletionItemProvider(
        documentSelector(NOTE_COMPLETION_LANGUAGES),
        new NoteCompletionProvider(notesFor(() => {
          const config = readSnippetsConfig();
          return config.fromNotes && config.fromNotesInCompletions;
        })),
      ),
    );
  }
}

export function register(context: vscode.ExtensionContext, deps: SnippetsDeps): vscode.Disposable {
  return new SnippetsFeature(context, deps);
}
