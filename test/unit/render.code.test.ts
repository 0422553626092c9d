import * as assert from 'node:assert/strict';
import { codeBodyHtml, codeOptionsFromAttributes, parseFenceInfo } from '../../src/core/render/codeBlocks';
import { highlightCode, registeredLanguage } from '../../src/core/render/highlight/highlighter';
import { GRAMMAR_OF } from '../../src/core/render/highlight/languages';
import { BRACKETED_PASTE_END, BRACKETED_PASTE_START, commandTextForTerminal } from '../../src/core/render/terminalText';
import { attrValues, render, textOf } from './renderHelpers';

function decode(html: string): string {
  return textOf(html);
}

describe('renderer: code blocks', () => {
  const samples: [string, string, RegExp][] = [
    ['dockerfile', 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache apk add git', /hljs-keyword">FROM/],
    ['bash', 'for f in *.md; do echo "$f"; done', /hljs-keyword">for/],
    ['console', '$ docker ps\nCONTAINER ID', /hljs-meta prompt_">\$ /],
    ['yaml', 'apiVersion: v1\nkind: Pod', /hljs-attr">apiVersion/],
    ['json', '{"a": [1, true]}', /hljs-attr">&quot;a&quot;/],
    ['toml', '[server]\nport = 8080', /hljs-section">\[server\]/],
    ['ini', '[server]\nport=8080', /hljs-section">\[server\]/],
    ['go', 'package main\nfunc main() {}', /hljs-keyword">package/],
    ['python', 'def f(x):\n    return x', /hljs-keyword">def/],
    ['hcl', 'resource "aws_s3_bucket" "b" {\n  bucket = "my-${var.env}"\n  count  = 2\n}', /hljs-keyword">resource/],
    ['terraform', 'variable "x" {\n  default = true\n}', /hljs-keyword">variable/],
    ['diff', '- old\n+ new', /hljs-addition">\+ new/],
  ];
  for (const [lang, code, token] of samples) {
    it(`highlights ${lang} and keeps the code text exact`, () => {
      const html = render(`\`\`\`${lang}\n${code}\n\`\`\`\n`, { highlighter: highlightCode });
      assert.match(html, token);
      const body = /<code[^>]*>([\s\S]*?)<\/code>/.exec(html)?.[1] ?? '';
      assert.equal(decode(body), code);
    });
  }

  it('has a highlight.js grammar for every language in the table (HCL is our own)', () => {
    for (const [alias, grammar] of Object.entries(GRAMMAR_OF)) assert.ok(registeredLanguage(alias), `${alias} → ${grammar}`);
    assert.equal(registeredLanguage('tf'), 'HCL');
  });

  it('highlights HCL strings with interpolation and heredocs', () => {
    const html = highlightCode('locals {\n  s = <<EOT\nhello ${var.x}\nEOT\n  n = 3 # comment\n}', 'hcl');
    assert.match(html, /<span class="hljs-string">&lt;&lt;EOT\nhello <span class="hljs-subst">\$\{var.x\}<\/span>\nEOT<\/span>/);
    assert.match(html, /hljs-comment"># comment/);
  });

  it('leaves unknown languages escaped and unhighlighted', () => {
    const html = render('```brainfuck\n<+>\n```\n', { highlighter: highlightCode });
    assert.match(html, /<code class="hljs">&lt;\+&gt;<\/code>/);
  });

  it('gives every block a copy button and only shell blocks a send-to-terminal button', () => {
    const html = render('```bash\nls\n```\n\n```yaml\na: 1\n```\n\n```console\n$ ls\n```\n\n    indented\n');
    assert.equal((html.match(/data-action="copy"/g) ?? []).length, 4);
    assert.deepEqual(attrValues(html, 'data-command'), ['ls', 'ls']);
  });

  it('disables send-to-terminal when the workspace is not trusted', () => {
    const html = render('```sh\nrm -rf ./build\n```\n', { terminalAllowed: false });
    assert.match(html, /data-action="send-to-terminal" disabled title="Not available in Restricted Mode/);
    assert.doesNotMatch(html, /data-command/);
  });

  it('reads Hugo fence attributes for line numbers and highlighted lines', () => {
    assert.deepEqual(parseFenceInfo('go {linenos=table, hl_lines=[2,"4-5"], linenostart=7}'), {
      lang: 'go',
      options: { lineNumbers: true, lineNumberStart: 7, highlightLines: new Set([2, 4, 5]) },
    });
    assert.equal(parseFenceInfo('bash {linenos=false}').options.lineNumbers, false);
    const html = render('```go {linenos=true,hl_lines=[2]}\na\nb\n```\n');
    assert.deepEqual(attrValues(html, 'data-ln'), ['1', '2']);
    assert.match(html, /<span class="dn-line dn-hl"><span class="dn-ln" data-ln="2"><\/span>b<\/span>/);
  });

  it('defers highlighting to the webview, which ends with exactly the HTML of an inline render', () => {
    const source = '```go {linenos=true,hl_lines=[2]}\n/* multi\nline */\nfunc main() {}\n```\n\n```yaml\na: "<b>"\n```\n';
    const deferred = render(source);
    const inline = render(source, { highlighter: highlightCode });
    assert.doesNotMatch(deferred, /hljs-/);
    // What the webview script does for each `code[data-dn-lang]` element.
    const patched = deferred.replace(/<code([^>]*data-dn-lang="([^"]*)"[^>]*)>([\s\S]*?)<\/code>/g, (_m, attrs: string, lang: string, body: string) => {
      const linenos = /data-dn-linenos="([^"]*)"/.exec(attrs)?.[1];
      const hl = /data-dn-hl="([^"]*)"/.exec(attrs)?.[1];
      const html = codeBodyHtml(textOf(body), lang, codeOptionsFromAttributes(linenos, hl), highlightCode);
      return `<code${attrs} data-dn-highlighted="">${html}</code>`;
    });
    assert.equal(patched, inline);
  });
});

describe('send to terminal: the text pasted', () => {
  it('strips prompts and drops output lines of console blocks', () => {
    assert.equal(commandTextForTerminal('$ docker ps\nCONTAINER ID   IMAGE\nabc123         nginx\n$ docker logs abc123\n'), 'docker ps && docker logs abc123');
    assert.equal(commandTextForTerminal('user@host:~/src$ make build\nok\n'), 'make build');
    assert.equal(commandTextForTerminal('$ docker run \\\n    -p 80:80 nginx\nStarting…\n'), 'docker run -p 80:80 nginx');
  });

  it('keeps plain shell blocks, without comments and blank lines, joined so nothing runs', () => {
    assert.equal(commandTextForTerminal('# build it\ndocker build -t app .\n\ndocker run app\n'), 'docker build -t app . && docker run app');
    const text = commandTextForTerminal('docker buildx build \\\n  --platform linux/amd64,linux/arm64 \\\n  -t app .\n');
    assert.equal(text, 'docker buildx build --platform linux/amd64,linux/arm64 -t app .');
    assert.doesNotMatch(text, /\n/);
  });

  it('keeps a heredoc multi-line inside bracketed paste markers', () => {
    // `> ` is the shell's continuation prompt (PS2) in console transcripts.
    const text = commandTextForTerminal("$ cat <<'EOF' > x.txt\n> hello\n> EOF\nsome output\n");
    assert.equal(text, `${BRACKETED_PASTE_START}cat <<'EOF' > x.txt\nhello\nEOF${BRACKETED_PASTE_END}`);
    assert.equal(commandTextForTerminal('cat <<EOF > y\nline\nEOF\n'), `${BRACKETED_PASTE_START}cat <<EOF > y\nline\nEOF${BRACKETED_PASTE_END}`);
  });
});
