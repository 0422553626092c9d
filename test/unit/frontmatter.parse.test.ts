import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { LineIndex } from '../../src/core/text/lineIndex';

/** The source text a field's value spans. */
function valueText(text: string, key: string): string {
  const f = parseFrontMatter(text).fields.find((x) => x.key === key);
  assert.ok(f, `field ${key} present`);
  return text.slice(f.value.start, f.value.end);
}

describe('parseFrontMatter', () => {
  it('reads YAML with key and value offsets and finds the body', () => {
    const text = '---\ntitle: "Hello"\ntags:\n  - Docker\n  - k8s\n---\n# Body\n';
    const p = parseFrontMatter(text);
    assert.equal(p.format, 'yaml');
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.data, { title: 'Hello', tags: ['Docker', 'k8s'] });
    const title = p.fields[0];
    assert.equal(text.slice(title.keyStart, title.keyEnd), 'title');
    assert.equal(valueText(text, 'title'), '"Hello"');
    const tags = p.fields[1].value.items ?? [];
    assert.deepEqual(tags.map((t) => text.slice(t.start, t.end)), ['Docker', 'k8s']);
    assert.equal(text.slice(p.bodyStart), '# Body\n');
  });

  it('gives each post without fields its own empty list', () => {
    // Empty lists are made specially (see noFields in parse.ts); each parse must still own its list.
    const texts = ['---\n---\nbody\n', '---\n- a list\n---\n', '{ "a": \n', '---\ntitle: x\n', '# no front matter\n', '+++\n+++\n'];
    const lists = texts.map((t) => parseFrontMatter(t).fields);
    for (const [i, fields] of lists.entries()) assert.deepStrictEqual(fields, [], texts[i]);
    assert.equal(new Set(lists).size, lists.length);
    lists[0].push({ key: 'k', keyStart: 0, keyEnd: 1, value: { kind: 'scalar', value: 'v', start: 3, end: 4 } });
    assert.equal(parseFrontMatter(texts[0]).fields.length, 0);
  });

  it('reads TOML between +++ lines, keeping dates as written and merging tables', () => {
    const text = '+++\ntitle = "T"\ndate = 2023-10-15T13:18:50-07:00\ntags = ["a", "B"]\n[params]\nauthor = "me"\n+++\nbody';
    const p = parseFrontMatter(text);
    assert.equal(p.format, 'toml');
    assert.deepEqual(p.errors, []);
    assert.equal(p.data.date, '2023-10-15T13:18:50-07:00');
    assert.deepEqual(p.data.params, { author: 'me' });
    assert.equal(p.fields.find((f) => f.key === 'date')?.value.scalarType, 'date');
    assert.equal(valueText(text, 'tags'), '["a", "B"]');
    assert.equal(text.slice(p.bodyStart), 'body');
  });

  it('reads a bare JSON object and starts the body after its closing brace', () => {
    const text = '{\n  "title": "J",\n  "tags": ["x", "y"]\n}\n\nbody {not json}';
    const p = parseFrontMatter(text);
    assert.equal(p.format, 'json');
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.data.tags, ['x', 'y']);
    assert.equal(valueText(text, 'title'), '"J"');
    assert.equal(text.slice(p.bodyStart), '\nbody {not json}');
  });

  it('tolerates a BOM and CRLF line endings', () => {
    const text = '\ufeff---\r\ntitle: CRLF\r\n---\r\nbody\r\n';
    const p = parseFrontMatter(text);
    assert.equal(p.hasBom, true);
    assert.equal(p.data.title, 'CRLF');
    assert.equal(text.slice(p.bodyStart), 'body\r\n');
    const lines = new LineIndex(text);
    const f = p.fields[0];
    assert.deepEqual(lines.rangeOf(f.value.start, f.value.end), { start: { line: 1, character: 7 }, end: { line: 1, character: 11 } });
  });

  it('reports an unterminated block at its opening delimiter', () => {
    const p = parseFrontMatter('---\ntitle: x\nbody text\n');
    assert.equal(p.terminated, false);
    assert.equal(p.errors[0].code, 'unterminated');
    assert.deepEqual([p.errors[0].start, p.errors[0].end], [0, 3]);
  });

  it('reports syntax errors at their position in each format', () => {
    const yaml = '---\ntitle: ok\nx: [unclosed\n---\n';
    const y = parseFrontMatter(yaml).errors[0];
    assert.equal(y.code, 'syntax');
    assert.ok(y.start >= yaml.indexOf('[') && y.end <= yaml.lastIndexOf('---'), `yaml error inside the block: ${y.start}`);
    const toml = '+++\ntitle = \n+++\n';
    const t = parseFrontMatter(toml).errors[0];
    assert.equal(t.start, toml.indexOf('\n', 4));
    const json = '{\n "a": 1,\n}\n';
    const j = parseFrontMatter(json).errors;
    assert.equal(j.length, 1);
    assert.equal(j[0].start, json.lastIndexOf('}'));
  });

  it('keeps duplicate keys as separate fields', () => {
    const p = parseFrontMatter('---\ntitle: a\nTitle: b\ntitle: c\n---\n');
    assert.deepEqual(p.fields.map((f) => f.key), ['title', 'Title', 'title']);
    assert.equal(p.data.title, 'c');
  });

  it('does not expand an alias bomb', () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) {
      rows.push(`${name}: &${name} [${Array(9).fill('*' + prev).join(',')}]`);
    }
    const p = parseFrontMatter(`---\n${rows.join('\n')}\n---\n`);
    assert.ok(p.errors.some((e) => /alias/i.test(e.message)));
  });

  it('finds no front matter in a plain note, and says so', () => {
    const p = parseFrontMatter('# Just notes\n\n---\n');
    assert.equal(p.format, null);
    assert.equal(p.bodyStart, 0);
  });

  // Hugo's lexer opens the block after the three characters, whatever follows on the line, and
  // wants two more of a first - or + (parser/pageparser/pagelexer_intro.go, lexIntroSection and
  // lexFrontMatterSection). Hugo 0.111.3: "invalid YAML delimiter", "invalid TOML delimiter",
  // "EOF looking for end YAML front matter delimiter".
  it('reads a --- line with text after it as Hugo does: the opening, the rest its first line', () => {
    const p = parseFrontMatter('--- # a note\ntitle: a\n---\nbody');
    assert.equal(p.format, 'yaml');
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.data, { title: 'a' });
    const unclosed = parseFrontMatter('----\n\nSome text\n');
    assert.equal(unclosed.terminated, false);
    assert.match(unclosed.errors[0].message, /Hugo stops the build \("EOF looking for end YAML front matter delimiter"\)/);
  });

  it('reports a first line starting with - or + that is no delimiter: Hugo fails the build', () => {
    for (const [text, name, dashes] of [
      ['- item one\n- item two\n', 'YAML', '-'],
      ['\n  -- draft\n', 'YAML', '--'],
      ['+ added\n', 'TOML', '+'],
    ] as const) {
      const p = parseFrontMatter(text);
      assert.equal(p.errors.length, 1, text);
      assert.equal(p.errors[0].code, 'syntax');
      assert.match(p.errors[0].message, new RegExp(`starts with "${dashes.replace(/\+/g, '\\+')}".*\\("invalid ${name} delimiter"\\)`), text);
      assert.equal(text.slice(p.errors[0].start, p.errors[0].end), dashes);
    }
    // Text before the list: no front matter, no problem.
    assert.equal(parseFrontMatter('Intro\n- item\n').format, null);
  });

  it('ends lines at a lone CR, as Hugo does (pagelexer.go, isEndOfLine), at the same offsets', () => {
    const text = '---\rtitle: CR\rdate: 2024-01-02\r---\rbody\r';
    const p = parseFrontMatter(text);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.data, { title: 'CR', date: '2024-01-02' });
    assert.equal(text.slice(p.fields[0].value.start, p.fields[0].value.end), 'CR');
    assert.equal(text.slice(p.bodyStart), 'body\r');
  });
});
