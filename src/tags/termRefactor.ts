import * as vscode from 'vscode';
import { displaySpelling, type TermInfo } from '../core/index';
import { forEachLimited } from '../core/index/timeSlicer';
import { computeFileTermEdits } from '../core/tags/fileTermEdits';
import { computeTermEdits, type TermChange, type TextEdit } from '../core/tags/termEdits';
import type { Range as LineRange } from '../core/text/lineIndex';
import { uriOfPath } from '../workspace/uris';
import type { PostIndexService } from './postIndexService';

/** What a rename, merge or removal did (returned by the commands, for callers and tests). */
export interface TermRefactorResult {
  /** False when cancelled, refused, or nothing to change. */
  applied: boolean;
  /** Paths of the posts edited. */
  files: string[];
  /** Posts that carry the term but were left alone, with the reason. */
  skipped: { path: string; reason: string }[];
}

/** Options the commands accept after their arguments (scripts and tests). */
export interface TermRefactorOptions {
  /** Ask before editing (default true). */
  confirm?: boolean;
}

const NOTHING: TermRefactorResult = { applied: false, files: [], skipped: [] };

/**
 * Renames, merges and removes taxonomy terms across every post that carries them, through one
 * `WorkspaceEdit` (one undo step), after saying how many files it will touch. The posts come
 * from the live index; documents open in VS Code are edited through their current text, unsaved
 * changes included, the others are planned from their bytes without opening them.
 */
export class TermRefactorer {
  constructor(private readonly service: PostIndexService) {}

  /** Renames a term; a name that is already another term merges the two. */
  async rename(taxonomy: string, term: string, newName?: string, options: TermRefactorOptions = {}): Promise<TermRefactorResult> {
    const info = await this.find(taxonomy, term);
    if (!info) return NOTHING;
    const current = displaySpelling(info);
    const to =
      newName ??
      (await vscode.window.showInputBox({
        title: `Rename ${singular(taxonomy)} "${current}"`,
        prompt: `New name in every post. The name of another ${singular(taxonomy)} merges the two.`,
        value: current,
        validateInput: (v) => (v.trim() === '' ? 'Enter a name' : undefined),
      }));
    if (to === undefined || to.trim() === '') return NOTHING;
    const target = this.service.index.term(info.taxonomy, to.trim());
    const verb = target && target.key !== info.key ? 'Merge' : 'Rename';
    const question = (n: number) => `${verb} ${singular(taxonomy)} "${current}" ${verb === 'Merge' ? 'into' : 'to'} "${to.trim()}" in ${n} ${n === 1 ? 'file' : 'files'}?`;
    return this.run({ kind: 'rename', taxonomy: info.taxonomy, from: info.key, to: to.trim() }, info, verb, question, options);
  }

  /** Merges a term into another one the user picks (or `into`). */
  async merge(taxonomy: string, term: string, into?: string, options: TermRefactorOptions = {}): Promise<TermRefactorResult> {
    const info = await this.find(taxonomy, term);
    if (!info) return NOTHING;
    let target = into;
    if (target === undefined) {
      const others = [...this.service.index.terms(info.taxonomy)].filter((t) => t.key !== info.key).sort((a, b) => b.postCount - a.postCount);
      const pick = await vscode.window.showQuickPick(
        others.map((t) => ({ label: displaySpelling(t), description: `${t.postCount} ${t.postCount === 1 ? 'post' : 'posts'}` })),
        { title: `Merge ${singular(taxonomy)} "${displaySpelling(info)}" into…`, placeHolder: `The ${singular(taxonomy)} to keep` },
      );
      target = pick?.label;
    }
    if (target === undefined) return NOTHING;
    return this.rename(info.taxonomy, info.key, target, options);
  }

  /** Removes a term from every post. */
  async remove(taxonomy: string, term: string, options: TermRefactorOptions = {}): Promise<TermRefactorResult> {
    const info = await this.find(taxonomy, term);
    if (!info) return NOTHING;
    const name = displaySpelling(info);
    const question = (n: number) => `Remove ${singular(taxonomy)} "${name}" from ${n} ${n === 1 ? 'file' : 'files'}?`;
    return this.run({ kind: 'remove', taxonomy: info.taxonomy, term: info.key }, info, 'Remove', question, options);
  }

  private async find(taxonomy: string, term: string): Promise<TermInfo | undefined> {
    await this.service.ready();
    const info = this.service.index.term(taxonomy, term);
    if (!info) void vscode.window.showWarningMessage(`No ${singular(taxonomy)} "${term}" in the indexed posts.`);
    return info;
  }

