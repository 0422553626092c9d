import * as assert from 'node:assert/strict';
import { highlightCode } from '../../src/core/render/highlight/highlighter';
import { unsafeHtmlProblems } from '../properties/htmlSafety';
import { render, textOf } from './renderHelpers';

/**
 * Every value a post controls reaches the page escaped. Each case injects script, an event
 * handler that tries to break out of an attribute, and a javascript: URL through one channel,
 * then checks the HTML with a strict allow-list (test/properties/htmlSafety.ts) and that the
 * hostile text is still visible as text where it is shown at all.
 */
const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = '" onerror="alert(1)';
const JS_URL = 'javascript:alert(1)';

function assertSafe(html: string, what: string): void {
  assert.deepEqual(unsafeHtmlProblems(html), [], what);
  assert.doesNotMatch(html, /<script|onerror="alert|\shref="javascript:|\ssrc="javascript:/i, what);
}

const q = (v: string): string => `"${v.replace(/"/g, '\\"')}"`;

describe('renderer: escaping of every user-controlled value', () => {
  it('front matter fields (YAML, TOML, JSON)', () => {
    for (const value of [SCRIPT, BREAKOUT, JS_URL]) {
      const json = JSON.stringify(value);
      const posts = [
        `---\ntitle: ${json}\ndescription: ${json}\nauthor: ${json}\ndate: ${json}\nlastmod: ${json}\ntags: [${json}]\ncategories: [${json}]\ndraft: true\n---\nbody\n`,
        `+++\ntitle = ${json}\ndescription = ${json}\nauthors = [${json}]\ntags = [${json}]\ncategories = [${json}]\n+++\nbody\n`,
        `{"title": ${json}, "description": ${json}, "author": {"name": ${json}}, "tags": [${json}], "categories": [${json}], "date": ${json}}\nbody\n`,
      ];
      for (const post of posts) {
        const html = render(post);
        assertSafe(html, post);
        assert.ok(textOf(html).includes(value), `the value is shown as text: ${post}`);
      }
    }
  });

  it('shortcode parameters', () => {
    for (const value of [SCRIPT, BREAKOUT, JS_URL]) {
      const v = q(value);
      const sources = [
        `{{< figure src=${v} alt=${v} title=${v} caption=${v} attr=${v} attrlink=${v} link=${v} target=${v} rel=${v} class=${v} width=${v} height=${v} loading=${v} >}}`,
        `{{< youtube ${v} >}}`,
        `{{< vimeo id=${v} title=${v} >}}`,
        `{{< tweet user=${v} id=${v} >}}`,
        `{{< gist ${v} ${v} ${v} >}}`,
        `{{< instagram ${v} >}}`,
        `{{< unknown ${v} key=${v} >}}\ninner ${value}\n{{< /unknown >}}`,
        `{{% notice ${v} %}}${value}{{% /notice %}}`,
        `{{< highlight ${v} ${v} >}}\n${value}\n{{< /highlight >}}`,
        `{{< ref ${v} >}} [t]({{< relref ${v} >}})`,
        `{{< details summary=${v} >}}\nx\n{{< /details >}}`,
        `{{< param ${v} >}}`,
      ];
      for (const source of sources) {
        const images = { [value]: { kind: 'missing' as const, path: value } };
        const refs = { [value]: { found: true, href: value, title: value } };
        assertSafe(render(`---\ntitle: t\n---\n${source}\n`, { images, refs }), source);
      }
    }
  });

  it('link and image targets', () => {
    for (const value of [SCRIPT, BREAKOUT, JS_URL]) {
      for (const source of [`[a](${value})`, `[a](<${value}>)`, `![a](${value})`, `[a][r]\n\n[r]: <${value}>`, `<${value}>`, `[${value}](https://ok.example "${value}")`]) {
        assertSafe(render(`${source}\n`, { images: { [value]: { kind: 'found', url: value } } }), source);
      }
    }
  });

  it('code: fence content, info string, inline code, highlighted or not', () => {
    for (const value of [SCRIPT, '</code></pre><script>alert(1)</script>', BREAKOUT]) {
      for (const highlighter of [undefined, highlightCode]) {
        for (const source of [`\`\`\`bash\n$ echo ${value}\n\`\`\``, `\`\`\`${value.replace(/`/g, '')}\n${value}\n\`\`\``, `\`\`\`go {hl_lines=[1] linenos=true}\n${value}\n\`\`\``, `\`${value}\``, `    ${value}`]) {
          const html = render(`${source}\n`, { highlighter });
          assertSafe(html, source);
          assert.ok(textOf(html).includes(value), `code keeps its text: ${source}`);
        }
      }
    }
  });

  it('raw HTML in the body is text (html: false), never markup', () => {
    const html = render(`<div onclick="alert(1)">x</div>\n\n<img src=x onerror=alert(1)>\n\ntext <b onmouseover="alert(1)">b</b>\n`);
    assertSafe(html, 'raw html');
    assert.match(textOf(html), /<img src=x onerror=alert\(1\)>/);
  });
});
