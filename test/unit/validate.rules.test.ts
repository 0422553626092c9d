import * as assert from 'node:assert/strict';
import { LineIndex } from '../../src/core/text/lineIndex';
import { check, expectNone, expectOne, withCode } from './validateHelpers';

const yaml = (body: string) => `---\ntitle: T\ndate: 2024-03-14\n${body}---\nBody\n`;
const toml = (body: string) => `+++\ntitle = "T"\ndate = 2024-03-14\n${body}+++\nBody\n`;
const json = (members: string) => `{\n  "title": "T",\n  "date": "2024-03-14"${members ? `,\n  ${members}` : ''}\n}\nBody\n`;

describe('front matter rules', () => {
  it('passes clean posts in all three formats', () => {
    for (const text of [yaml('tags:\n  - docker\n'), toml('tags = ["docker"]\n'), json('"tags": ["docker"]')]) {
      assert.deepEqual(check(text), [], text);
    }
  });

  it('ignores documents without front matter', () => {
    assert.deepEqual(check('# Notes\n\ntitle: nope\n'), []);
  });

  describe('fm/syntax', () => {
    it('reports the parser position in YAML, TOML and JSON', () => {
      const y = '---\ntitle: T\ndate: 2024-03-14\nx: [unclosed\n---\n';
      const yd = withCode(check(y), 'fm/syntax');
      assert.ok(yd.length >= 1);
      assert.ok(yd[0].start >= y.indexOf('[') && yd[0].end <= y.lastIndexOf('---'), `inside the block: ${yd[0].start}`);
      assert.match(yd[0].message, /^YAML syntax error: /);

      const t = '+++\ntitle = \n+++\n';
      const td = withCode(check(t), 'fm/syntax');
      assert.deepEqual([td.length, td[0].start], [1, t.indexOf('\n', 4)]);
      assert.match(td[0].message, /^TOML syntax error: /);

      const j = '{\n "title": "T",\n}\n';
      expectOne(j, check(j), 'fm/syntax', '}');
    });

    it('does not guess missing fields when the block does not parse', () => {
      const t = '+++\ntitle = \n+++\n';
      assert.deepEqual(withCode(check(t), 'fm/required'), []);
    });
  });

  describe('fm/unterminated', () => {
    it('points at the opening delimiter', () => {
      const y = '---\ntitle: T\nBody\n';
      expectOne(y, check(y), 'fm/unterminated', '---');
      const t = '+++\ntitle = "T"\nBody\n';
      expectOne(t, check(t), 'fm/unterminated', '+++');
      const j = '{\n "title": "T"\nBody\n';
      expectOne(j, check(j), 'fm/unterminated', '{');
    });
  });

  describe('fm/required', () => {
    it('reports a missing title at the opening delimiter of each format', () => {
      const y = '---\ndate: 2024-03-14\n---\n';
      expectOne(y, check(y), 'fm/required', '---');
      const t = '+++\ndate = 2024-03-14\n+++\n';
      expectOne(t, check(t), 'fm/required', '+++');
      const j = '{ "date": "2024-03-14" }\n';
      const d = expectOne(j, check(j), 'fm/required', '{');
      assert.equal(d.message, 'Missing required field "title"');
    });

    it('reports an empty required field at its value, or at its key when nothing follows it', () => {
      const y = '---\ntitle: ""\ndate: 2024-03-14\n---\n';
      assert.equal(expectOne(y, check(y), 'fm/required', '""').message, 'Required field "title" is empty');
      const y2 = '---\ntitle:\ndate: 2024-03-14\n---\n';
      const d = withCode(check(y2), 'fm/required');
      assert.equal(d.length, 1);
      assert.ok(d[0].start >= y2.indexOf('title') && d[0].end <= y2.indexOf('\ndate'));
      const t = '+++\ntitle = "  "\ndate = 2024-03-14\n+++\n';
      expectOne(t, check(t), 'fm/required', '"  "');
      expectNone(t, check(t), 'fm/empty-value');
    });

    it('finds keys whatever their case, and honours configured fields', () => {
      const y = '---\nTitle: T\nDATE: 2024-03-14\n---\n';
      expectNone(y, check(y), 'fm/required');
      const d = check(y, { requiredFields: ['title', 'author'] });
      assert.equal(expectOne(y, d, 'fm/required', '---').message, 'Missing required field "author"');
      expectNone(y, check(y, { requiredFields: [] }), 'fm/required');
      const marked = check(y, { fields: { author: { type: 'string' } }, alsoRequired: ['author'] });
      expectOne(y, marked, 'fm/required', '---');
    });

    it('does not ask section list pages (_index.md) for a date', () => {
      const y = '---\ntitle: Posts\n---\n';
      expectNone(y, check(y, {}, { filePath: '/site/content/posts/_index.md' }), 'fm/required');
      expectOne(y, check(y, {}, { filePath: '/site/content/posts/a.md' }), 'fm/required', '---');
    });
  });

  describe('fm/type', () => {
    it('flags booleans Hugo would read as false, in each format', () => {
      const y = yaml('draft: yes\n');
      assert.match(expectOne(y, check(y), 'fm/type', 'yes').message, /Hugo reads "yes" as false/);
      const t = toml('draft = "nope"\n');
      expectOne(t, check(t), 'fm/type', '"nope"');
      const j = json('"draft": "yes"');
      expectOne(j, check(j), 'fm/type', '"yes"');
    });

    it('accepts what Hugo converts on its own', () => {
      const y = yaml('draft: "false"\nweight: "10"\nlinkTitle: 2024\nheadless: 1\n');
      expectNone(y, check(y), 'fm/type');
      const t = toml('draft = true\nweight = 3\naliases = ["/old/"]\nsitemap = false\n[params]\nx = 1\n');
      expectNone(t, check(t), 'fm/type');
    });

    it('flags lists, mappings and numbers where Hugo needs something else', () => {
      const y = yaml('description:\n  - a\nweight: 1.5\nparams: text\nresources: [1]\n');
      const d = check(y);
      expectOne(y, d.filter((x) => x.message.includes('"description"')), 'fm/type', '- a');
      assert.match(withCode(d, 'fm/type').find((x) => x.message.includes('weight'))!.message, /reads 1/);
      assert.ok(withCode(d, 'fm/type').some((x) => y.slice(x.start, x.end) === 'text'));
      assert.ok(withCode(d, 'fm/type').some((x) => y.slice(x.start, x.end) === '1' && /mapping/.test(x.message)));
    });

    it('flags a string of several words where Hugo wants a list (aliases, keywords)', () => {
      const j = json('"keywords": "docker buildkit"');
      const d = expectOne(j, check(j), 'fm/type', '"docker buildkit"');
      assert.match(d.message, /"docker" and "buildkit"/);
      const one = json('"aliases": "/old-url/"');
      expectNone(one, check(one), 'fm/type');
    });

    it('checks known keys inside build and sitemap', () => {
      const y = yaml('build:\n  list: sometimes\n  render: always\nsitemap:\n  priority: high\n');
      const d = check(y);
      expectOne(y, d, 'fm/enum', 'sometimes');
      expectOne(y, d, 'fm/type', 'high');
    });
  });

  describe('fm/enum and fm/pattern (configured fields)', () => {
    const layer = { fields: { difficulty: { type: 'string' as const, enum: ['easy', 'medium', 'hard'] }, ticket: { type: 'string' as const, pattern: '^OPS-\\d+$' } } };
    it('fires on values outside the enum or pattern, in each format', () => {
      const y = yaml('difficulty: hardd\nticket: OPS-x\n');
      const d = check(y, layer);
      assert.match(expectOne(y, d, 'fm/enum', 'hardd').message, /use one of "easy", "medium", "hard"/);
      expectOne(y, d, 'fm/pattern', 'OPS-x');
      const t = toml('difficulty = "Easy"\n');
      expectOne(t, check(t, layer), 'fm/enum', '"Easy"');
      const j = json('"ticket": "ops-1"');
      expectOne(j, check(j, layer), 'fm/pattern', '"ops-1"');
    });

    it('stays quiet on allowed values', () => {
      const y = yaml('difficulty: easy\nticket: OPS-12\n');
      assert.deepEqual(check(y, layer), []);
    });
  });

  describe('fm/duplicate-key', () => {
    it('flags the second of two equal keys (YAML, JSON)', () => {
      const y = '---\ntitle: a\ndate: 2024-03-14\ntitle: b\n---\n';
      assert.match(expectOne(y, check(y), 'fm/duplicate-key', 'title', 2).message, /first set on line 2/);
      const j = '{"title": "a", "date": "2024-03-14", "title": "b"}\n';
      expectOne(j, check(j), 'fm/duplicate-key', '"title"', 2);
    });

    it('flags keys that differ only in case, in every format, on the spelling Hugo drops', () => {
      // common/maps/params.go PrepareParams: a key with capitals is stored again lowercased,
      // overwriting the lowercase one in either order (Hugo 0.111.3: `Tags: [a]` beside `tags: [b]` gives a).
      const y = '---\ntitle: a\ndate: 2024-03-14\nTitle: b\n---\n';
      assert.match(expectOne(y, check(y), 'fm/duplicate-key', 'title').message, /Key "title" is ignored: Hugo lowercases keys, and "Title" \(line 4\) overwrites it/);
      const t = '+++\nTitle = "a"\ndate = 2024-03-14\ntitle = "b"\n+++\n';
      assert.match(expectOne(t, check(t), 'fm/duplicate-key', 'title').message, /"Title" \(line 2\) overwrites it/);
      const j = '{"title": "a", "date": "2024-03-14", "TITLE": "b"}\n';
      expectOne(j, check(j), 'fm/duplicate-key', '"title"');
    });

    it('does not treat TOML tables that extend each other as duplicates', () => {
      const t = toml('[params]\na = 1\n[params.sub]\nb = 2\n[[resources]]\nsrc = "a.png"\n[[resources]]\nsrc = "b.png"\n');
      expectNone(t, check(t), 'fm/duplicate-key');
    });
  });

  describe('fm/unknown-key', () => {
    it('suggests the known key for a misspelling, in each format', () => {
      const y = yaml('catgories:\n  - How-to\n');
      assert.equal(expectOne(y, check(y), 'fm/unknown-key', 'catgories').message, 'Unknown key "catgories": did you mean "categories"?');
      const t = toml('descripton = "x"\n');
      assert.match(expectOne(t, check(t), 'fm/unknown-key', 'descripton').message, /"description"/);
      const j = json('"publishdat": "2024-03-15"');
      assert.match(expectOne(j, check(j), 'fm/unknown-key', '"publishdat"').message, /"publishDate"/);
    });

    it('knows words people use for Hugo fields', () => {
      const y = yaml('tag:\n  - docker\n');
      assert.match(expectOne(y, check(y), 'fm/unknown-key', 'tag').message, /"tags"/);
    });

    it('leaves custom page params alone unless asked to flag every unknown key', () => {
      const y = yaml('mood: sunny\ntoc: true\nauthor: me\nseries: [a]\n');
      expectNone(y, check(y), 'fm/unknown-key');
      const strict = check(y, { unknownKeys: 'all' });
      assert.match(expectOne(y, strict, 'fm/unknown-key', 'mood').message, /Hugo keeps it as a page parameter/);
    });

    it('knows configured fields and taxonomies', () => {
      const y = yaml('serie:\n  - a\n');
      expectNone(y, check(y, { fields: { serie: { type: 'string-list' } } }), 'fm/unknown-key');
      const z = yaml('topicz: [a]\n');
      assert.match(expectOne(z, check(z, { taxonomies: ['topics'] }), 'fm/unknown-key', 'topicz').message, /"topics"/);
    });
  });

  describe('fm/empty-value', () => {
    it('flags empty values and empty list items, in each format', () => {
      const y = yaml('description: ""\nkeywords:\n  - a\n  - ""\n');
      const d = withCode(check(y), 'fm/empty-value');
      assert.deepEqual(
        d.map((x) => y.slice(x.start, x.end)),
        ['""', '""'],
      );
      const t = toml('summary = ""\n');
      expectOne(t, check(t), 'fm/empty-value', '""');
      const j = json('"description": null');
      expectOne(j, check(j), 'fm/empty-value', 'null');
    });

    it('reports `key:` with nothing after it on that key', () => {
      const y = yaml('description:\n');
      const d = withCode(check(y), 'fm/empty-value');
      assert.equal(d.length, 1);
      assert.ok(d[0].start >= y.indexOf('description') && d[0].end <= y.indexOf('description') + 'description:'.length);
    });

    it('does not flag values that say something, or empty lists', () => {
      const y = yaml('description: "x"\ntags: []\nweight: 0\ndraft: false\n');
      expectNone(y, check(y), 'fm/empty-value');
    });
  });

  describe('severities', () => {
    it('turns rules off and changes their level', () => {
      const y = yaml('catgories: [a]\n');
      assert.deepEqual(check(y, { severity: { 'fm/unknown-key': 'off' } }), []);
      assert.equal(check(y, { severity: { 'fm/unknown-key': 'error' } })[0].severity, 'error');
      assert.equal(check(y)[0].severity, 'warning');
    });
  });

  it('reports positions that map to the right lines and columns in CRLF files', () => {
    const text = '---\r\ntitle: T\r\ndate: 2024-03-14\r\ncatgories: [a]\r\n---\r\n';
    const d = check(text);
    const lines = new LineIndex(text);
    assert.deepEqual(lines.rangeOf(d[0].start, d[0].end), { start: { line: 3, character: 0 }, end: { line: 3, character: 9 } });
  });
});
