import MarkdownIt from 'markdown-it';
type Token = MarkdownIt.Token;
const md = new MarkdownIt({ html: false });
const t: Token[] = md.parse('# hi\n\n[a](b)', {});
console.log(t.map((x) => x.type + ':' + JSON.stringify(x.map)).join(' '));
const r = md.helpers.parseLinkDestination('abc', 0, 3);
console.log(r, md.normalizeLink('devopsnotes-ref:%2Fposts%2Fa.md'), md.normalizeLink('Foo:bar'));
