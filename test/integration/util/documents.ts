import * as vscode from 'vscode';
import type { TagsApi } from '../../../src/tags';
import type { TagNode } from '../../../src/tags/tagTree';

// Helpers without Node built-ins, for the integration suite and the web suite (test/web) alike.

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'devops-notes.devops-notes';

/**
 * Reverts a document to its text on disk. The revert command acts on the active editor, and
 * under load focus can still be elsewhere when it runs, so this checks that the document is
 * clean afterwards and tries again if not.
 */
export async function revertDocument(doc: vscode.TextDocument): Promise<void> {
  for (let attempt = 0; attempt < 5 && doc.isDirty; attempt++) {
    await vscode.window.showTextDocument(doc, { preserveFocus: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    const deadline = Date.now() + 2000;
    while (doc.isDirty && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }
  if (doc.isDirty) throw new Error(`could not revert ${doc.uri.toString()}`);
}

/** An error, rejection reason or thrown value as text: its stack when it has one. */
export function describeError(reason: unknown): string {
  if (reason instanceof Error) return reason.stack ?? `${reason.name}: ${reason.message}`;
  try {
    return typeof reason === 'string' ? reason : JSON.stringify(reason);
  } catch {
    return String(reason);
  }
}

/** A tree item's label, given as a string or as a `TreeItemLabel`. */
export function treeItemLabel(item: vscode.TreeItem): string {
  const l = item.label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

/** One term row of Posts by Tag, as the real provider gives it. */
export interface TermRow {
  label: string;
  count: number;
  tooltip: string;
  node: TagNode;
}

/** Term key → its row, for one taxonomy of the tag tree, read through the real provider. */
export async function termRows(tree: TagsApi['tree'], taxonomy: string): Promise<Map<string, TermRow>> {
  const root = (await tree.getChildren()).find((n) => n.kind === 'taxonomy' && n.taxonomy === taxonomy);
  if (!root) throw new Error(`a ${taxonomy} root`);
  const out = new Map<string, TermRow>();
  for (const node of await tree.getChildren(root)) {
    if (node.kind !== 'term') continue;
    // The tooltip as VS Code shows it on hover (resolved then, see tagTree.ts).
    const item = await tree.resolveTreeItem(tree.getTreeItem(node), node);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
    out.set(node.key, { label: treeItemLabel(item), count: Number(item.description), tooltip, node });
  }
  return out;
}
