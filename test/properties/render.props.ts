/** Properties of the preview renderer on hostile posts: nothing throws, every value is escaped. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { PostRenderer, type ImageResolution, type RefResolution, type ResolvedResources } from '../../src/core/render';
import { highlightCode } from '../../src/core/render/highlight/highlighter';
import { FORMATS, applyMutation, mutatedPost, mutation, writePost, writeStyle, type PostData } from './generators';
import { unsafeHtmlProblems } from './htmlSafety';
import type { NamedProperty } from './runner';

/** Values an attacker would put in a post to get script or style into the preview. */
export const HOSTILE_VALUES = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<svg><script>alert(1)</script></svg>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  ' javascript:alert(1)',
  '&#106;avascript:alert(1)',
  'javascript&colon;alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'command:workbench.action.terminal.new',
  'file:///etc/passwd',
  '//evil.example/x',
  '</style><script>alert(1)</script>',
  '</script><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '<!--<script>alert(1)//-->',
  '<a href="javascript:alert(1)">x</a>',
  '<div onclick="alert(1)" style="background:url(javascript:alert(1))">x</div>',
  'x" style="background:url(https://evil.example/)" x="',
  "x' onmouseover='alert(1)",
  'expression(alert(1))',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x"></object>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>body{display:none}</style>',
  '{{< youtube "x\\" onload=\\"alert(1)" >}}',
  '`<script>`',
  '\u2028<script>alert(1)</script>',
];

const hostile = fc.constantFrom(...HOSTILE_VALUES);
const quoted = (h: string) => `"${h.replace(/"/g, '\\"')}"`;

/** Markdown lines that carry hostile values through every construct the renderer handles. */
const hostileLine: fc.Arbitrary<string> = fc.oneof(
  hostile,
  hostile.map((h) => `# ${h}`),
  fc.tuple(hostile, hostile).map(([a, b]) => `[${a}](${b})`),
  fc.tuple(hostile, hostile).map(([a, b]) => `![${a}](${b})`),
  fc.tuple(hostile, hostile).map(([a, b]) => `[${a}](<${b}> "${a}")`),
  hostile.map((h) => `<${h}>`),
  hostile.map((h) => `[ref]: ${h}\n\n[ref] and [x][ref]`),
  fc.tuple(hostile, hostile).map(([info, code]) => `\`\`\`${info}\n${code}\n</script>\n\`\`\``),
  hostile.map((h) => `    ${h}`),
  hostile.map((h) => `\`${h}\``),
  fc.tuple(hostile, hostile).map(([a, b]) => `| ${a} | b |\n|:--|--:|\n| ${b} | y |`),
  fc.tuple(hostile, hostile, hostile).map(([src, title, caption]) => `{{< figure src=${quoted(src)} title=${quoted(title)} caption=${quoted(caption)} link=${quoted(src)} alt=${quoted(title)} >}}`),
  fc.tuple(fc.constantFrom('youtube', 'vimeo', 'tweet', 'x', 'gist', 'instagram', 'unknown-sc'), hostile).map(([name, h]) => `{{< ${name} ${quoted(h)} >}}`),
  fc.tuple(fc.constantFrom('tweet', 'x', 'gist'), hostile, hostile).map(([name, a, b]) => `{{< ${name} user=${quoted(a)} id=${quoted(b)} >}}`),
  fc.tuple(hostile, hostile).map(([lang, code]) => `{{< highlight ${quoted(lang)} "linenos=table,hl_lines=1" >}}\n${code}\n{{< /highlight >}}`),
  hostile.map((h) => `{{< ref ${quoted(h)} >}} and [link]({{< relref ${quoted(h)} >}})`),
  fc.constantFrom('title', 'description', 'params.x', 'tags').map((p) => `{{< param ${quoted(p)} >}}`),
  fc.tuple(hostile, hostile).map(([s, inner]) => `{{< details summary=${quoted(s)} >}}\n${inner}\n{{< /details >}}`),
  fc.tuple(hostile, hostile).map(([s, inner]) => `{{% ${s} %}}${inner}{{% /${s} %}}`),
  fc.tuple(fc.constantFrom('bash', 'sh', 'shell', 'console', 'dockerfile'), hostile).map(([lang, cmd]) => `\`\`\`${lang}\n$ docker run ${cmd}\n\`\`\``),
  hostile.map((h) => `<span style="${h}">x</span>`),
  hostile.map((h) => `- [ ] ${h}\n- [x] ${h}`),
);

