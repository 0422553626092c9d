import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './util/wait';
import { activateDevOpsNotes, openWorkspaceFile, revertDocument, workspaceUri, turnOffAutoSave } from './util/workspace';

const YAML = 'content/assist/yaml-post.md';
const TOML = 'content/assist/toml-post.md';
const JSON_POST = 'content/assist/json-post.md';
const BUNDLE = 'content/assist/bundle/index.md';
const DOCKERFILE = 'content/assist/Dockerfile';

interface Api {
  posts: { ready(): Promise<void> };
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function descriptionOf(item: vscode.CompletionItem): string | undefined {
  return typeof item.label === 'string' ? undefined : item.label.description;
}

function insertTextOf(item: vscode.CompletionItem): string {
  return item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText ?? labelOf(item));
}

/** The position just after the first `needle` in the document (or at its start with `before`). */
function positionOf(doc: vscode.TextDocument, needle: string, before = false): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at !== -1, `"${needle}" in ${doc.uri.path}`);
  return doc.positionAt(before ? at : at + needle.length);
}

async function completions(doc: vscode.TextDocument, pos: vscode.Position, until: (items: vscode.CompletionItem[]) => boolean = (i) => i.length > 0): Promise<vscode.CompletionItem[]> {
  let last: vscode.CompletionItem[] = [];
  await waitFor(`completions at ${doc.uri.path}:${pos.line + 1}:${pos.character + 1}`, async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
    last = list.items;
    return until(last) || undefined;
  }, 20_000);
  return last;
}

