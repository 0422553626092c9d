import * as vscode from 'vscode';
import { loadSiteDirs } from '../core/site';
import { newPostText, rfc3339, slugify } from '../core/tags/newPostText';
import type { FileSystem } from '../core/fs';
import { corePathOf, isWorkspaceFileUri } from '../workspace/uris';

/**
 * Creates `<content folder>/posts/<slug>.md` in a workspace folder (`content/` unless its Hugo
 * config names another) with front matter (title, date as
 * RFC 3339 with the local offset, `draft: true`, empty tags and categories) and opens it. The
 * format follows the site's default archetype when it is TOML (`+++`); otherwise YAML.
 */
export async function createPost(fs: FileSystem, title?: string, folder?: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
  const target = folder ?? (await pickFolder());
  if (!target) return undefined;
  const name =
    title ??
    (await vscode.window.showInputBox({
      title: 'New Post',
      prompt: 'Title of the post (the file name is made from it)',
      validateInput: (v) => (v.trim() === '' ? 'Enter a title' : undefined),
    }));
  if (name === undefined || name.trim() === '') return undefined;
  const dir = vscode.Uri.joinPath(target.uri, ...(await contentDirOf(fs, target.uri)).split('/'), 'posts');
  const base = slugify(name);
  let uri = vscode.Uri.joinPath(dir, `${base}.md`);
  for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(dir, `${base}-${n}.md`);
  const toml = await defaultArchetypeIsToml(target.uri);
  const text = newPostText(name.trim(), rfc3339(new Date()), toml);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { contents: new TextEncoder().encode(text), ignoreIfExists: true });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Could not create ${vscode.workspace.asRelativePath(uri)}.`);
    return undefined;
  }
  const editor = await vscode.window.showTextDocument(uri);
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  return uri;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Open a folder first: new posts go to the posts/ folder of its content folder.');
    return undefined;
  }
  return folders.length === 1 ? folders[0] : vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new post' });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The site's content folder (its Hugo config's `contentDir`, first content mount, or `content`). */
async function contentDirOf(fs: FileSystem, root: vscode.Uri): Promise<string> {
  if (!isWorkspaceFileUri(root)) return 'content';
  const dirs = await loadSiteDirs(fs, corePathOf(root));
  return dirs.contentDirs.find((d) => d !== '.') ?? 'content';
}

async function defaultArchetypeIsToml(root: vscode.Uri): Promise<boolean> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'archetypes', 'default.md'));
    return new TextDecoder().decode(bytes.subarray(0, 16)).trimStart().startsWith('+++');
  } catch {
    return false;
  }
}
