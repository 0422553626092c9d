import * as assert from 'node:assert/strict';
import { bodyReferences } from '../../src/core/assist/bodyLinks';
import { EMBEDDED_SHORTCODES, imagePathCompletions, learnShortcodeParams, markdownImageCursor, shortcodeCompletions, shortcodeCursor, shortcodeNameOf, type BodySite } from '../../src/core/assist/shortcodes';
import { withTabStops } from '../../src/core/snippets/harvest';
import { expandSnippet, parseSnippet } from '../../src/core/snippets/snippetSyntax';

const SITE: BodySite = {
  shortcodes: [{ name: 'notice', origin: 'site', doc: 'x', params: learnShortcodeParams('{{ .Get "type" }} {{ .Get 0 }} {{ with .Get `title` }}{{ end }}'), template: '/s/layouts/shortcodes/notice.html' }, ...EMBEDDED_SHORTCODES],
  pages: ['posts/a.md', 'posts/b/index.md'],
  bundleFiles: ['cover.png'],
  staticFiles: ['/img/logo.svg'],
};

function at(doc: string) {
  const offset = doc.indexOf('|');
  const text = doc.slice(0, offset) + doc.slice(offset + 1);
  const cursor = shortcodeCursor(text, offset);
  return { cursor, items: cursor ? shortcodeCompletions(cursor, SITE) : [] };
}

describe('shortcode assist', () => {
  it('learns parameters from templates and names from paths', () => {
    assert.deepEqual(learnShortcodeParams('{{ .Get "src" }}{{ .Get 0 }}{{ .Get "src" }}{{ .Params.alt }}'), [{ name: 'src' }, { position: 0 }, { name: 'alt' }]);
    assert.equal(shortcodeNameOf('note.html'), 'note');
    assert.equal(shortcodeNameOf('nested/box.en.html'), 'nested/box');
    assert.equal(shortcodeNameOf('README'), undefined);
  });

  it('completes names after {{< and {{%, the site\'s first, closing the tag when it is open', () => {
    const { cursor, items } = at('Text {{< fi|');
    assert.equal(cursor?.kind, 'name');
    assert.equal(items[0].label, 'notice');
    const figure = items.find((i) => i.label === 'figure')!;
    assert.equal(figure.insertText, 'figure src="$1" $0>}}');
    assert.ok(at('{{% |').items.some((i) => i.label === 'details' && i.insertText.includes('{{% /details %}}')));
    assert.equal(at('{{< fi| >}}').items.find((i) => i.label === 'figure')!.insertText, 'figure src="$1"');
  });

  it('completes parameter names, then values: languages, pages, files, enums, booleans', () => {
    assert.deepEqual(at('{{< notice |').items.map((i) => i.label), ['type', 'title']);
    assert.ok(at('{{< figure |').items.some((i) => i.label === 'caption'));
    assert.ok(!at('{{< figure caption="x" |').items.some((i) => i.label === 'caption'));
    assert.ok(at('{{< highlight |').items.some((i) => i.label === 'dockerfile'));
    assert.ok(at('{{< highlight "ya|').items.some((i) => i.label === 'yaml' && i.insertText === '"yaml"'));
    assert.deepEqual(at('{{< ref "|" >}}').items.map((i) => i.label), ['posts/a.md', 'posts/b/index.md']);
    assert.deepEqual(at('{{< relref |').items.slice(0, 2).map((i) => i.label), ['posts/a.md', 'posts/b/index.md']);
    assert.deepEqual(at('{{< figure src="|" >}}').items.map((i) => i.label), ['cover.png', '/img/logo.svg']);
    assert.deepEqual(at('{{< qr level=|').items.map((i) => i.label), ['low', 'medium', 'quartile', 'high']);
    assert.deepEqual(at('{{< youtube id=abc autoplay=|').items.map((i) => i.label), ['true', 'false']);
    assert.ok(at('{{< details |').items.some((i) => i.label === 'summary'));
    assert.ok(at('{{< vimeo |').items.some((i) => i.label === 'title'));
    assert.ok(at('{{< gist |').items.length === 0);
    assert.ok(at('{{< param |').items.length === 0);
    assert.equal(at('{{< figure >}} done |').cursor, undefined);
  });

  it('completes Markdown image paths from the bundle and the static folders', () => {
    const text = 'See ![logo](im';
    const c = markdownImageCursor(text, text.length)!;
    assert.equal(c.prefix, 'im');
    assert.deepEqual(imagePathCompletions(c, SITE).map((i) => i.insertText), ['cover.png', '/img/logo.svg']);
    assert.equal(markdownImageCursor('[link](x', 8), undefined);
  });

  it('finds refs, figure sources, image paths and shortcode names in the body', () => {
    const body = '{{< ref "posts/a.md" >}} {{< figure src="cover.png" >}}\n![x](/img/logo.svg)\n```md\n![no](skip.png)\n```\n{{% notice warn %}}x{{% /notice %}}';
    const refs = bodyReferences(body, 0).map((r) => `${r.kind}:${body.slice(r.start, r.end)}`);
    assert.deepEqual(refs, ['shortcode:ref', 'ref:posts/a.md', 'shortcode:figure', 'image:cover.png', 'image:/img/logo.svg', 'shortcode:notice', 'shortcode:notice']);
  });
});

describe('harvested snippets: placeholders become tab stops', () => {
  it('turns <name>, <name=default>, ${VAR} and $VAR into tab stops, one per name', () => {
    const body = withTabStops('docker run -p <port=8080>:80 <image> -e TOKEN=$TOKEN ${REGISTRY}/<image> $HOME cat <<EOF');
    assert.deepEqual(parseSnippet(body).errors, []);
    assert.equal(body, 'docker run -p ${1:8080}:80 ${2:<image>} -e TOKEN=${3:\\$TOKEN} ${4:\\${REGISTRY\\}}/${2:<image>} \\$HOME cat <<EOF');
    assert.equal(expandSnippet(body), 'docker run -p 8080:80 <image> -e TOKEN=$TOKEN ${REGISTRY}/<image> $HOME cat <<EOF');
  });
});
