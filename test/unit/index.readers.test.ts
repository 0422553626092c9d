import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { keptFields, parseFrontMatter } from '../../src/core/frontmatter';
import { frontMatterHead, locateFrontMatter } from '../../src/core/frontmatter/locate';
import { parseTomlFrontMatter } from '../../src/core/frontmatter/toml';
import { readTomlSubset } from '../../src/core/frontmatter/tomlSubset';
import { parseYamlFrontMatter } from '../../src/core/frontmatter/yaml';
import { readYamlSubset } from '../../src/core/frontmatter/yamlSubset';
import { PostReader } from '../../src/core/index';
import { MemoryFileSystem } from './indexHelpers';
import { postDataFrom, wantedKeys } from '../../src/core/index/postData';
import { applyMutation, generatedPost, mutation } from '../properties/generators';

const TAXONOMIES = ['tags', 'categories', 'series'];
const WANTED = wantedKeys(TAXONOMIES);
const RUNS = Number(process.env.DEVOPS_NOTES_PROP_RUNS) || 300;

/** The wanted fields as the full parser reads them (the reference for the index). */
function viaParser(text: string): { raw: Map<string, unknown>; errors: string[] } {
  const p = parseFrontMatter(text);
  const raw = new Map<string, unknown>();
  // The value Hugo keeps when a key is written twice (`Tags` over `tags`, else the last).
  for (const [k, f] of keptFields(p.fields)) if (WANTED.has(k)) raw.set(k, f.value.value);
  return { raw, errors: p.errors.map((e) => e.message) };
}

/** The post the index makes of a text, as the full parser's fields give it. */
function expectedPost(text: string) {
  const p = parseFrontMatter(text);
  return postDataFrom('/p.md', p.format, viaParser(text).raw, TAXONOMIES, (t) => t, p.errors[0]?.message);
}

/** How many blocks the subset readers accepted (a property that never exercises them proves nothing). */
let accepted = 0;

/**
 * Whenever the YAML or TOML subset reader accepts a document's block, it must give the full
 * parser's fields, and that parser must find no error.
 */
function assertSubsetAgrees(text: string): void {
  const at = locateFrontMatter(text);
  if (at.kind !== 'closed' || at.format === 'json') return;
  const content = text.slice(at.contentStart, at.contentEnd);
  const read = at.format === 'yaml' ? readYamlSubset : readTomlSubset;
  const fields = read(content, at.contentStart);
  if (fields === undefined) return;
  accepted++;
  const full = at.format === 'yaml' ? parseYamlFrontMatter(content, at.contentStart) : parseTomlFrontMatter(content, at.contentStart);
  assert.deepStrictEqual({ fields, errors: [] }, full, `block: ${JSON.stringify(text)}`);
}

// ---- generators of front matter close to (and just outside) the subset readers' subsets -------

const WORDS = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._/+-]{0,10}$/);
const PIECES = fc.constantFrom(
  ':', ': ', ' #', '#', "'", '"', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '-', '- ', '?', '%', '@', '`', '\\', '\\"',
  'true', 'False', 'null', '~', '1', '1.10', '0x1f', '.inf', '2024-01-15', '12:30:00', 'é', '🐳', ' ', '  ', 'C#', 'node.js',
);
const scalarText = fc.array(fc.oneof(WORDS, PIECES), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
const yamlScalar = fc.oneof(
  { weight: 3, arbitrary: scalarText },
  { weight: 2, arbitrary: scalarText.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`) },
  { weight: 2, arbitrary: scalarText.map((s) => `'${s.replace(/'/g, "''")}'`) },
  { weight: 1, arbitrary: scalarText.map((s) => `"${s}"`) },
  { weight: 1, arbitrary: scalarText.map((s) => `'${s}'`) },
);
const comment = fc.constantFrom('', '', '', ' # note', '  #x', '#tight');
const yamlKey = fc.constantFrom('title', 'Title', 'TAGS', 'tags', 'categories', 'Series', 'date', 'draft', 'description', 'summary', 'params', 'weight', 'cover', 'aliases', 'lastmod');
const indent = fc.constantFrom('', '  ', '    ', ' ');

