import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { grammarsOf, Tokenizer, type GrammarSource } from '../unit/support/textmate';
import { waitFor } from './util/wait';
import { activateDevOpsNotes, openWorkspaceFile, revertDocument, workspaceUri } from './util/workspace';

const INSERT = 'devopsNotes.snippets.insert';
const LIST = 'devopsNotes.snippets.listEntries';
const POST = 'content/snip/buildkit-secrets-workshop.md';

interface Group {
  label: string;
  entries: { id: string; label: string; description?: string; language: string; body: string }[];
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/**
 * Asks VS Code for the completion list at a position, retrying while `until` is false: snippet
 * completions inside a fence depend on the document being tokenised, which happens in the
 * background after the editor opens.
 */
async function completionsAt(uri: vscode.Uri, position: vscode.Position, until: (labels: string[]) => boolean, timeoutMs = 15_000): Promise<vscode.CompletionItem[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    if (until(list.items.map(labelOf)) || Date.now() > deadline) return list.items;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function lineOf(doc: vscode.TextDocument, predicate: (text: string, line: number) => boolean): number {
  for (let i = 0; i < doc.lineCount; i++) if (predicate(doc.lineAt(i).text, i)) return i;
  throw new Error('line not found');
}

const EXTENSIONS: Record<string, string> = { markdown: 'notes.md', dockerfile: 'Dockerfile', shellscript: 'run.sh' };
const scratchDocs: vscode.TextDocument[] = [];

/**
 * A scratch editor that is not a workspace file: an untitled document with a name of its own
 * (VS Code reuses the plain "Untitled-N" names, and the extension host can still hold the old
 * document under that name when a test opens the next one).
 */
async function scratch(language: string, content: string, line: number, character = 0): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/snip-scratch-${scratchDocs.length + 1}/${EXTENSIONS[language]}` });
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  scratchDocs.push(doc);
  const editor = await vscode.window.showTextDocument(doc);
  assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), content)));
  editor.selection = new vscode.Selection(line, character, line, character);
  return editor;
}

/** Reverts and closes every scratch editor, so no dirty editor (and no save prompt) outlives a test. */
async function closeScratches(): Promise<void> {
  for (const doc of scratchDocs) {
    if (doc.isClosed) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

describe('snippets', function () {
  this.timeout(60_000);

  before(async () => {
    await activateDevOpsNotes();
  });

  afterEach(async () => {
    await closeScratches();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers the BuildKit snippets as completions in a Dockerfile', async () => {
    const doc = await openWorkspaceFile('snippets/Dockerfile');
    assert.equal(doc.languageId, 'dockerfile');
    const items = await completionsAt(doc.uri, new vscode.Position(doc.lineCount - 1, 0), (l) => l.includes('bk-mount-secret'));
    const labels = items.map(labelOf);
    for (const prefix of ['bk-syntax', 'bk-mount', 'bk-mount-secret', 'bk-mount-cache', 'bk-heredoc-run', 'bk-multistage']) {
      assert.ok(labels.includes(prefix), `${prefix} offered (got ${labels.filter((l) => l.startsWith('bk-')).join(', ')})`);
    }
    const mount = items.find((i) => labelOf(i) === 'bk-mount');
    const body = mount?.insertText instanceof vscode.SnippetString ? mount.insertText.value : String(mount?.insertText);
    assert.match(body, /--mount=type=\$\{1\|cache,secret,ssh,bind,tmpfs\|\}/);
    assert.ok(!labels.includes('dk-build-secret'), 'shell snippets stay out of Dockerfiles');
  });

  it('offers the shell snippets in a shell script', async () => {
    const doc = await openWorkspaceFile('snippets/build.sh');
    assert.equal(doc.languageId, 'shellscript');
    const labels = (await completionsAt(doc.uri, new vscode.Position(doc.lineCount - 1, 0), (l) => l.includes('dk-build-secret'))).map(labelOf);
    for (const prefix of ['dk-build-secret', 'bx-imagetools-inspect', 'dbg-netns', 'sw-node-availability', 'kc-port-forward']) {
      assert.ok(labels.includes(prefix), `${prefix} offered`);
    }
  });

  it('offers the Dockerfile snippets inside a ```dockerfile fence of a note, and not in its prose', async () => {
    const doc = await openWorkspaceFile(POST);
    const fenceOpen = lineOf(doc, (t, i) => t === '```dockerfile' && doc.lineAt(i + 1).text === '');
    const inFence = new vscode.Position(fenceOpen + 1, 0);
    const labels = (await completionsAt(doc.uri, inFence, (l) => l.includes('bk-mount-secret'))).map(labelOf);
    assert.ok(labels.includes('bk-mount-secret'), `BuildKit snippets in the fence (got ${labels.slice(0, 30).join(', ')})`);
    assert.ok(labels.includes('bk-syntax'));

    // The empty last line, after the prose paragraph (VS Code offers no snippets in the middle of a word).
    const prose = new vscode.Position(doc.lineCount - 1, 0);
    assert.equal(doc.lineAt(prose.line - 1).text, 'Prose after the fences.');
    const proseLabels = (await completionsAt(doc.uri, prose, (l) => l.includes('hugo-figure'))).map(labelOf);
    assert.ok(!proseLabels.includes('bk-mount-secret'), 'no Dockerfile snippets in Markdown prose');
    assert.ok(proseLabels.includes('hugo-figure'), `Markdown snippets in prose (got ${proseLabels.slice(0, 30).join(', ')})`);
  });

  it('harvests the command blocks of a fixture post into the picker, labelled with title and heading', async () => {
    await scratch('markdown', 'Intro\n\n', 1);
    const groups = await vscode.commands.executeCommand<Group[]>(LIST);
    const notes = groups.find((g) => g.label === 'From your notes');
    assert.ok(notes, `a "From your notes" group (groups: ${groups.map((g) => g.label).join(', ')})`);
    const transcript = notes.entries.find((e) => e.body.includes('docker build --secret id=snip-token,env=SNIP_TOKEN'));
    assert.ok(transcript, 'the console block of the fixture post, prompts stripped');
    assert.ok(!transcript.body.includes('$ docker'), 'no prompt');
    assert.ok(!transcript.body.includes('load build definition'), 'no output');
    assert.equal(transcript.description, 'Snippet fixture: BuildKit secrets workshop › Passing a token to the build');
    const dockerfile = notes.entries.find((e) => e.label === 'FROM alpine:3.20 AS snip-harvest-stage');
    assert.ok(dockerfile, 'the Dockerfile block');
    assert.equal(dockerfile.language, 'dockerfile');
  });

  it('offers harvested Dockerfile blocks as completions in a Dockerfile', async () => {
    const doc = await openWorkspaceFile('snippets/Dockerfile');
    const items = await completionsAt(doc.uri, new vscode.Position(doc.lineCount - 1, 0), (l) => l.includes('FROM alpine:3.20 AS snip-harvest-stage'));
    const item = items.find((i) => labelOf(i) === 'FROM alpine:3.20 AS snip-harvest-stage');
    assert.ok(item, 'the fixture post\'s Dockerfile block is offered');
    assert.match(String(item.detail), /From your notes: Snippet fixture: BuildKit secrets workshop/);
    const text = item.insertText instanceof vscode.SnippetString ? item.insertText.value : '';
    assert.ok(text.includes('\\$SNIP_TOKEN'), 'the $ of the shell variable is escaped in the snippet');
  });

  it('re-harvests a post when it changes', async () => {
    const doc = await openWorkspaceFile(POST);
    const editor = vscode.window.activeTextEditor!;
    const marker = 'docker run --rm snip/changed-marker:1 true';
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const added = await editor.edit((b) => b.insert(end, `\n\`\`\`bash\n${marker}\n\`\`\`\n`));
    assert.ok(added);
    try {
      const deadline = Date.now() + 15_000;
      let found = false;
      while (!found && Date.now() < deadline) {
        const groups = await vscode.commands.executeCommand<Group[]>(LIST);
        found = !!groups.find((g) => g.label === 'From your notes')?.entries.some((e) => e.body.includes(marker));
        if (!found) await new Promise((r) => setTimeout(r, 250));
      }
      assert.ok(found, 'the new block appears after the edit');
    } finally {
      await revertDocument(doc);
    }
  });

  it('re-harvests a post whose body another program changed on disk', async () => {
    // A post no test opens: an open document would follow the disk and report the change itself.
    const file = workspaceUri('content/snip/disk-changes.md').fsPath;
    const original = fs.readFileSync(file, 'utf8');
    const marker = 'docker run --rm snip/disk-marker:1 true';
    // The picker lists the notes' blocks for a Markdown editor.
    await scratch('markdown', 'Intro\n\n', 1);
    const blocks = async (): Promise<string[]> =>
      ((await vscode.commands.executeCommand<Group[]>(LIST)).find((g) => g.label === 'From your notes')?.entries ?? []).map((e) => e.body);
    const harvested = async (): Promise<boolean> => (await blocks()).some((b) => b.includes(marker));
    assert.ok((await blocks()).some((b) => b.includes('docker buildx ls')), 'the post is harvested as it is on disk');
    assert.equal(await harvested(), false);
    try {
      // Only the body changes: the post index sees the same front matter and reports nothing.
      fs.writeFileSync(file, `${original}\n\`\`\`bash\n${marker}\n\`\`\`\n`);
      await waitFor('the block written on disk is harvested', () => harvested(), 15_000);
    } finally {
      fs.writeFileSync(file, original);
    }
    await waitFor('and leaves with it', async () => !(await harvested()), 15_000);
  });

  it('inserts a snippet in prose as a fenced block, with its defaults, in one undo step', async () => {
    const editor = await scratch('markdown', 'Intro\n\nOutro\n', 1);
    const ok = await vscode.commands.executeCommand<boolean>(INSERT, { id: 'dockerfile/bk-mount-secret' });
    assert.equal(ok, true);
    const text = editor.document.getText();
    assert.match(text, /^Intro\n```dockerfile\nRUN --mount=type=secret,id=npmrc,target=\/root\/\.npmrc,required=true \\\n {4}npm ci\n```\nOutro\n$/);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'Intro\n\nOutro\n');
  });

  it('inserts plainly inside a matching fence and in a Dockerfile', async () => {
    const fence = await scratch('markdown', '```bash\n\n```\n', 1);
    assert.equal(await vscode.commands.executeCommand<boolean>(INSERT, 'shellscript/sw-node-availability'), true);
    assert.equal(fence.document.getText(), '```bash\ndocker node update --availability drain worker-01\n```\n');

    const dockerfile = await scratch('dockerfile', 'FROM alpine\n', 1);
    assert.equal(await vscode.commands.executeCommand<boolean>(INSERT, 'dockerfile/bk-run-network'), true);
    assert.equal(dockerfile.document.getText(), 'FROM alpine\nRUN --network=none pip install --no-index --find-links /wheels app');
  });

  it('says so and changes nothing for an unknown snippet id', async () => {
    const editor = await scratch('markdown', 'Intro\n', 0);
    assert.equal(await vscode.commands.executeCommand<boolean>(INSERT, { id: 'dockerfile/no-such-thing' }), false);
    assert.equal(editor.document.getText(), 'Intro\n');
  });

  it('contributes the insert command to the palette and the editor context menu', () => {
    const ext = vscode.extensions.getExtension('devops-notes.devops-notes')!;
    const contributes = (ext.packageJSON as { contributes: { commands: { command: string; title: string }[]; menus: Record<string, { command: string }[]> } }).contributes;
    assert.equal(contributes.commands.find((c) => c.command === INSERT)?.title, 'Insert DevOps Command…');
    assert.ok(contributes.menus['editor/context'].some((m) => m.command === INSERT));
  });

  describe('grammars against the real built-in grammars of this VS Code', () => {
    let tokenizer: Tokenizer;

    before(() => {
      // The same grammar files VS Code loaded, registered the way VS Code registers them.
      const builtins = path.join(vscode.env.appRoot, 'extensions');
      const sources: GrammarSource[] = [];
      for (const dir of fs.readdirSync(builtins)) {
        if (fs.existsSync(path.join(builtins, dir, 'package.json'))) sources.push(...grammarsOf(path.join(builtins, dir)));
      }
      assert.ok(sources.some((g) => g.scopeName === 'text.html.markdown'), 'the built-in Markdown grammar is there');
      assert.ok(!sources.some((g) => g.scopeName === 'source.toml'), 'VS Code ships no TOML grammar (hence our own TOML rules)');
      const ours = grammarsOf(vscode.extensions.getExtension('devops-notes.devops-notes')!.extensionPath);
      tokenizer = new Tokenizer([...sources, ...ours]);
    });

    const scopesAt = (tokens: { line: number; text: string; scopes: string[] }[], line: number, needle: string): string[] => {
      const lineTokens = tokens.filter((t) => t.line === line);
      let offset = 0;
      const at = lineTokens.map((t) => t.text).join('').indexOf(needle);
      for (const t of lineTokens) {
        if (offset <= at && at < offset + t.text.length) return t.scopes;
        offset += t.text.length;
      }
      throw new Error(`'${needle}' not on line ${line}`);
    };

    it('highlights BuildKit flags in a Dockerfile and in a ```dockerfile fence of a note', async () => {
      const dockerfile = await tokenizer.tokenize('source.dockerfile', 'RUN --mount=type=cache,target=/root/.npm npm ci');
      assert.ok(scopesAt(dockerfile, 0, 'cache').includes('constant.language.mount-type.dockerfile'));
      const md = await tokenizer.tokenize('text.html.markdown', 'Text\n\n```dockerfile\nRUN --mount=type=secret,id=tok cat /run/secrets/tok\n```\n');
      const scopes = scopesAt(md, 3, 'secret');
      assert.ok(scopes.includes('meta.embedded.block.dockerfile'), scopes.join(' '));
      assert.ok(scopes.includes('constant.language.mount-type.dockerfile'), scopes.join(' '));
    });

    it('highlights Hugo shortcodes and TOML front matter with the real Markdown grammar', async () => {
      const md = await tokenizer.tokenize('text.html.markdown', '+++\ntitle = "x"\ntags = ["a"]\n+++\n\n{{< figure src="a.png" >}}\n');
      assert.ok(scopesAt(md, 1, 'title').includes('support.type.property-name.toml'));
      assert.ok(scopesAt(md, 2, '"a"').includes('string.quoted.double.basic.toml'));
      assert.ok(scopesAt(md, 5, 'figure').includes('entity.name.tag.shortcode.hugo'));
      assert.ok(scopesAt(md, 5, 'src').includes('entity.other.attribute-name.hugo'));
      const yaml = await tokenizer.tokenize('text.html.markdown', '---\ntitle: x\n---\n');
      assert.ok(!yaml.some((t) => t.scopes.some((s) => s.endsWith('.toml'))), 'YAML front matter stays YAML');
    });
  });

  after(async () => {
    // The fixture post is reverted in its test; make sure no scratch editor is left dirty.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.ok(fs.existsSync(workspaceUri(POST).fsPath));
  });
});
