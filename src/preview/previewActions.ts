import * as vscode from 'vscode';
import { contentRoots, joinPath } from '../core/render/images';
import { isExternalLink } from '../core/render/links';
import type { HugoSiteLocator } from '../core/site';
import { allowedRoots } from './renderService';
import { corePath } from './workspaceFileSystem';
import { isWorkspaceFileUri, uriOfPath } from '../workspace/uris';

/** What the preview does when the reader clicks something; each action checks its input again. */

export const REVEAL_TERM_COMMAND = 'devopsNotes.tags.revealTerm';
const MAX_TERMINAL_TEXT = 64 * 1024;

/** Web and mail links go to the system browser through VS Code, after the scheme check. */
export async function openExternalLink(href: string): Promise<void> {
  if (!isExternalLink(href)) return;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(href.trim(), true);
  } catch {
    void vscode.window.showWarningMessage(`DevOps Notes: not a valid link: ${href}`);
    return;
  }
  await vscode.env.openExternal(uri);
}

/**
 * A relative link (another post, a page bundle file, a site-absolute `/posts/x/` path) opens in
 * the editor, beside the preview. Only files inside the workspace (or the post's own folder) are
 * opened: a post cannot make the preview open `../../../etc/passwd`.
 */
export async function openRelativeLink(from: vscode.Uri, href: string, viewColumn: vscode.ViewColumn | undefined, sites: HugoSiteLocator): Promise<void> {
  const target = await findLinkTarget(from, href, sites);
  if (!target) {
    void vscode.window.showWarningMessage(`DevOps Notes: no file in the workspace for the link "${href}".`);
    return;
  }
  if (/\.(md|markdown)$/i.test(target.path)) {
    await vscode.window.showTextDocument(target, { viewColumn: viewColumn ?? vscode.ViewColumn.One, preview: false });
  } else {
    await vscode.commands.executeCommand('vscode.open', target, { viewColumn: viewColumn ?? vscode.ViewColumn.One });
  }
}

/**
 * The file a relative or site-absolute link points at, if it exists inside the allowed folders.
 * A site-absolute path is looked up in the site's content folders (a post or bundle file), then
 * its static folders, as the site's Hugo config names them.
 */
export async function findLinkTarget(from: vscode.Uri, href: string, sites: HugoSiteLocator): Promise<vscode.Uri | undefined> {
  if (!isWorkspaceFileUri(from)) return undefined;
  let path = href.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // Use it as written.
  }
  if (!path) return undefined;
  const postPath = corePath(from);
  const postDir = postPath.slice(0, postPath.lastIndexOf('/'));
  let bases = [joinPath(postDir, path)];
  if (path.startsWith('/')) {
    const site = await sites.siteOf(postPath);
    const staticRoots = site ? site.dirs.staticDirs.map((d) => joinPath(site.root, d)) : [];
    bases = [...contentRoots({ postPath, siteRoot: site?.root, contentDirs: site?.dirs.contentDirs }), ...staticRoots].map((root) => joinPath(root, path));
  }
  const roots = allowedRoots(from).map(corePath);
  for (const base of bases) {
    const clean = base.replace(/\/+$/, '');
    for (const candidate of [clean, `${clean}.md`, `${clean}/index.md`, `${clean}/_index.md`]) {
      if (!roots.some((r) => candidate === r || candidate.startsWith(r.endsWith('/') ? r : `${r}/`))) continue;
      const uri = uriOfPath(candidate);
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type & vscode.FileType.File) return uri;
      } catch {
        // Try the next candidate.
      }
    }
  }
  return undefined;
}

export async function copyToClipboard(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage('$(check) Copied to the clipboard', 2000);
}

/**
 * False in a browser without a remote (vscode.dev, github.dev): there is no shell to paste into,
 * so the preview hides its "Send to terminal" buttons instead of offering a broken one.
 */
export function hasTerminal(): boolean {
  return vscode.env.uiKind !== vscode.UIKind.Web || vscode.env.remoteName !== undefined;
}

/**
 * Pastes a command into the active terminal (a new one when there is none) without running it:
 * the reader checks it and presses Enter. Refused in Restricted Mode, where the workspace's
 * posts are not trusted to put text into a shell.
 */
export async function sendToTerminal(text: string): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('DevOps Notes: sending commands to a terminal is disabled in Restricted Mode. Trust this workspace to use it.');
    return;
  }
  if (!text.trim() || text.length > MAX_TERMINAL_TEXT) return;
  // A trailing line break would run the command in the shell.
  const command = text.replace(/[\r\n]+$/, '');
  const existing = vscode.window.activeTerminal;
  const terminal = existing ?? vscode.window.createTerminal({ name: 'DevOps Notes' });
  terminal.show(false);
  if (!existing) await shellReady(terminal);
  terminal.sendText(command, false);
}

type ShellIntegrationEvent = vscode.Event<{ terminal: vscode.Terminal }>;
type WithShellIntegration = { shellIntegration?: { cwd?: unknown } };

/**
 * Waits until a new terminal's shell has drawn its prompt. Text typed earlier shows twice: the
 * terminal echoes it, then the shell's line editor draws it again after the prompt. With shell
 * integration (VS Code 1.93+, on by default for bash, zsh, fish and pwsh) the shell reports its
 * folder just before each prompt; a heavy rc file can take many seconds. Without integration
 * nothing tells, and the text goes after a short wait.
 */
function shellReady(terminal: vscode.Terminal, timeoutMs = 10_000): Promise<void> {
  const win = vscode.window as typeof vscode.window & { onDidChangeTerminalShellIntegration?: ShellIntegrationEvent };
  const integrated = vscode.workspace.getConfiguration('terminal.integrated').get<boolean>('shellIntegration.enabled', true);
  const prompted = () => (terminal as WithShellIntegration).shellIntegration?.cwd !== undefined;
  if (prompted()) return Promise.resolve();
  return new Promise((resolve) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = () => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      resolve();
    };
    const timer = setTimeout(done, win.onDidChangeTerminalShellIntegration && integrated ? timeoutMs : 500);
    if (win.onDidChangeTerminalShellIntegration) subscriptions.push(win.onDidChangeTerminalShellIntegration((e) => e.terminal === terminal && prompted() && done()));
    subscriptions.push(vscode.window.onDidCloseTerminal((t) => t === terminal && done()));
  });
}

let revealKnown: { at: number; value: Promise<boolean> } | undefined;

/**
 * Whether the tag tree offers its reveal command (it is another feature; it may be absent).
 * Asked on every render, so the answer is kept for a few seconds: the command list is long.
 */
export function canRevealTerms(): Promise<boolean> {
  if (!revealKnown || Date.now() - revealKnown.at > 5000) {
    const value = Promise.resolve(vscode.commands.getCommands(true)).then(
      (commands) => commands.includes(REVEAL_TERM_COMMAND),
      () => false,
    );
    revealKnown = { at: Date.now(), value };
  }
  return revealKnown.value;
}

export async function revealTerm(taxonomy: 'tags' | 'categories', term: string): Promise<void> {
  if (!(await canRevealTerms())) return;
  // The tag tree's command takes (taxonomy, term) and focuses the term in its view.
  await vscode.commands.executeCommand(REVEAL_TERM_COMMAND, taxonomy, term);
}
