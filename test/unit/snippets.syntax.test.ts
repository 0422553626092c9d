import * as assert from 'node:assert/strict';
import { escapeSnippetText, expandSnippet, parseSnippet } from '../../src/core/snippets/snippetSyntax';

describe('snippet syntax reader', () => {
  it('reads tabstops, nested placeholders, choices and variables', () => {
    const { nodes, errors } = parseSnippet('a $1 ${2} ${3:x ${4:y}} ${5|one,two|} $TM_FILENAME ${CLIPBOARD:none}$0');
    assert.deepEqual(errors, []);
    const kinds = nodes.filter((n) => n.kind !== 'text').map((n) => n.kind);
    assert.deepEqual(kinds, ['tabstop', 'tabstop', 'tabstop', 'choice', 'variable', 'variable', 'tabstop']);
    const nested = nodes.find((n) => n.kind === 'tabstop' && n.index === 3);
    assert.ok(nested && nested.kind === 'tabstop' && nested.children.some((c) => c.kind === 'tabstop' && c.index === 4));
  });

  it('keeps a literal $ before characters that start no construct, as VS Code does', () => {
    assert.deepEqual(parseSnippet('echo $(date) costs 5$ and $$').errors, []);
    assert.equal(expandSnippet('echo $(date)'), 'echo $(date)');
  });

  it('honours the escapes \\$ \\} \\\\ and keeps other backslashes (line continuations)', () => {
    assert.equal(expandSnippet('a \\$HOME \\} \\\\ b \\\nc'), 'a $HOME } \\ b \\\nc');
  });

  it('reports an unknown variable: a shell $VAR that VS Code would turn into a placeholder', () => {
    const { errors } = parseSnippet('docker run -v $PWD:/src');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /unknown variable \$PWD/);
    assert.match(parseSnippet('${IMAGE}').errors[0].message, /unknown variable \$IMAGE/);
  });

  it('reports unclosed placeholders, malformed choices and a bare ${', () => {
    assert.match(parseSnippet('${1:abc').errors[0].message, /not closed/);
    assert.match(parseSnippet('${1|a,b}').errors[0].message, /choice/);
    assert.match(parseSnippet('${1|a,,b|}').errors[0].message, /empty option/);
    assert.match(parseSnippet('${ nope }').errors[0].message, /must start/);
    assert.match(parseSnippet('${1 x}').errors[0].message, /malformed tabstop/);
  });

  it('reports two different defaults for one tab stop', () => {
    assert.match(parseSnippet('${1:a} ${1:b}').errors[0].message, /two different defaults/);
    assert.deepEqual(parseSnippet('${1:a} $1 ${1:a}').errors, []);
  });

  it('reads escaped commas and pipes in choices', () => {
    const { nodes, errors } = parseSnippet('${1|HIGH\\,CRITICAL,a\\|b|}');
    assert.deepEqual(errors, []);
    assert.deepEqual(nodes[0], { kind: 'choice', index: 1, options: ['HIGH,CRITICAL', 'a|b'] });
  });

  it('checks that a transform regex compiles', () => {
    assert.deepEqual(parseSnippet('${TM_FILENAME/(.*)\\..+$/$1/}').errors, []);
    assert.match(parseSnippet('${TM_FILENAME/(/x/}').errors[0].message, /regex is invalid/);
  });

  it('expands defaults: placeholder text, mirrors, first choice, resolved variables', () => {
    const text = expandSnippet('${1:img} ${2|max,min|} $1 ${CURRENT_YEAR}-${UUID:u} ${3:a ${4:b}} $4$0', (name) =>
      name === 'CURRENT_YEAR' ? '2024' : undefined,
    );
    assert.equal(text, 'img max img 2024-u a b b');
  });

  it('applies a transform when expanding', () => {
    assert.equal(expandSnippet('${TM_FILENAME/(.*)\\.md$/${1:/upcase}/}', () => 'post.md'), 'POST');
  });

  it('escapes literal text so it round-trips through the reader', () => {
    const literal = 'echo "${HOME}" $1 } \\ done';
    const escaped = escapeSnippetText(literal);
    assert.deepEqual(parseSnippet(escaped).errors, []);
    assert.equal(expandSnippet(escaped), literal);
  });
});
