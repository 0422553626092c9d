import MarkdownIt from 'markdown-it';
import { PostRenderer } from '../../src/core/render';
import { highlightCode } from '../../src/core/render/highlight/highlighter';
function post(bytes: number): string {
  const parts = ['---\ntitle: Big\ndate: 2024-01-02T03:04:05Z\ntags: [a, b]\n---\n'];
  let i = 0;
  while (parts.join('').length < bytes) {
    i++;
    parts.push(`## Section ${i}\n\nSome *text* with a [link](https://example.com/${i}) and \`inline code\` and more words to make a paragraph of a realistic length for notes, talking about docker buildx and kubectl.\n\n- item one\n- item two with **bold**\n\n\`\`\`bash\n$ docker buildx build --platform linux/amd64,linux/arm64 -t app:${i} .\nkubectl get pods -n default | grep app\n\`\`\`\n\n{{< figure src="img${i}.png" caption="Figure *${i}*" >}}\n\n\`\`\`yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n\`\`\`\n\n`);
  }
  return parts.join('');
}
const text = post(1024 * 1024);
const bare = new MarkdownIt({ html: false, linkify: true });
const bareHl = new MarkdownIt({ html: false, linkify: true, highlight: (s, l) => highlightCode(s, l) });
const r = new PostRenderer();
function time(name: string, f: () => void): number {
  for (let k = 0; k < 3; k++) f();
  const ts: number[] = [];
  for (let k = 0; k < 9; k++) { const t = performance.now(); f(); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(name, ts[4].toFixed(1), 'ms');
  return ts[4];
}
const body = text.slice(text.indexOf('---\n', 4) + 4);
const a = time('bare', () => bare.render(body));
const b = time('bare+hljs', () => bareHl.render(body));
const c = time('ours', () => { const p = r.prepare(text); r.render(p, { images: new Map(), refs: new Map() }, { terminalAllowed: true }); });
console.log('ratio vs bare', (c / a).toFixed(2), 'vs bare+hljs', (c / b).toFixed(2));
