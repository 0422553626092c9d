import * as vscode from 'vscode';

/**
 * Creates `content/posts/<slug>.md` in a workspace folder with front matter (title, date as
 * RFC 3339 with the local offset, `draft: true`, empty tags and categories) and opens it. The
 * format follows the site's default archetype when it is TOML (`+++`); otherwise YAML.
 */
export async function createPost(title?: string, folder?: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
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
  const dir = vscode.Uri.joinPath(target.uri, 'content', 'posts');
  const base = slugify(name);
  let uri = vscode.Uri.joinPath(dir, `${base}.md`);
  for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(dir, `${base}-${n}.md`);
  const toml = await defaultArchetypeIsToml(target.uri);
  const text = frontMatter(name.trim(), rfc3339(new Date()), toml);
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
    void vscode.window.showWarningMessage('Open a folder first: new posts go to its content/posts/ folder.');
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

async function defaultArchetypeIsToml(root: vscode.Uri): Promise<boolean> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'archetypes', 'default.md'));
    return new TextDecoder().decode(bytes.subarray(0, 16)).trimStart().startsWith('+++');
  } catch {
    return false;
  }
}

/** The front matter of a new post. */
export function frontMatter(title: string, date: string, toml: boolean): string {
  const quoted = JSON.stringify(title);
  if (toml) return `+++\ntitle = ${quoted}\ndate = ${date}\ndraft = true\ntags = []\ncategories = []\n+++\n\n`;
  return `---\ntitle: ${quoted}\ndate: ${date}\ndraft: true\ntags: []\ncategories: []\n---\n\n`;
}

/** A file name from a title: lowercase ASCII letters, digits and single dashes. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'post';
}

/** RFC 3339 with the local UTC offset, as Hugo writes dates: `2024-05-01T09:30:00+02:00`. */
export function rfc3339(d: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}
