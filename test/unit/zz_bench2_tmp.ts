import MarkdownIt from 'markdown-it';
const parts: string[] = [];
for (let i = 0; parts.join('').length < 1024*1024; i++) parts.push(`## Section ${i}\n\nSome *text* with a [link](https://example.com/${i}) and more words.\n\n- item\n- item two\n\n\`\`\`bash\necho ${i}\n\`\`\`\n\n`);
const body = parts.join('');
for (const opts of [{}, { linkify: true }]) {
  const md = new MarkdownIt(opts);
  for (let k = 0; k < 3; k++) { const t = performance.now(); md.render(body); console.log(JSON.stringify(opts), (performance.now() - t).toFixed(1)); }
}
for (const n of [1, 2, 4]) { const b = body.repeat(n).slice(0, 256*1024*n); const md = new MarkdownIt(); const t = performance.now(); md.render(b); console.log(n*256, 'KB', (performance.now()-t).toFixed(1)); }
