import * as assert from 'node:assert/strict';
import { applyEdits, SpellingPass, termKey, type ConfigLayer, type ValidateOptions } from '../../src/core/validate';
import { check } from './validateHelpers';

const NOW = { now: new Date(Date.UTC(2024, 2, 14, 8, 5, 9)), utcOffsetMinutes: 60 };

/** The text after applying fix number `index` (default: the preferred one) of the one `code` problem. */
function fixed(text: string, code: string, opts: { layer?: ConfigLayer; options?: ValidateOptions; index?: number } = {}): string {
  const found = check(text, opts.layer, { ...NOW, ...opts.options }).filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code}: ${JSON.stringify(found)}`);
  const fixes = found[0].fixes;
  const fix = opts.index === undefined ? fixes.find((f) => f.isPreferred) : fixes[opts.index];
  assert.ok(fix, `a fix for ${code}: ${JSON.stringify(fixes.map((f) => f.title))}`);
  return applyEdits(text, fix.edits);
}

function titles(text: string, code: string, layer?: ConfigLayer): string[] {
  return check(text, layer, NOW)
    .filter((d) => d.code === code)
    .flatMap((d) => d.fixes.map((f) => f.title));
}

describe('quick fixes', () => {
  describe('add a missing field', () => {
    it('adds the title from the first heading, first in the block (YAML)', () => {
      const text = '---\ndate: 2024-03-14\ntags: [a]\n---\n\n```\n# not this\n```\n# Port forwarding: the basics\n';
      assert.equal(fixed(text, 'fm/required'), '---\ntitle: "Port forwarding: the basics"\ndate: 2024-03-14\ntags: [a]\n---\n\n```\n# not this\n```\n# Port forwarding: the basics\n');
    });

    it('adds the title from the file name in TOML and JSON', () => {
      const options = { filePath: '/site/content/posts/kubectl-port-forward.md' };
      const t = '+++\ndate = 2024-03-14\n+++\nNo heading.\n';
      assert.equal(fixed(t, 'fm/required', { options }), '+++\ntitle = "Kubectl port forward"\ndate = 2024-03-14\n+++\nNo heading.\n');
      const j = '{\n  "date": "2024-03-14"\n}\n';
      assert.equal(fixed(j, 'fm/required', { options: { filePath: '/site/content/posts/my_bundle/index.md' } }), '{\n  "title": "My bundle",\n  "date": "2024-03-14"\n}\n');
    });

    it('adds a required taxonomy as an empty list, in each syntax (not an empty string)', () => {
      const layer: ConfigLayer = { requiredFields: ['title', 'tags'] };
      assert.equal(fixed('---\ntitle: T\n---\n', 'fm/required', { layer }), '---\ntitle: T\ntags: []\n---\n');
      assert.equal(fixed('+++\ntitle = "T"\n+++\n', 'fm/required', { layer }), '+++\ntitle = "T"\ntags = []\n+++\n');
      assert.equal(fixed('{"title": "T"}\n', 'fm/required', { layer }), '{"title": "T", "tags": []}\n');
      assert.deepEqual(titles('---\ntitle: T\n---\n', 'fm/required', layer), ['Add tags: []']);
    });

    it('adds date = now with the local offset, last in the block, in each syntax', () => {
      const y = '---\ntitle: "T"\ntags:\n  - a\n---\n';
      assert.equal(fixed(y, 'fm/required'), '---\ntitle: "T"\ntags:\n  - a\ndate: 2024-03-14T09:05:09+01:00\n---\n');
      const t = '+++\ntitle = "T"\n\n[params]\nx = 1\n+++\n';
      assert.equal(fixed(t, 'fm/required'), '+++\ntitle = "T"\ndate = 2024-03-14T09:05:09+01:00\n\n[params]\nx = 1\n+++\n');
      const j = '{"title": "T"}\n';
      assert.equal(fixed(j, 'fm/required'), '{"title": "T", "date": "2024-03-14T09:05:09+01:00"}\n');
    });

    it('quotes a new date like the document quotes its dates, and keeps CRLF', () => {
      const y = '---\r\ntitle: T\r\nlastmod: "2024-03-01"\r\n---\r\n';
      assert.equal(fixed(y, 'fm/required'), '---\r\ntitle: T\r\nlastmod: "2024-03-01"\r\ndate: "2024-03-14T09:05:09+01:00"\r\n---\r\n');
    });

    it('adds a configured field with an empty value of its type', () => {
      const y = '---\ntitle: T\ndate: 2024-03-14\n---\n';
      const layer: ConfigLayer = { requiredFields: ['title', 'date', 'difficulty'], fields: { difficulty: { type: 'string', enum: ['easy', 'hard'] } } };
      assert.equal(fixed(y, 'fm/required', { layer }), '---\ntitle: T\ndate: 2024-03-14\ndifficulty: easy\n---\n');
    });

    it('fills an empty JSON object', () => {
      const j = '{\n}\nbody\n';
      const out = fixed(j, 'fm/required', { layer: { requiredFields: ['title'] }, options: { filePath: '/s/content/a.md' } });
      assert.equal(out, '{\n  "title": "A"\n}\nbody\n');
    });
  });

  describe('tags string → list', () => {
    it('writes a YAML block list indented like the other lists, items quoted like them', () => {
      const text = '---\ntitle: T\ndate: 2024-03-14\ntags: "docker, buildkit"\ncategories:\n    - How-to\n---\n';
      assert.equal(fixed(text, 'fm/tags-string'), '---\ntitle: T\ndate: 2024-03-14\ntags:\n    - docker\n    - buildkit\ncategories:\n    - How-to\n---\n');
    });

    it('keeps the string quoting when there is no other list, and CRLF', () => {
      const text = "---\r\ntitle: T\r\ndate: 2024-03-14\r\ntags: 'docker, it''s'\r\n---\r\n";
      assert.equal(fixed(text, 'fm/tags-string'), "---\r\ntitle: T\r\ndate: 2024-03-14\r\ntags:\r\n  - 'docker'\r\n  - 'it''s'\r\n---\r\n");
    });

    it('writes a YAML flow list when the document uses flow lists', () => {
      const text = '---\ntitle: T\ndate: 2024-03-14\ncategories: [Ops]\ntags: docker, on call\n---\n';
      assert.equal(fixed(text, 'fm/tags-string'), '---\ntitle: T\ndate: 2024-03-14\ncategories: [Ops]\ntags: [docker, on call]\n---\n');
    });

    it('writes TOML and JSON arrays, keeping TOML literal quotes', () => {
      const t = "+++\ntitle = 'T'\ndate = 2024-03-14\ntags = 'docker, k8s'\n+++\n";
      assert.equal(fixed(t, 'fm/tags-string'), "+++\ntitle = 'T'\ndate = 2024-03-14\ntags = ['docker', 'k8s']\n+++\n");
      const j = '{"title": "T", "date": "2024-03-14", "tags": "docker kubernetes"}\n';
      assert.equal(fixed(j, 'fm/tags-string'), '{"title": "T", "date": "2024-03-14", "tags": ["docker kubernetes"]}\n');
      assert.equal(fixed(j, 'fm/tags-string', { index: 1 }), '{"title": "T", "date": "2024-03-14", "tags": ["docker", "kubernetes"]}\n');
    });
  });

  describe('tag → the workspace spelling', () => {
    const counter = new SpellingPass<undefined>();
    for (let i = 0; i < 3; i++) counter.addPost(['Kubernetes', 'on call'].map((spelling) => ({ taxonomy: 'tags', spelling, key: termKey(spelling) })), false, () => undefined);
    const options = { termSpellings: counter.provider() };
    it('changes only the term, keeping its quotes', () => {
      const y = '---\ntitle: T\ndate: 2024-03-14\ntags:\n  - kubernetes\n  - "ON CALL"\n---\n';
      const d = check(y, {}, { ...NOW, ...options }).filter((x) => x.code === 'fm/tag-spelling');
      assert.equal(d.length, 2);
      assert.equal(applyEdits(y, d[0].fixes[0].edits), '---\ntitle: T\ndate: 2024-03-14\ntags:\n  - Kubernetes\n  - "ON CALL"\n---\n');
      assert.equal(applyEdits(y, d[1].fixes[0].edits), '---\ntitle: T\ndate: 2024-03-14\ntags:\n  - kubernetes\n  - "on call"\n---\n');
      const t = '+++\ntitle = "T"\ndate = 2024-03-14\ntags = ["kubernetes"]\n+++\n';
      assert.equal(fixed(t, 'fm/tag-spelling', { options }), '+++\ntitle = "T"\ndate = 2024-03-14\ntags = ["Kubernetes"]\n+++\n');
    });
  });

  describe('misspelled key → known key', () => {
    it('renames the key in place, keeping quotes', () => {
      const y = '---\ntitle: T\ndate: 2024-03-14\ncatgories:\n  - How-to\n---\n';
      assert.equal(fixed(y, 'fm/unknown-key'), '---\ntitle: T\ndate: 2024-03-14\ncategories:\n  - How-to\n---\n');
      const j = '{"title": "T", "date": "2024-03-14", "descripton": "x"}\n';
      assert.equal(fixed(j, 'fm/unknown-key'), '{"title": "T", "date": "2024-03-14", "description": "x"}\n');
    });

    it('offers no rename onto a key that is already there', () => {
      const y = '---\ntitle: T\ndate: 2024-03-14\ntags: [a]\ntag: [b]\n---\n';
      assert.deepEqual(titles(y, 'fm/unknown-key'), []);
    });
  });

  describe('date → a form Hugo reads', () => {
    it('rewrites the date inside its quotes in each format', () => {
      const y = '---\ntitle: T\ndate: "14/03/2024"\n---\n';
      assert.equal(fixed(y, 'fm/date-format'), '---\ntitle: T\ndate: "2024-03-14"\n---\n');
      const t = '+++\ntitle = "T"\ndate = "March 14, 2024"\n+++\n';
      assert.equal(fixed(t, 'fm/date-format'), '+++\ntitle = "T"\ndate = "2024-03-14"\n+++\n');
      const j = '{"title": "T", "date": "2024-03-14 10:00"}\n';
      assert.equal(fixed(j, 'fm/date-format'), '{"title": "T", "date": "2024-03-14T10:00:00"}\n');
    });

    it('offers the last day of the month for a day that does not exist, not as the preferred fix', () => {
      const y = '---\ntitle: T\ndate: 2024-02-30\n---\n';
      assert.deepEqual(titles(y, 'fm/date-format'), ['Change to 2024-02-29 (last day of the month)']);
      assert.equal(fixed(y, 'fm/date-format', { index: 0 }), '---\ntitle: T\ndate: 2024-02-29\n---\n');
      const t = '+++\ntitle = "T"\ndate = 2019-02-30T10:00:00Z\n+++\n';
      assert.equal(fixed(t, 'fm/date-format', { index: 0 }), '+++\ntitle = "T"\ndate = 2019-02-28T10:00:00Z\n+++\n');
    });

    it('offers both readings of an ambiguous date', () => {
      const y = '---\ntitle: T\ndate: 03/04/2024\n---\n';
      assert.deepEqual(titles(y, 'fm/date-format'), ['Change to 2024-04-03 (read as day/month)', 'Change to 2024-03-04 (read as month/day)']);
    });
  });

  describe('other fixes', () => {
    it('removes a repeated tag: its line in a block list, `, item` in a flow list', () => {
      const y = '---\ntitle: T\ndate: 2024-03-14\ntags:\n  - docker\n  - go\n  - Docker\n---\n';
      assert.equal(fixed(y, 'fm/duplicate-tag'), '---\ntitle: T\ndate: 2024-03-14\ntags:\n  - docker\n  - go\n---\n');
      const t = '+++\ntitle = "T"\ndate = 2024-03-14\ntags = ["docker", "Docker", "go"]\n+++\n';
      assert.equal(fixed(t, 'fm/duplicate-tag'), '+++\ntitle = "T"\ndate = 2024-03-14\ntags = ["docker", "go"]\n+++\n');
    });

    it('names the first line and removes the right item for every repeat in a long post', () => {
      // Repeats are placed through a table made once per post; each must still find its own list and index.
      const tags = Array.from({ length: 300 }, (_, i) => `  - t${i % 100}`);
      const cats = ['  - Ops', '  - ops', '  - Dev', '  - OPS'];
      const text = `---\ntitle: T\ndate: 2024-03-14\ntags:\n${tags.join('\n')}\ncategories:\n${cats.join('\n')}\n---\n`;
      const lines = text.split('\n');
      const repeats = check(text, {}, NOW).filter((d) => d.code === 'fm/duplicate-tag');
      assert.equal(repeats.length, 200 + 2);
      for (const d of repeats) {
        const line = text.slice(0, d.start).split('\n').length;
        const written = text.slice(d.start, d.end);
        const firstLine = lines.findIndex((l) => l.trim().toLowerCase() === `- ${written.toLowerCase()}`) + 1;
        assert.match(d.message, new RegExp(`\\(line ${firstLine}\\)`), d.message);
        const fix = d.fixes.find((f) => f.isPreferred);
        assert.ok(fix, d.message);
        assert.equal(applyEdits(text, fix.edits), [...lines.slice(0, line - 1), ...lines.slice(line)].join('\n'), d.message);
      }
    });

    it('turns yes/no into booleans', () => {
      const y = '---\ntitle: T\ndate: 2024-03-14\ndraft: yes\n---\n';
      assert.equal(fixed(y, 'fm/type'), '---\ntitle: T\ndate: 2024-03-14\ndraft: true\n---\n');
      const j = '{"title": "T", "date": "2024-03-14", "draft": "off"}\n';
      assert.equal(fixed(j, 'fm/type'), '{"title": "T", "date": "2024-03-14", "draft": false}\n');
    });

    it('changes a value outside an enum to the nearest allowed one', () => {
      const y = '---\ntitle: T\ndate: 2024-03-14\nbuild:\n  list: nevr\n---\n';
      assert.equal(fixed(y, 'fm/enum'), '---\ntitle: T\ndate: 2024-03-14\nbuild:\n  list: never\n---\n');
    });

    it('changes a term outside the allowed list to the nearest allowed term', () => {
      const t = '+++\ntitle = "T"\ndate = 2024-03-14\ntags = ["kubernets"]\n+++\n';
      assert.equal(fixed(t, 'fm/tag-not-allowed', { layer: { allowedTags: { tags: ['kubernetes'] } } }), '+++\ntitle = "T"\ndate = 2024-03-14\ntags = ["kubernetes"]\n+++\n');
    });
  });

  it('edits touch only the bytes that change', () => {
    const y = '---\ntitle: T\ndate: 2024-03-14\ncatgories: [a]\n---\n';
    const d = check(y).find((x) => x.code === 'fm/unknown-key');
    assert.deepEqual(d?.fixes[0].edits, [{ start: y.indexOf('gories'), end: y.indexOf('gories'), newText: 'e' }]);
  });
});