const hostileData: fc.Arbitrary<PostData> = fc.record({
  title: hostile,
  description: hostile,
  date: fc.constantFrom('2024-01-15', '<script>alert(1)</script>', '2999-01-01', '2000-01-01'),
  expiryDate: fc.constantFrom('2000-01-01', '"><svg onload=alert(1)>'),
  tags: fc.array(hostile, { maxLength: 3 }),
  categories: fc.array(hostile, { maxLength: 2 }),
  images: fc.array(hostile, { maxLength: 2 }),
  params: fc.record({ x: hostile }),
  cover: fc.record({ image: hostile, alt: hostile }),
  draft: fc.constantFrom(true, '<b>yes</b>'),
}) as fc.Arbitrary<PostData>;

/** A post whose front matter values and body are hostile. */
export const hostilePost: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...FORMATS), hostileData, fc.array(hostileLine, { minLength: 1, maxLength: 6 }), writeStyle)
  .map(([format, data, lines, style]) => writePost(format, data, lines.join('\n\n'), style));

/** Resolves every image and ref a post needs, in every way the preview can (some hostile). */
export function resolveHostile(needs: { images: string[]; refs: string[] }, pick: number): ResolvedResources {
  const images = new Map<string, ImageResolution>();
  needs.images.forEach((src, i) => {
    const options: ImageResolution[] = [
      { kind: 'found', url: `https://file+.vscode-resource.vscode-cdn.net/site/${encodeURI(src.replace(/[\ud800-\udfff]/gu, '\ufffd'))}` }, // encodeURI throws on a lone surrogate
      { kind: 'missing', path: src },
      { kind: 'refused', reason: `Not loaded: ${src}` },
      { kind: 'remote', url: 'https://example.com/a.png' },
    ];
    images.set(src, options[(i + pick) % options.length]);
  });
  const refs = new Map<string, RefResolution>();
  needs.refs.forEach((target, i) => {
    const options: RefResolution[] = [
      { found: true, href: `../${target}/`, title: target },
      // A post file named like a URL: the resolved link must still not become one.
      { found: true, href: target, title: target },
      { found: false, problem: `No post matches "${target}"` },
    ];
    refs.set(target, options[(i + pick) % options.length]);
  });
  return { images, refs };
}

const mutatedHostilePost = fc.tuple(hostilePost, fc.array(mutation, { maxLength: 3 })).map(([text, ms]) => ms.reduce(applyMutation, text));

function renderAll(text: string, pick: number, terminalAllowed: boolean, highlight: 'inline' | 'deferred'): string {
  const renderer = new PostRenderer();
  const prepared = renderer.prepare(text);
  return renderer.render(prepared, resolveHostile(prepared.needs, pick), { terminalAllowed, highlighter: highlight === 'inline' ? highlightCode : undefined, now: new Date('2024-03-01T00:00:00Z') }).html;
}

export function renderProperties(): NamedProperty[] {
  return [
    {
      name: 'renderer: escapes every value of hostile posts (no raw tags, handlers, styles or script URLs in the HTML)',
      cost: 3,
      property: fc.property(hostilePost, fc.nat(), fc.boolean(), fc.constantFrom<'inline' | 'deferred'>('inline', 'deferred'), (text, pick, terminal, highlight) => {
        const html = renderAll(text, pick, terminal, highlight);
        const problems = unsafeHtmlProblems(html);
        assert.deepEqual(problems, [], `unsafe HTML for\n${JSON.stringify(text)}\n---\n${html}`);
      }),
    },
    {
      name: 'renderer: never throws on mutated posts and its HTML stays safe',
      cost: 2,
      property: fc.property(fc.oneof(mutatedPost().map((m) => m.text), mutatedHostilePost), fc.nat(), (text, pick) => {
        const html = renderAll(text, pick, pick % 2 === 0, 'inline');
        assert.deepEqual(unsafeHtmlProblems(html), [], `unsafe HTML for\n${JSON.stringify(text)}`);
      }),
    },
  ];
}
