import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TagsApi } from '../../src/tags';
import type { TagNode } from '../../src/tags/tagTree';
import { waitFor } from './util/wait';
import { EXTENSION_ID, openWorkspaceFile } from './util/workspace';

interface Api {
  tags: TagsApi;
}

interface MenuEntry {
  command: string;
  when?: string;
}

interface Contributions {
  commands: { command: string }[];
  menus: Record<string, MenuEntry[]>;
  keybindings?: { command: string; args?: unknown }[];
}

/** One way a user can run a command: the place, and the arguments VS Code passes from there. */
interface Invocation {
  command: string;
  place: string;
  args: unknown[];
}

const POST = 'content/posts/helm-upgrade-notes.md';

/**
 * Every (command, place) pair package.json declares, with the arguments that place passes:
 * the palette and keybindings pass none (or the keybinding's args); editor menus the document's
 * URI and the editor group; the explorer the URI and the selection; a tree view's title the
 * focused item (or nothing); a tree item's menu the item and the selection.
 */
function invocations(pkg: Contributions, doc: vscode.Uri, nodes: Record<TagNode['kind'], TagNode | undefined>): Invocation[] {
  const out: Invocation[] = [];
  const hiddenFromPalette = new Set(pkg.menus.commandPalette?.filter((m) => m.when === 'false').map((m) => m.command));
  for (const { command } of pkg.commands) {
    if (!hiddenFromPalette.has(command)) out.push({ command, place: 'commandPalette', args: [] });
  }
  for (const kb of pkg.keybindings ?? []) out.push({ command: kb.command, place: 'keybinding', args: kb.args === undefined ? [] : [kb.args] });
  for (const [menu, entries] of Object.entries(pkg.menus)) {
    if (menu === 'commandPalette') continue;
    for (const entry of entries) {
      const at = (args: unknown[], detail = '') => out.push({ command: entry.command, place: `${menu}${detail}`, args });
      if (menu === 'editor/title' || menu === 'editor/context' || menu === 'editor/title/context') {
        at([doc, { groupId: 1 }]);
      } else if (menu === 'explorer/context') {
        at([doc, [doc]]);
      } else if (menu === 'view/title') {
        at([]);
        for (const node of Object.values(nodes)) if (node) at([node, [node]], ` (focused ${node.kind})`);
      } else if (menu === 'view/item/context') {
        const kind = /viewItem == devopsNotes\.(\w+)/.exec(entry.when ?? '')?.[1] as TagNode['kind'] | undefined;
        const node = kind ? nodes[kind] : undefined;
        assert.ok(node, `a tree item for ${entry.command} in ${menu} (when: ${entry.when})`);
        at([node, [node]], ` (${node.kind})`);
      } else {
        assert.fail(`menu ${menu} (${entry.command}) has no argument model in this test: add one`);
      }
    }
  }
  return out;
}

/** A refusal of a modal dialog by the test host is the command asking the user: fine here. */
const REFUSED_DIALOG = /DialogService: refused to show dialog in tests/;

/** Runs a command, answering every quick pick or input box it opens with Escape, until it settles. */
async function runDismissingInput(inv: Invocation): Promise<{ ok: true } | { ok: false; error: string }> {
  let settled = false;
  const run = Promise.resolve(vscode.commands.executeCommand(inv.command, ...inv.args)).then(
    () => ({ ok: true as const }),
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      return REFUSED_DIALOG.test(message) ? { ok: true as const } : { ok: false as const, error: message };
    },
  );
  void run.finally(() => {
    settled = true;
  });
  const dismiss = (async () => {
    const deadline = Date.now() + 20_000;
    while (!settled && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 150));
      if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  })();
  const result = await Promise.race([run, dismiss.then(() => run)]);
  await dismiss;
  return settled ? result : { ok: false, error: 'did not finish within 20 s' };
}

describe('every command from every place it appears', () => {
  let pkg: Contributions;
  let nodes: Record<TagNode['kind'], TagNode | undefined>;
  let doc: vscode.Uri;

  before(async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    pkg = (ext.packageJSON as { contributes: Contributions }).contributes;
    doc = (await openWorkspaceFile(POST)).uri;
    const tree = api.tags.tree;
    const roots = await waitFor('the tag tree', async () => {
      const r = await tree.getChildren();
      return r.length > 0 && r;
    }, 30_000);
    const taxonomy = roots.find((n) => n.kind === 'taxonomy');
    assert.ok(taxonomy);
    const terms = await tree.getChildren(taxonomy);
    const term = terms.find((n) => n.kind === 'term');
    assert.ok(term);
    const post = (await tree.getChildren(term)).find((n) => n.kind === 'post');
    nodes = { taxonomy, term, post, untagged: terms.find((n) => n.kind === 'untagged') };
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('derives the places from package.json, every menu included', () => {
    const all = invocations(pkg, doc, nodes);
    const places = new Set(all.map((i) => i.place.replace(/ \(.*\)$/, '')));
    for (const menu of Object.keys(pkg.menus)) assert.ok(places.has(menu), `${menu} is exercised`);
    assert.ok(places.has('keybinding'));
    // Every command a user can reach is run; only internal ones (hidden, in no menu) are not.
    const hidden = new Set(pkg.menus.commandPalette?.filter((m) => m.when === 'false').map((m) => m.command));
    for (const { command } of pkg.commands) {
      if (!hidden.has(command)) assert.ok(all.some((i) => i.command === command && i.place === 'commandPalette'), `${command} from the palette`);
    }
    for (const command of hidden) {
      const places = all.filter((i) => i.command === command).map((i) => i.place);
      if (command !== 'devopsNotes.tags.revealTerm') assert.ok(places.length > 0, `${command} is hidden from the palette but in no menu`);
    }
  });

  it('runs each command with the arguments of each place without an error', async function () {
    this.timeout(10 * 60_000);
    const failures: string[] = [];
    for (const inv of invocations(pkg, doc, nodes)) {
      // Editor menus act on the active editor: give each run the post in front.
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
      const result = await runDismissingInput(inv);
      if (!result.ok) failures.push(`${inv.command} from ${inv.place}: ${result.error}`);
    }
    assert.deepEqual(failures, []);
  });

  it('New Post… from the view title asks for a title instead of taking the focused item as one', async () => {
    const term = nodes.term;
    assert.ok(term);
    let asked = false;
    const run = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>('devopsNotes.tags.newPost', term, [term]));
    // An input box is open while the command waits: closing it ends the command with nothing made.
    await waitFor('the title input', async () => {
      const settled = await Promise.race([run.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 200))]);
      if (settled) return true;
      asked = true;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return false;
    }, 15_000);
    assert.equal(await run, undefined);
    assert.ok(asked, 'the command waited for input');
  });
});
