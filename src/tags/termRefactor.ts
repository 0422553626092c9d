import * as vscode from 'vscode';
import { decodeUtf8, isValidUtf8 } from '../core/fs';
import { displaySpelling, type TermInfo } from '../core/index';
import { computeTermEdits, type TermChange, type TextEdit } from '../core/tags/termEdits';
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
 * `WorkspaceEdit` (one undo step), after saying how many files it will touch. Documents open in
 * an editor are edited through their current text, unsaved changes included.
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
    let plan = await this.plan(paths, change);
    if (plan.edits.size === 0) {
      void vscode.window.showInformationMessage(plan.skipped.length > 0 ? `Nothing was changed: ${describeSkips(plan.skipped)}` : 'Nothing to change.');
      return { applied: false, files: [], skipped: plan.skipped };
    }
    if (options.confirm !== false) {
      const detail = plan.skipped.length > 0 ? `${plan.skipped.length} other file(s) will be left alone: ${describeSkips(plan.skipped)}` : 'One undo restores every file.';
      const answer = await vscode.window.showWarningMessage(question(plan.edits.size), { modal: true, detail }, verb);
      if (answer !== verb) return NOTHING;
      // Documents may have changed while the question was open: plan again from their text now.
      plan = await this.plan(paths, change);
    }
    const edit = new vscode.WorkspaceEdit();
    for (const { doc, edits } of plan.edits.values()) {
      for (const e of edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
    }
    // `isRefactoring` lets VS Code save the files it opened for the edit (files.refactoring.autoSave).
    const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    const files = [...plan.edits.values()].map((p) => p.path);
    if (!applied) {
      void vscode.window.showErrorMessage(`${verb} did not apply: VS Code refused the edit (a file may be read-only). Nothing was changed.`);
      return { applied: false, files: [], skipped: plan.skipped };
    }
    if (plan.skipped.length > 0) {
      void vscode.window.showWarningMessage(`${verb}: changed ${files.length} file(s); left ${plan.skipped.length} alone: ${describeSkips(plan.skipped)}`);
    }
    return { applied: true, files, skipped: plan.skipped };
  }

  /** The edits per document, computed on each document's current text. */
  private async plan(paths: string[], change: TermChange): Promise<{ edits: Map<string, { doc: vscode.TextDocument; path: string; edits: TextEdit[] }>; skipped: { path: string; reason: string }[] }> {
    const edits = new Map<string, { doc: vscode.TextDocument; path: string; edits: TextEdit[] }>();
    const skipped: { path: string; reason: string }[] = [];
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    for (const path of paths) {
      const uri = vscode.Uri.file(path);
      try {
        let doc = open.get(uri.toString());
        if (!doc) {
          const unsafe = await this.whyNotEditable(path);
          if (unsafe) {
            skipped.push({ path, reason: unsafe });
            continue;
          }
          doc = await vscode.workspace.openTextDocument(uri);
        }
        // Terms match as the index merged them (the site's Hugo version).
        const result = computeTermEdits(doc.getText(), change, this.service.index.hugo);
        if (result.skipped) skipped.push({ path, reason: result.skipped });
        else if (result.edits.length > 0) edits.set(uri.toString(), { doc, path, edits: result.edits });
      } catch (err) {
        skipped.push({ path, reason: `cannot be opened (${err instanceof Error ? err.message : String(err)})` });
      }
    }
    return { edits, skipped };
  }

  /**
   * Files that VS Code would rewrite beyond our edit when it opens and saves them are left alone,
   * with the reason: it makes a file's line endings uniform (an edit to a file that mixes CRLF
   * and LF would rewrite every line), and it turns bytes that are not UTF-8 into U+FFFD.
   */
  private async whyNotEditable(path: string): Promise<string | undefined> {
    const bytes = await this.service.fileSystem.readFile(path);
    if (!isValidUtf8(bytes)) return 'it is not valid UTF-8 (VS Code would replace those bytes when saving it); fix its encoding first';
    const text = decodeUtf8(bytes);
    const crlf = text.includes('\r\n');
    const lf = /(^|[^\r])\n/.test(text);
    const cr = /\r(?!\n)/.test(text);
    return [crlf, lf, cr].filter(Boolean).length > 1 ? 'it mixes line endings (VS Code would change all of them); make them uniform first' : undefined;
  }
}

/** `tags` → `tag`, `categories` → `category`, for messages. */
export function singular(taxonomy: string): string {
  const t = taxonomy.toLowerCase();
  if (t.endsWith('ies')) return `${t.slice(0, -3)}y`;
  return t.endsWith('s') ? t.slice(0, -1) : t;
}

function describeSkips(skipped: { path: string; reason: string }[]): string {
  const shown = skipped.slice(0, 3).map((s) => `${vscode.workspace.asRelativePath(vscode.Uri.file(s.path))} (${s.reason})`);
  return shown.join('; ') + (skipped.length > 3 ? `; and ${skipped.length - 3} more` : '');
}
