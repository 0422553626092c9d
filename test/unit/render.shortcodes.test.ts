import * as assert from 'node:assert/strict';
import { PostRenderer } from '../../src/core/render';
import { getParam, parseShortcodeTag } from '../../src/core/render/shortcodes/syntax';
import { attrValues, render, textOf } from './renderHelpers';

const FM = '---\ntitle: t\n---\n';

describe('shortcode syntax', () => {
  it('reads positional and named parameters, quoted with "…" (escaped quotes) or `…` raw strings', () => {
    const text = '{{< figure src="a \\"b\\".png" `raw "quoted" \n newline` plain width=100 caption=`*md*` />}}';
    const tag = parseShortcodeTag(text, 0);
    assert.ok(tag);
    assert.equal(tag.name, 'figure');
    assert.equal(tag.selfClosing, true);
    assert.equal(tag.end, text.length);
    assert.deepEqual(
      tag.params.map(({ name, value }) => (name === undefined ? { value } : { name, value })),
      [
        { name: 'src', value: 'a "b".png' },
        { value: 'raw "quoted" \n newline' },
        { value: 'plain' },
        { name: 'width', value: '100' },
        { name: 'caption', value: '*md*' },
      ],
    );
    // Where each value is written, without its quotes (the validator reports missing files there).
    assert.deepEqual(
      tag.params.map((p) => text.slice(p.start, p.end)),
      ['a \\"b\\".png', 'raw "quoted" \n newline', 'plain', '100', '*md*'],
    );
    assert.equal(getParam(tag, 'SRC'), 'a "b".png', 'named parameters are found case-insensitively');
    assert.equal(getParam(tag, 'x', 1), 'plain', 'positional parameters by index');
  });

  it('reads closing tags, the % form and the comment form, and refuses broken tags', () => {
    assert.deepEqual(parseShortcodeTag('{{% /notice %}}', 0)?.kind, 'close');
    assert.equal(parseShortcodeTag('{{% notice warning %}}', 0)?.delimiter, '%');
    assert.equal(parseShortcodeTag('{{</* figure src="x" */>}}', 0)?.literal, '{{< figure src="x" >}}');
    assert.equal(parseShortcodeTag('{{< figure src="x" %}}', 0), null, 'mismatched delimiters');
    assert.equal(parseShortcodeTag('{{< figure src="unterminated >}}', 0), null, 'unterminated quote');
    assert.equal(parseShortcodeTag('{{<figure>}}', 0)?.name, 'figure', 'no space needed around the name');
  });
});

describe('renderer: figure', () => {
  it('renders every parameter: src, alt, width, height, loading, class, link, target, rel, title, caption (markdown), attr, attrlink', () => {
    const html = render(
      `${FM}{{< figure src="pics/a.png" alt="Alt text" width="640" height="480" loading="eager" class="wide" link="https://example.com/full" target="_blank" rel="noopener" title="The title" caption="A *caption* with [a link](https://example.org)" attr="Photo: **me**" attrlink="https://example.net/me" >}}\n`,
      { images: { 'pics/a.png': { kind: 'found', url: 'https://file.example/pics/a.png' } } },
    );
    assert.match(html, /<figure class="dn-figure wide" data-line="3">/);
    assert.match(html, /<a href="https:\/\/example\.com\/full" data-dn-link="external" target="_blank" rel="noopener"><img src="https:\/\/file\.example\/pics\/a\.png" alt="Alt text" width="640" height="480" loading="eager"/);
    assert.match(html, /<h4>The title<\/h4>/);
    assert.match(html, /A <em>caption<\/em> with <a href="https:\/\/example\.org" data-dn-link="external">a link<\/a>/);
    assert.match(html, /<a href="https:\/\/example\.net\/me" data-dn-link="external">Photo: <strong>me<\/strong><\/a>/);
  });

  it('uses the caption as alt text when alt is missing, and shows a placeholder naming a missing image', () => {
    const html = render(`${FM}{{< figure src="gone.png" caption="Build *times*" >}}\n`, { images: { 'gone.png': { kind: 'missing', path: 'gone.png' } } });
    assert.match(html, /class="dn-image-missing"[^>]*aria-label="Missing image: gone.png"/);
    assert.match(textOf(html), /Missing image: gone\.png/);
    const withImage = render(`${FM}{{< figure src="a.png" caption="Build *times*" >}}\n`, { images: { 'a.png': { kind: 'found', url: 'a.png' } } });
    assert.match(withImage, /alt="Build times"/);
  });

  it('keeps the title plain text as Hugo does (only caption and attr are markdown)', () => {
    const html = render(`${FM}{{< figure src="a.png" title="My [diagram](https://x.example)" >}}\n`);
    assert.match(html, /<h4>My \[diagram\]\(https:\/\/x\.example\)<\/h4>/);
  });
});