  private async run(change: TermChange, info: TermInfo, verb: string, question: (n: number) => string, options: TermRefactorOptions): Promise<TermRefactorResult> {
    const paths = [...info.posts].sort();
    const title = `${verb} ${singular(change.taxonomy)} "${displaySpelling(info)}"`;
    const first = await withCancellableProgress(`${title}: reading posts`, (progress, token) => this.plan(paths, change, progress, token));
    if (!first) return NOTHING;
    const plan = first;
    if (plan.edits.size === 0) {
      void vscode.window.showInformationMessage(plan.skipped.length > 0 ? `Nothing was changed: ${describeSkips(plan.skipped)}` : 'Nothing to change.');
      return { applied: false, files: [], skipped: plan.skipped };
    }
    const confirm = options.confirm !== false;
    if (confirm) {
      const detail = plan.skipped.length > 0 ? `${plan.skipped.length} other file(s) will be left alone: ${describeSkips(plan.skipped)}` : 'One undo restores every file.';
      const answer = await vscode.window.showWarningMessage(question(plan.edits.size), { modal: true, detail }, verb);
      if (answer !== verb) return NOTHING;
    }
    return withCancellableProgress(title, async (progress, token) => {
      // Documents may have changed while the question was open: plan again from their text now.
      const now = confirm ? await this.plan(paths, change, progress, token) : plan;
      if (!now) return NOTHING;
      const { edits, skipped } = now;
      const edit = new vscode.WorkspaceEdit();
      for (const p of edits.values()) {
        for (const e of p.edits) {
          const range = p.doc ? new vscode.Range(p.doc.positionAt(e.start), p.doc.positionAt(e.end)) : toRange(e.range);
          edit.replace(p.uri, range, e.newText);
        }
      }
      // Past this point the edit is VS Code's to apply as one step; cancelling no longer stops it.
      if (token.isCancellationRequested) return NOTHING;
      progress.report({ message: `editing ${edits.size.toLocaleString()} ${edits.size === 1 ? 'file' : 'files'}…` });
      // `isRefactoring` lets VS Code save the files it opened for the edit (files.refactoring.autoSave).
      const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
      const files = [...edits.values()].map((p) => p.path);
      if (!applied) {
        void vscode.window.showErrorMessage(`${verb} did not apply: VS Code refused the edit (a file may be read-only). Nothing was changed.`);
        return { applied: false, files: [], skipped };
      }
      if (skipped.length > 0) {
        void vscode.window.showWarningMessage(`${verb}: changed ${files.length} file(s); left ${skipped.length} alone: ${describeSkips(skipped)}`);
      }
      return { applied: true, files, skipped };
    });
  }

  /**
   * The edits per post, from the text of the documents open in VS Code (unsaved changes
   * included), else from the file's bytes, read a few at a time: nothing is opened to plan.
   * Undefined when cancelled.
   */
  private async plan(paths: string[], change: TermChange, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<Plan | undefined> {
    const edits = new Map<string, PlannedFile>();
    const skipped: { path: string; reason: string }[] = [];
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    // Terms match as the index merged them (the site's Hugo version).
    const hugo = this.service.index.hugo;
    let done = 0;
    let reported = 0;
    const report = () => {
      const now = performance.now();
      if (now - reported < 100 && done < paths.length) return;
      reported = now;
      progress.report({ message: `${done.toLocaleString()} of ${paths.length.toLocaleString()} posts read` });
    };
    await forEachLimited(paths, READ_CONCURRENCY, async (path) => {
      if (token.isCancellationRequested) return;
      const uri = uriOfPath(path);
      const key = uri.toString();
      try {
        const doc = open.get(key);
        if (doc) {
          const result = computeTermEdits(doc.getText(), change, hugo);
          if (result.skipped) skipped.push({ path, reason: result.skipped });
          else if (result.edits.length > 0) edits.set(key, { uri, doc, path, edits: result.edits });
        } else {
          const bytes = await this.service.fileSystem.readFile(path);
          if (token.isCancellationRequested) return;
          // Opened meanwhile: its text may differ from the file's; the next plan (after the question) reads it.
          const result = computeFileTermEdits(bytes, change, hugo);
          if (result.skipped) skipped.push({ path, reason: result.skipped });
          else if (result.edits.length > 0) edits.set(key, { uri, path, edits: result.edits });
        }
      } catch (err) {
        skipped.push({ path, reason: `cannot be read (${err instanceof Error ? err.message : String(err)})` });
      }
      done++;
      report();
    });
    if (token.isCancellationRequested) return undefined;
    // The same order whatever order the reads finished in.
    skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { edits: new Map([...edits].sort((a, b) => (a[1].path < b[1].path ? -1 : 1))), skipped };
  }
}

/** Posts read at once while planning: enough to keep the disk busy, few enough not to crowd the host. */
const READ_CONCURRENCY = 16;

interface PlannedFile {
  uri: vscode.Uri;
  path: string;
  /** The open document the edits were computed on (offsets in its text), if it was open. */
  doc?: vscode.TextDocument;
  edits: (TextEdit & { range?: LineRange })[];
}

interface Plan {
  edits: Map<string, PlannedFile>;
  skipped: { path: string; reason: string }[];
}

/** Runs `task` under a cancellable notification; VS Code shows it only while it runs. */
function withCancellableProgress<T>(title: string, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, task));
}

function toRange(range: LineRange | undefined): vscode.Range {
  if (!range) throw new Error('an edit planned on a file has no range');
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** `tags` → `tag`, `categories` → `category`, for messages. */
export function singular(taxonomy: string): string {
  const t = taxonomy.toLowerCase();
  if (t.endsWith('ies')) return `${t.slice(0, -3)}y`;
  return t.endsWith('s') ? t.slice(0, -1) : t;
}

function describeSkips(skipped: { path: string; reason: string }[]): string {
  const shown = skipped.slice(0, 3).map((s) => `${vscode.workspace.asRelativePath(uriOfPath(s.path))} (${s.reason})`);
  return shown.join('; ') + (skipped.length > 3 ? `; and ${skipped.length - 3} more` : '');
}