const yamlEntry: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(yamlKey, yamlScalar, comment).map(([k, v, c]) => `${k}: ${v}${c}`),
  fc.tuple(yamlKey, fc.array(yamlScalar, { maxLength: 4 }), fc.boolean(), comment).map(([k, items, trailing, c]) => `${k}: [${items.join(', ')}${trailing ? ',' : ''}]${c}`),
  fc.tuple(yamlKey, indent, fc.array(fc.tuple(yamlScalar, comment), { minLength: 1, maxLength: 4 })).map(([k, ind, items]) => `${k}:\n${items.map(([v, c]) => `${ind}- ${v}${c}`).join('\n')}`),
  fc.tuple(yamlKey, indent, fc.array(fc.tuple(fc.constantFrom('a', 'b', 'cover', 'image'), yamlScalar), { minLength: 1, maxLength: 3 })).map(
    ([k, ind, kv]) => `${k}:\n${kv.map(([sk, v]) => `${ind || '  '}${sk}: ${v}`).join('\n')}`,
  ),
  fc.tuple(yamlKey, fc.constantFrom('|', '>', '|-', '>+', '|2'), fc.array(fc.tuple(indent, scalarText), { maxLength: 3 })).map(([k, h, lines]) => `${k}: ${h}\n${lines.map(([i, t]) => `${i}${t}`).join('\n')}`),
  fc.tuple(yamlKey, fc.array(fc.tuple(fc.constantFrom('name', 'src'), yamlScalar), { minLength: 1, maxLength: 2 })).map(([k, kv]) => `${k}:\n  - ${kv.map(([a, b]) => `${a}: ${b}`).join('\n    ')}`),
  fc.constantFrom('# a comment', '', '   ', '...', '--- x', '? complex', '<<: *base', 'key with space: x', '"quoted": y', '  indented: z', '- stray'),
);
const yamlDoc = fc.tuple(fc.array(yamlEntry, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([entries, eol]) => `---\n${entries.join('\n')}\n---\nbody`.replace(/\n/g, eol));

const tomlString = fc.oneof(
  scalarText.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`),
  scalarText.filter((s) => !s.includes("'")).map((s) => `'${s}'`),
  scalarText.map((s) => `"${s}"`),
  scalarText.map((s) => `'${s}'`),
);
const tomlValue = fc.oneof(
  { weight: 4, arbitrary: tomlString },
  {
    weight: 1,
    arbitrary: fc.constantFrom('true', 'false', '42', '-0', '1_000', '3.14', '1e6', 'inf', '0x1F', '007', '2024-01-15', '2024-02-30', '2023-10-15T13:18:50-07:00', '2023-10-15 13:18:50', '2023-10-15T13:18', '13:18:50', 'bare'),
  },
);
const tomlArray = fc.tuple(fc.array(tomlValue, { maxLength: 4 }), fc.boolean(), fc.boolean()).map(([items, multiline, trailing]) =>
  multiline ? `[\n  ${items.join(',\n  ')}${trailing ? ',' : ''} # end\n]` : `[${items.join(', ')}${trailing ? ',' : ''}]`,
);
const tomlKey = fc.constantFrom('title', 'Title', 'tags', 'TAGS', 'categories', 'series', 'date', 'draft', 'description', 'weight', 'author', 'toc');
const tomlLine: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(tomlKey, tomlValue, comment).map(([k, v, c]) => `${k} = ${v}${c}`),
  fc.tuple(tomlKey, tomlArray).map(([k, v]) => `${k} = ${v}`),
  fc.constantFrom('[params]', '[params.social]', '[[menu]]', '[tags]', '# comment', '', 'a.b = 1', '"quoted" = 2', 'x = { y = 1 }', 's = """multi"""'),
);
const tomlDoc = fc.tuple(fc.array(tomlLine, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => `+++\n${lines.join('\n')}\n+++\nbody`.replace(/\n/g, eol));

describe('the index reads front matter with the parser', () => {
  it('reads the common shapes', () => {
    const reader = new PostReader(TAXONOMIES);
    const yaml = [
      '---',
      'title: "GitLab: Move downstream — \\"cluster\\" edition"',
      'date: 2020-04-18T15:30:43+02:00',
      "description: 'Notes on run''s state'",
      'draft: false',
      'tags: [GitLab, consul-security, Platform Engineering, "c#"]',
      'categories:',
      '  - "Security"',
      'weight: 48',
      'params:',
      '  cover: /images/cover.png',
      'resources:',
      '  - src: a.png',
      '    title: x',
      'notes: |',
      '  Line one.',
      '',
      '  Line two: with colon.',
      '---',
      '',
    ].join('\n');
    const post = reader.fromText('/p.md', yaml);
    assert.deepEqual(
      { title: post.title, date: post.date, description: post.description, draft: post.draft, terms: post.terms, problem: post.problem },
      {
        title: 'GitLab: Move downstream — "cluster" edition',
        date: '2020-04-18T15:30:43+02:00',
        description: "Notes on run's state",
        draft: false,
        terms: [['GitLab', 'consul-security', 'Platform Engineering', 'c#'], ['Security'], []],
        problem: undefined,
      },
    );
    assert.deepEqual(post, expectedPost(yaml));
    const toml = '+++\ntitle = "BuildKit: Provider"\ndate = 2020-07-14\ndraft = false\ntags = ["BuildKit", "cd-operators"]\ncategories = [\n  "CI/CD", # why\n  "Cloud",\n]\ntoc = false\n[params]\nauthor = "Sam Roe"\n+++\nbody';
    const tomlPost = reader.fromText('/p.md', toml);
    assert.deepEqual(
      { title: tomlPost.title, date: tomlPost.date, draft: tomlPost.draft, terms: tomlPost.terms, problem: tomlPost.problem },
      { title: 'BuildKit: Provider', date: '2020-07-14', draft: false, terms: [['BuildKit', 'cd-operators'], ['CI/CD', 'Cloud'], []], problem: undefined },
    );
    assert.ok(readTomlSubset(toml.slice(4, toml.indexOf('+++\nbody')), 4), 'the TOML subset reader takes a typical block');
    assert.deepEqual(tomlPost, expectedPost(toml));
  });

  it('reads what the subset readers leave to the full parsers (anchors, multi-line strings, numbers as terms)', () => {
    const reader = new PostReader(TAXONOMIES);
    for (const text of [
      '---\ntags: &t [a]\n---\n',
      '---\ntitle: "two\n  lines"\n---\n',
      '---\ntags: [1.10]\n---\n',
      '---\ntitle: a: b\n---\n',
      '---\n\ttitle: x\n---\n',
      '+++\ntitle = """x"""\n+++\n',
      '+++\ndate = 2019-02-30\n+++\n',
      '+++\ntitle = "a"\ntitle = "b"\n+++\n',
    ]) {
      assert.deepEqual(reader.fromText('/p.md', text), expectedPost(text), JSON.stringify(text));
    }
  });

  it('YAML: the subset reader agrees with the yaml package whenever it accepts (generated blocks)', () => {
    accepted = 0;
    fc.assert(fc.property(yamlDoc, (text) => assertSubsetAgrees(text)), { numRuns: RUNS * 3 });
    assert.ok(accepted > RUNS / 10, `the subset reader took only ${accepted} of ${RUNS * 3} blocks`);
  });

  it('YAML and TOML: the subset readers agree with the full parsers on mutated blocks', () => {
    const mutated = fc.tuple(fc.oneof(yamlDoc, tomlDoc), fc.array(mutation, { maxLength: 3 })).map(([t, ms]) => ms.reduce(applyMutation, t));
    fc.assert(fc.property(mutated, (text) => assertSubsetAgrees(text)), { numRuns: RUNS * 3 });
  });

  it('TOML: the subset reader agrees with toml-eslint-parser whenever it accepts (generated blocks)', () => {
    accepted = 0;
    fc.assert(fc.property(tomlDoc, (text) => assertSubsetAgrees(text)), { numRuns: RUNS * 3 });
    assert.ok(accepted > RUNS / 10, `the subset reader took only ${accepted} of ${RUNS * 3} blocks`);
  });

  it('PostReader gives the post the parser\'s fields make, problem included', () => {
    const reader = new PostReader(TAXONOMIES);
    const post = fc.oneof(yamlDoc, tomlDoc, generatedPost().map((p) => p.text));
    fc.assert(
      fc.property(post, (text) => {
        assert.deepEqual(reader.fromText('/p.md', text), expectedPost(text));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('PostReader.read', () => {
  it('reads a file (decoding only its front matter) exactly as the same text in an editor', async () => {
    const reader = new PostReader(TAXONOMIES);
    const docs = fc.oneof(yamlDoc, tomlDoc, generatedPost().map((p) => p.text), fc.string({ maxLength: 60 }));
    await fc.assert(
      fc.asyncProperty(docs, fc.constantFrom(0, 3, 40, 5000), async (text, bodyRepeat) => {
        const whole = text + 'x'.repeat(bodyRepeat);
        // Lone surrogates cannot be written as UTF-8: the file would hold U+FFFD instead.
        if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(whole)) return;
        const fs = new MemoryFileSystem().writeFile('/w/p.md', whole);
        const outcome = await reader.read(fs, '/w/p.md');
        // A NUL byte in what the reader reads marks a binary file, skipped by design; nothing
        // else may be skipped.
        if ('skipped' in outcome) {
          assert.ok(whole.includes('\u0000') && /binary/.test(outcome.skipped), `unexpected skip: ${outcome.skipped}`);
          return;
        }
        assert.deepEqual(outcome.post, reader.fromText('/w/p.md', whole));
      }),
      { numRuns: RUNS },
    );
  });

  it('finds where a delimited block ends in the bytes, and its text', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    const head = (s: string) => {
      const found = frontMatterHead(bytes(s));
      return found && [found.text, found.byteLength];
    };
    assert.deepEqual(head('---\ntitle: é\n---\nbody'), ['---\ntitle: é\n---\n', '---\ntitle: é\n---\n'.length + 1]);
    assert.deepEqual(head('\ufeff+++ \r\nx = 1\r\n+++\r\n'), ['\ufeff+++ \r\nx = 1\r\n+++\r\n', 3 + '+++ \r\nx = 1\r\n+++\r\n'.length]);
    assert.deepEqual(head('# note\nmore'), ['# note\n', '# note\n'.length]);
    assert.equal(head('---\ntitle: x\n----\n'), undefined, 'not closed by ----');
    assert.deepEqual(head('---\na: |\n----\n---x\n---\nbody'), ['---\na: |\n----\n---x\n---\n', 23], 'closed after lines that only start like a delimiter');
    assert.equal(head('{"title": "x"}\n'), undefined, 'JSON is left to the text');
    // Longer than the first decoded prefix, with a character cut by it.
    const long = `---\ntitle: ${'x'.repeat(1020)}é€😀\n---\n`;
    assert.deepEqual(head(`${long}body`), [long, new TextEncoder().encode(long).length]);
  });

  it('gives the text that decoding its bytes alone gives', () => {
    const encoder = new TextEncoder();
    const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    const anyPost = fc.oneof(yamlDoc, tomlDoc, generatedPost().map((p) => p.text), fc.string({ unit: 'binary', maxLength: 60 }));
    fc.assert(
      fc.property(anyPost, fc.string({ unit: 'binary', maxLength: 20 }), (post, body) => {
        const bytes = encoder.encode(post + body);
        const found = frontMatterHead(bytes);
        if (!found) return;
        assert.equal(found.text, decoder.decode(bytes.subarray(0, found.byteLength)));
        assert.ok(found.byteLength === bytes.length || bytes[found.byteLength - 1] === 0x0a, 'ends after a line break');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('locateFrontMatter', () => {
  const anyDoc = fc.oneof(yamlDoc, tomlDoc, generatedPost().map((p) => p.text), fc.string({ maxLength: 40 }));

  it('is where parseFrontMatter finds the block', () => {
    fc.assert(
      fc.property(anyDoc, (text) => {
        const at = locateFrontMatter(text, true);
        const p = parseFrontMatter(text);
        if (/\r(?!\n)/.test(text)) return; // parseFrontMatter reads lone `\r` as `\n` first
        if (at.kind === 'none') assert.deepEqual([p.format, p.bodyStart, p.hasBom], [null, at.bodyStart, at.hasBom]);
        else if (at.kind === 'unterminated' || at.kind === 'badDelimiter') assert.deepEqual([p.terminated, p.format, p.blockStart], [false, at.format, at.blockStart]);
        else if (at.kind === 'closed') {
          const place = { format: p.format, hasBom: p.hasBom, blockStart: p.blockStart, contentStart: p.contentStart, contentEnd: p.contentEnd, blockEnd: p.blockEnd };
          assert.deepEqual(place, { format: at.format, hasBom: at.hasBom, blockStart: at.blockStart, contentStart: at.contentStart, contentEnd: at.contentEnd, blockEnd: at.blockEnd });
          assert.equal(p.bodyStart, at.blockEnd);
        } else assert.fail('a complete text never needs more');
      }),
      { numRuns: RUNS },
    );
  });

  it('on a prefix, either asks for more or answers as on the whole text', () => {
    fc.assert(
      fc.property(anyDoc, fc.nat(), (text, cut) => {
        const prefix = text.slice(0, cut % (text.length + 1));
        const partial = locateFrontMatter(prefix, prefix.length === text.length);
        if (partial.kind === 'needMore') return;
        assert.deepEqual(partial, locateFrontMatter(text, true), JSON.stringify(prefix));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