describe('renderer: highlight', () => {
  it('renders the code between its tags with the language and Hugo options (linenos, linenostart, hl_lines)', () => {
    const html = render(`${FM}{{< highlight go "linenos=table,hl_lines=2 4-5,linenostart=10" >}}\npackage main\nimport "fmt"\nfunc main() {\n  fmt.Println("<hi>")\n}\n{{< /highlight >}}\nafter\n`);
    assert.match(html, /data-lang="go"/);
    assert.deepEqual(attrValues(html, 'data-ln'), ['10', '11', '12', '13', '14']);
    const lines = [...html.matchAll(/<span class="dn-line( dn-hl)?">/g)].map((m) => Boolean(m[1]));
    assert.deepEqual(lines, [false, true, false, true, true]);
    assert.match(textOf(html), /fmt\.Println\("<hi>"\)/);
    assert.doesNotMatch(html, /\{\{&lt; \/highlight/, 'the closing tag is consumed');
    assert.match(html, /<p data-line="10">after<\/p>/);
  });

  it('works in the % form and inline, and says so when the closing tag is missing', () => {
    assert.match(render(`${FM}{{% highlight yaml %}}\na: 1\n{{% /highlight %}}\n`), /data-lang="yaml"/);
    assert.match(render(`${FM}Run {{< highlight bash >}}ls -la{{< /highlight >}} now\n`), /Run <code class="dn-code-inline">ls -la<\/code> now/);
    assert.match(textOf(render(`${FM}{{< highlight go >}}\n`)), /highlight \(no closing tag\)/);
  });
});

describe('renderer: ref and relref', () => {
  const refs = { 'other.md': { found: true, href: '../other/index.md', title: 'The other post' }, 'missing.md': { found: false, problem: 'No post found for "missing.md"' } };

  it('links a standalone ref to the resolved post, titled', () => {
    const html = render(`${FM}See {{< ref "other.md" >}} and {{% relref "other.md" %}}.\n`, { refs });
    assert.equal((html.match(/<a class="dn-ref" href="\.\.\/other\/index\.md" data-dn-link="relative"[^>]*>The other post<\/a>/g) ?? []).length, 2);
  });

  it('makes [text]({{< ref >}}) a link, as Hugo does, and marks unresolved refs', () => {
    const html = render(`${FM}[read this]({{< ref "other.md" >}}) and [broken]({{< relref "missing.md" >}})\n`, { refs });
    assert.match(html, /<a href="\.\.\/other\/index\.md" data-dn-link="relative">read this<\/a>/);
    assert.match(html, /<a class="dn-ref-missing" title="ref &quot;missing\.md&quot;: No post found for &quot;missing\.md&quot;">broken<\/a>/);
  });

  it('names the URL Hugo prints: .Permalink for ref, .RelPermalink for relref (tpl/urls RefFrom)', () => {
    const withUrls = { 'other.md': { ...refs['other.md'], permalink: 'https://example.org/posts/other/', relPermalink: '/posts/other/' } };
    const html = render(`${FM}See {{< ref "other.md" >}} and {{% relref "other.md" %}} and [x]({{< ref "other.md" >}}).\n`, { refs: withUrls });
    assert.match(html, /title="ref &quot;other\.md&quot; → https:\/\/example\.org\/posts\/other\/">The other post/);
    assert.match(html, /title="relref &quot;other\.md&quot; → \/posts\/other\/">The other post/);
    assert.match(html, /<a href="\.\.\/other\/index\.md" data-dn-link="relative" title="Hugo links it to https:\/\/example\.org\/posts\/other\/">x<\/a>/);
  });

  it('lists the refs and images a post needs before rendering', () => {
    const prepared = new PostRenderer().prepare(`${FM}![x](a.png) {{< figure src="b.png" >}} [t]({{< ref "p.md#x" >}}) {{< relref "q" >}}\n\n{{< figure src="c.png" >}}\n`);
    assert.deepEqual(prepared.needs.images.sort(), ['a.png', 'b.png', 'c.png']);
    assert.deepEqual(prepared.needs.refs.sort(), ['p.md#x', 'q']);
  });
});

describe('renderer: embeds become link cards, never frames', () => {
  const cases: [string, string, string][] = [
    ['{{< youtube w7Ft2ymGmfc >}}', 'YouTube video', 'https://www.youtube.com/watch?v=w7Ft2ymGmfc'],
    ['{{< youtube id="w7Ft2ymGmfc" start="30" title="Talk" >}}', 'YouTube video', 'https://www.youtube.com/watch?v=w7Ft2ymGmfc&amp;t=30s'],
    ['{{< vimeo 146022717 >}}', 'Vimeo video', 'https://vimeo.com/146022717'],
    ['{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}', 'Post on X', 'https://x.com/SanDiegoZoo/status/1453110110599868418'],
    ['{{< x user="SanDiegoZoo" id="1453110110599868418" >}}', 'Post on X', 'https://x.com/SanDiegoZoo/status/1453110110599868418'],
    ['{{< tweet 877500564405444608 >}}', 'Post on X', 'https://x.com/i/status/877500564405444608'],
    ['{{< gist spf13 7896402 >}}', 'GitHub gist', 'https://gist.github.com/spf13/7896402'],
    ['{{< gist spf13 7896402 "img.html" >}}', 'GitHub gist', 'https://gist.github.com/spf13/7896402#file-img-html'],
    ['{{< instagram CxOWiQNP2MO >}}', 'Instagram post', 'https://www.instagram.com/p/CxOWiQNP2MO/'],
  ];
  for (const [source, kind, url] of cases) {
    it(source, () => {
      const html = render(`${FM}${source}\n`);
      assert.match(html, new RegExp(`<span class="dn-embed-kind">${kind}</span><a href="${url.replace(/[.?]/g, '\\$&')}" data-dn-link="external">`));
      assert.doesNotMatch(html, /<iframe|<script|<object|<embed/);
    });
  }

  it('shows a problem instead of a link for ids that are not ids', () => {
    const html = render(`${FM}{{< youtube "x\\" onload=\\"alert(1)" >}}\n`);
    assert.doesNotMatch(html, /href=/);
    assert.match(html, /Not a YouTube video id/);
  });
});

describe('renderer: other shortcodes, closing tags and literals', () => {
  it('shows an unknown shortcode as a labelled placeholder with its parameters and its inner markdown (both forms)', () => {
    for (const [open, close] of [['{{< notice warning title="Heads up" >}}', '{{< /notice >}}'], ['{{% notice warning title="Heads up" %}}', '{{% /notice %}}']]) {
      const html = render(`${FM}${open}\nUse **BuildKit**.\n\n- one\n${close}\nafter\n`);
      assert.match(html, /<div class="dn-shortcode dn-shortcode-unknown" data-line="3" data-shortcode="notice"/);
      assert.match(html, /<span class="dn-shortcode-name">notice<\/span>/);
      assert.match(html, /<dt>#1<\/dt><dd>warning<\/dd><dt>title<\/dt><dd>Heads up<\/dd>/);
      assert.match(html, /<div class="dn-shortcode-inner"><p data-line="4">Use <strong>BuildKit<\/strong>\.<\/p>\n<ul data-line="6">/);
      assert.match(html, /<\/div><\/div>\n<p data-line="8">after<\/p>/);
    }
  });

  it('nests shortcodes, pairs the right closing tags, and keeps a tag without closing tag complete', () => {
    const html = render(`${FM}{{< figure src="a.png" >}}\n\n{{< box >}}\n{{< box >}}\ninner\n{{< /box >}}\nouter\n{{< /box >}}\n`);
    assert.equal((html.match(/data-shortcode="box"/g) ?? []).length, 2);
    assert.match(html, /<p data-line="7">inner<\/p>\n<\/div><\/div>\n<p data-line="9">outer<\/p>\n<\/div><\/div>/);
    assert.match(html, /<figure class="dn-figure" data-line="3">/);
  });

  it('renders details as a real details element and inline paired shortcodes inside a paragraph', () => {
    assert.match(render(`${FM}{{< details summary="More *info*" >}}\nHidden **text**\n{{< /details >}}\n`), /<details class="dn-details" data-line="3"><summary>More <em>info<\/em><\/summary><p data-line="4">Hidden <strong>text<\/strong><\/p>\n<\/details>/);
    const inline = render(`${FM}Some {{< mark >}}**marked**{{< /mark >}} text and {{< kbd ctrl >}}.\n`);
    assert.match(inline, /Some <span class="dn-shortcode dn-shortcode-unknown" data-shortcode="mark"[^>]*>.*<span class="dn-shortcode-inner"><strong>marked<\/strong><\/span><\/span> text/);
    assert.match(inline, /data-shortcode="kbd"/);
  });

  it('self-closing tags have no inner content', () => {
    const html = render(`${FM}{{< box />}}\ntext\n{{< /box >}}\n`);
    assert.match(html, /data-shortcode="box"/);
    assert.match(html, /closes a shortcode that was never opened/);
  });

  it('keeps shortcodes literal inside code fences, indented code and inline code', () => {
    const html = render(`${FM}\`\`\`go\n{{< figure src="x.png" >}}\n\`\`\`\n\n    {{< youtube abc123defg >}}\n\nInline \`{{< ref "x" >}}\` here.\n`);
    assert.doesNotMatch(html, /dn-figure|dn-embed|dn-ref/);
    assert.match(textOf(html), /\{\{< figure src="x\.png" >\}\}/);
    assert.match(textOf(html), /\{\{< youtube abc123defg >\}\}/);
    assert.match(html, /<code>\{\{&lt; ref &quot;x&quot; &gt;\}\}<\/code>/);
  });

  it('does not pair a closing tag inside a code fence with an opening tag outside it', () => {
    const html = render(`${FM}{{< box >}}\n\n\`\`\`\n{{< /box >}}\n\`\`\`\n\nrest\n`);
    assert.match(textOf(html), /\{\{< \/box >\}\}/, 'the fenced closing tag stays literal');
    assert.match(html, /<p data-line="9">rest<\/p>/);
  });

  it('prints the comment form literally, and marks a closing tag without an opening one', () => {
    const html = render(`${FM}{{</* figure src="x.png" */>}}\n\n{{< /orphan >}}\n`);
    assert.match(html, /<p data-line="3">\{\{&lt; figure src=&quot;x\.png&quot; &gt;\}\}<\/p>/);
    assert.match(html, /<p class="dn-shortcode-stray" data-line="5"><code>\{\{&lt; \/orphan &gt;\}\}<\/code> closes a shortcode that was never opened<\/p>/);
  });

  it('shows param values from the front matter', () => {
    assert.match(render('---\ntitle: Hello\nparams:\n  x: 1\n---\nTitle: {{< param "title" >}}; {{< param nope >}}\n'), /Title: <span class="dn-param">Hello<\/span>; <span class="dn-ref-missing">param "nope" is not set/);
  });

  it('renders a post with a thousand unclosed figures in linear time (no re-scan per tag)', () => {
    const post = FM + '{{< figure src="a.png" >}}\n\n'.repeat(1000) + '{{< box >}}\ninner\n{{< /box >}}\n';
    const html = render(post);
    assert.equal((html.match(/<figure/g) ?? []).length, 1000);
    assert.match(html, /data-shortcode="box"/);
  });
});