/** The hover text at a position, asked again until there is one (a just reverted editor syncs in the background). */
async function hover(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  return waitFor(`a hover at ${doc.uri.path}:${pos.line + 1}:${pos.character + 1}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n') || undefined;
  });
}

/** Inserts `text` at `pos`, returns the position after it; the test reverts the document. */
async function insert(doc: vscode.TextDocument, pos: vscode.Position, text: string): Promise<vscode.Position> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, pos, text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  return doc.positionAt(doc.offsetAt(pos) + text.length);
}

const touched: vscode.TextDocument[] = [];
async function open(path: string): Promise<vscode.TextDocument> {
  const doc = await openWorkspaceFile(path);
  touched.push(doc);
  return doc;
}

describe('editor help where users type (assist)', function () {
  this.timeout(120_000);

  let restoreAutoSave = async (): Promise<void> => undefined;
  before(async () => {
    // The tests type into workspace files and revert them: nothing may be saved meanwhile.
    restoreAutoSave = await turnOffAutoSave();
    const ext = await activateDevOpsNotes();
    await (ext.exports as unknown as Api).posts.ready();
  });

  after(async () => {
    await restoreAutoSave();
  });

  afterEach(async () => {
    for (const doc of touched.splice(0)) if (doc.isDirty) await revertDocument(doc);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('front matter completions', () => {
    it('YAML keys: Hugo fields with descriptions and keys other posts use, with counts', async () => {
      const doc = await open(YAML);
      const pos = await insert(doc, positionOf(doc, 'assist_series', true), 'as\n');
      const items = await completions(doc, new vscode.Position(pos.line - 1, 2), (i) => i.some((x) => labelOf(x) === 'assist_series'));
      const series = items.find((i) => labelOf(i) === 'assist_series')!;
      assert.match(descriptionOf(series) ?? '', /^1 post · site$/, 'the TOML post writes it; this post is not counted');
      const publish = items.find((i) => labelOf(i) === 'publishDate');
      assert.equal(publish, undefined, 'a key the post has is not offered');
      const expiry = items.find((i) => labelOf(i) === 'expiryDate')!;
      assert.match(String(expiry.detail), /leaves the page out of the build from this date/);
      assert.equal(insertTextOf(expiry), 'expiryDate: ');
    });

    it('YAML block list: terms from the index, most used first, the site\'s spelling, with counts', async () => {
      const doc = await open(YAML);
      const pos = await insert(doc, positionOf(doc, '  - Assist-Docker'), '\n  - ');
      const items = await completions(doc, pos, (i) => i.some((x) => labelOf(x) === 'assist-k8s'));
      const labels = items.map(labelOf);
      assert.ok(!labels.includes('Assist-Docker'), 'the term the post lists is not offered again');
      assert.equal(descriptionOf(items.find((i) => labelOf(i) === 'assist-k8s')!), '2 posts');
    });

    it('TOML array: terms quoted for TOML, the most used spelling', async () => {
      const doc = await open(TOML);
      const pos = await insert(doc, positionOf(doc, '"assist-k8s"'), ', ');
      const items = await completions(doc, pos, (i) => i.some((x) => labelOf(x) === 'Assist-Docker'));
      const docker = items.find((i) => labelOf(i) === 'Assist-Docker')!;
      assert.equal(descriptionOf(docker), '3 posts');
      assert.equal(insertTextOf(docker), '"Assist-Docker"');
      assert.match(String(docker.detail), /also written assist-docker/);
    });

    it('JSON array and booleans, and YAML/TOML booleans and dates', async () => {
      const json = await open(JSON_POST);
      // As typed with VS Code's auto-closing quotes: the cursor between `""`.
      const afterQuotes = await insert(json, positionOf(json, '["assist-docker"'), ', ""');
      const terms = await completions(json, afterQuotes.translate(0, -1), (i) => i.some((x) => labelOf(x) === 'assist-k8s'));
      assert.equal(insertTextOf(terms.find((i) => labelOf(i) === 'assist-k8s')!), '"assist-k8s"');
      await revertDocument(json);
      const draft = await completions(json, positionOf(json, '"draft": '));
      assert.deepEqual(draft.map(labelOf).filter((l) => l === 'true' || l === 'false'), ['true', 'false']);

      const toml = await open(TOML);
      const tomlDraft = await insert(toml, positionOf(toml, 'assist_series', true), 'draft = \n');
      const tomlItems = await completions(toml, new vscode.Position(tomlDraft.line - 1, 8));
      assert.ok(tomlItems.some((i) => labelOf(i) === 'true'));

      const yaml = await open(YAML);
      const lastmod = await insert(yaml, positionOf(yaml, 'assist_series', true), 'lastmod: \n');
      const dates = await completions(yaml, new vscode.Position(lastmod.line - 1, 9), (i) => i.some((x) => labelOf(x) === 'now'));
      const now = dates.find((i) => labelOf(i) === 'now')!;
      assert.match(insertTextOf(now), /^\d{4}-\d{2}-\d{2}/);
      assert.ok(dates.some((i) => /[+-]\d{2}:\d{2}$/.test(insertTextOf(i))), 'a form with the offset written out');
    });
  });

  describe('front matter hovers', () => {
    it('a key\'s meaning, a date as Hugo reads it with the post\'s status, a term with a reveal link', async () => {
      const doc = await open(YAML);
      assert.match(await hover(doc, positionOf(doc, 'publishD', false)), /leaves the page out of the build until this date/);
      const scheduled = await hover(doc, positionOf(doc, '2099-01'));
      assert.match(scheduled, /UTC: 2099-01-01 00:00:00/);
      assert.match(scheduled, /\*\*scheduled\*\*/);
      assert.match(await hover(doc, positionOf(doc, '2024-03-14T09')), /UTC: 2024-03-14 07:30:00 \(UTC\+00:00\)/);
      const term = await hover(doc, positionOf(doc, 'Assist-Doc'));
      assert.match(term, /\*\*Assist-Docker\*\* \(tags\) · 3 posts/);
      assert.match(term, /`Assist-Docker` \(2\), `assist-docker` \(1\)/);
      const link = /\(command:devopsNotes\.tags\.revealTerm\?([^)]+)\)/.exec(term);
      assert.ok(link, term);
      // The link's arguments are the ones the tag tree's reveal command takes (its tests run it).
      assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), ['tags', 'assist-docker']);
      assert.ok((await vscode.commands.getCommands(true)).includes('devopsNotes.tags.revealTerm'));
    });

    it('in TOML and JSON too', async () => {
      const toml = await open(TOML);
      assert.match(await hover(toml, positionOf(toml, '2024-04')), /UTC: 2024-04-01 00:00:00[\s\S]*No offset is written[\s\S]*published/);
      assert.match(await hover(toml, positionOf(toml, 'assist-k')), /2 posts/);
      const json = await open(JSON_POST);
      assert.match(await hover(json, positionOf(json, '"assist-d')), /\*\*Assist-Docker\*\* \(tags\) · 3 posts/);
      assert.match(await hover(json, positionOf(json, '"dra')), /only with `--buildDrafts`/);
    });
  });

  describe('shortcodes, images and links in the body', () => {
    it('completes shortcode names (Hugo\'s and the site\'s), learned parameters and values', async () => {
      const doc = await open(YAML);
      const body = positionOf(doc, 'The assist tests', true);
      const afterOpen = await insert(doc, body, '{{< \n');
      const names = await completions(doc, new vscode.Position(afterOpen.line - 1, 4), (i) => i.some((x) => labelOf(x) === 'assist-note'));
      for (const name of ['figure', 'highlight', 'ref', 'relref', 'youtube', 'vimeo', 'gist', 'param', 'details', 'qr']) assert.ok(names.some((i) => labelOf(i) === name), name);
      assert.equal(descriptionOf(names.find((i) => labelOf(i) === 'assist-note')!), 'site');

      await revertDocument(doc);
      const params = await insert(doc, positionOf(doc, 'The assist tests', true), '{{< assist-note \n');
      const learned = await completions(doc, new vscode.Position(params.line - 1, 16));
      assert.ok(learned.some((i) => labelOf(i) === 'title'), 'from .Get "title" in the template');

      await revertDocument(doc);
      const ref = await insert(doc, positionOf(doc, 'The assist tests', true), '{{< ref "\n');
      const pages = await completions(doc, new vscode.Position(ref.line - 1, 9), (i) => i.some((x) => labelOf(x) === 'assist/toml-post.md'));
      assert.ok(pages.some((i) => labelOf(i) === 'assist/bundle/index.md'));

      await revertDocument(doc);
      const hl = await insert(doc, positionOf(doc, 'The assist tests', true), '{{< highlight "\n');
      assert.ok((await completions(doc, new vscode.Position(hl.line - 1, 15))).some((i) => labelOf(i) === 'dockerfile'));
    });

    it('completes figure src and Markdown image paths from the bundle and static folders', async () => {
      const doc = await open(BUNDLE);
      const src = await insert(doc, positionOf(doc, '{{< figure', true), '{{< figure src="\n');
      const files = await completions(doc, new vscode.Position(src.line - 1, 16), (i) => i.some((x) => labelOf(x) === 'diagram.svg'));
      assert.ok(files.some((i) => labelOf(i) === '/assist/logo.svg'));
      await revertDocument(doc);
      const md = await insert(doc, positionOf(doc, '{{< figure', true), '![a](\n');
      const images = await completions(doc, new vscode.Position(md.line - 1, 5), (i) => i.some((x) => labelOf(x) === 'diagram.svg'));
      assert.ok(images.some((i) => labelOf(i) === '/assist/logo.svg'));
    });

    it('links ref targets, images and shortcode names, and goes to their definitions', async () => {
      const doc = await open(YAML);
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
      const targets = links.map((l) => `${doc.getText(l.range)} -> ${vscode.workspace.asRelativePath(l.target!)}`);
      assert.ok(targets.includes('assist/toml-post.md -> content/assist/toml-post.md'), targets.join('\n'));
      assert.ok(targets.includes('/assist/logo.svg -> static/assist/logo.svg'), targets.join('\n'));
      assert.ok(targets.includes('assist-note -> layouts/shortcodes/assist-note.html'), targets.join('\n'));
      const bundle = await open(BUNDLE);
      const bundleLinks = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', bundle.uri);
      assert.ok(bundleLinks.some((l) => l.target?.fsPath === workspaceUri('content/assist/bundle/diagram.svg').fsPath));

      const where = async (needle: string) => {
        const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, positionOf(doc, needle));
        return locations.map((l) => vscode.workspace.asRelativePath('uri' in l ? l.uri : l.targetUri));
      };
      assert.deepEqual(await where('{{< assist-no'), ['layouts/shortcodes/assist-note.html']);
      assert.deepEqual(await where('"assist/toml'), ['content/assist/toml-post.md']);
      assert.deepEqual(await where('/assist/lo'), ['static/assist/logo.svg']);
    });
  });

  describe('BuildKit', () => {
    it('in a Dockerfile: mount options by type, directives with check rules, hovers and checks', async () => {
      const doc = await open(DOCKERFILE);
      const secret = await completions(doc, positionOf(doc, 'id=npm,'), (i) => i.some((x) => labelOf(x) === 'env'));
      assert.deepEqual(secret.map(labelOf).filter((l) => ['target', 'env', 'required', 'sharing', 'size'].includes(l)).sort(), ['env', 'required', 'target']);
      const rules = await completions(doc, positionOf(doc, 'check=skip='), (i) => i.some((x) => labelOf(x) === 'JSONArgsRecommended'));
      assert.ok(rules.some((i) => labelOf(i) === 'StageNameCasing'));
      const platform = await completions(doc, positionOf(doc, '--platform='), (i) => i.some((x) => labelOf(x) === '$BUILDPLATFORM'));
      assert.ok(platform.some((i) => labelOf(i) === 'linux/arm64'));
      const copy = await insert(doc, positionOf(doc, 'COPY --lnk . /src'), '\nCOPY --');
      const copyFlags = await completions(doc, copy, (i) => i.some((x) => labelOf(x) === '--parents'));
      for (const f of ['--link', '--chmod', '--chown', '--exclude', '--from']) assert.ok(copyFlags.some((i) => labelOf(i) === f), f);
      await revertDocument(doc);
      const add = await insert(doc, positionOf(doc, 'COPY --lnk . /src'), '\nADD --');
      const addFlags = await completions(doc, add, (i) => i.some((x) => labelOf(x) === '--checksum'));
      assert.ok(addFlags.some((i) => labelOf(i) === '--keep-git-dir'));
      await revertDocument(doc);
      const run = await insert(doc, positionOf(doc, 'COPY --lnk . /src'), '\nRUN --network=');
      assert.deepEqual((await completions(doc, run, (i) => i.some((x) => labelOf(x) === 'none'))).map(labelOf).slice(0, 3), ['default', 'none', 'host']);
      await revertDocument(doc);

      assert.match(await hover(doc, positionOf(doc, '--plat')), /platform of the base image/);
      assert.match(await hover(doc, positionOf(doc, 'sharing=lo')), /How parallel builds share a cache/);

      const describe = (d: vscode.Diagnostic) => `${d.range.start.line + 1}: ${d.message}`;
      // The checks follow edits after a pause: wait for the ones of the reverted text.
      const problems = await waitFor('BuildKit problems in the Dockerfile', () => {
        const found = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'DevOps Notes (BuildKit)');
        return found.length === 2 && found.every((d) => d.range.start.line < 6) ? found : undefined;
      });
      assert.deepEqual(problems.map(describe).sort(), [
        "5: BuildKit stops the build: 'sharing' is only for cache mounts, not bind.",
        '6: BuildKit stops the build: unknown flag --lnk for COPY. Did you mean "link"?',
      ]);
      assert.ok(problems.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    });

    it('inside a ```dockerfile fence of a post: completion, hover and checks', async () => {
      const doc = await open(YAML);
      const pos = await insert(doc, positionOf(doc, 'go build ./...'), '\nRUN --mount=type=cache,');
      const items = await completions(doc, pos, (i) => i.some((x) => labelOf(x) === 'sharing'));
      const labels = items.map(labelOf);
      assert.ok(labels.includes('id') && labels.includes('target') && !labels.includes('size') && !labels.includes('env'), labels.join(','));
      await revertDocument(doc);
      const typeAt = await insert(doc, positionOf(doc, 'go build ./...'), '\nRUN --mount=type=');
      assert.deepEqual((await completions(doc, typeAt, (i) => i.some((x) => labelOf(x) === 'ssh'))).map(labelOf).slice(0, 5), ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
      await revertDocument(doc);
      assert.match(await hover(doc, positionOf(doc, 'RUN --mou')), /Gives the command a mount/);
      const problems = await waitFor('BuildKit problems in the fence', () => {
        const found = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'DevOps Notes (BuildKit)');
        // The checks follow edits after a pause: wait for the ones of the reverted text.
        return found.length === 1 && doc.getText(found[0].range) === 'cahce' ? found : undefined;
      });
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /unsupported mount type "cahce".*Did you mean "cache"/);
      assert.equal(doc.getText(problems[0].range), 'cahce');
    });
  });

  describe('harvested snippets', () => {
    it('turn placeholders into tab stops and open the note they came from', async () => {
      const doc = await open('snippets/build.sh');
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const pos = await insert(doc, end, '\ndocker run');
      const items = await completions(doc, pos, (i) => i.some((x) => labelOf(x).startsWith('docker run --rm -p <port=8080>')));
      const item = items.find((x) => labelOf(x).startsWith('docker run --rm -p <port=8080>'))!;
      assert.equal(insertTextOf(item), 'docker run --rm -p ${1:8080}:80 ${2:<image>} --name ${3:\\$NAME}$0');
      const docs = item.documentation as vscode.MarkdownString;
      const link = /\(command:devopsNotes\.snippets\.openNote\?([^)]+)\)/.exec(docs.value);
      assert.ok(link, docs.value);
      const args = JSON.parse(decodeURIComponent(link[1])) as [string, number];
      await revertDocument(doc);
      assert.equal(await vscode.commands.executeCommand('devopsNotes.snippets.openNote', ...args), true);
      const active = vscode.window.activeTextEditor!;
      assert.equal(active.document.uri.fsPath, workspaceUri(YAML).fsPath);
      assert.equal(active.document.lineAt(active.selection.active.line).text, '```bash');
    });
  });
});
