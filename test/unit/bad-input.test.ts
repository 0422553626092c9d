import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFrontMatter, type ParsedFrontMatter } from '../../src/core/frontmatter';
import { decodeUtf8, looksBinary } from '../../src/core/fs';
import { DEFAULT_TAXONOMIES, PostIndex, indexFiles } from '../../src/core/index';
import { PostRenderer } from '../../src/core/render';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { unsafeHtmlProblems } from '../properties/htmlSafety';
import { assertParsedWithinBounds } from '../properties/invariants';

const BAD = join(__dirname, '..', 'fixtures', 'bad');
const REPO = join(__dirname, '..', '..');

interface Loaded {
  bytes: Uint8Array;
  text: string;
  parsed: ParsedFrontMatter;
}

function load(file: string): Loaded {
  const bytes = readFileSync(join(BAD, file));
  const text = decodeUtf8(bytes);
  const parsed = parseFrontMatter(text);
  assertParsedWithinBounds(text, parsed);
  return { bytes, text, parsed };
}

function errorMessages(p: ParsedFrontMatter): string[] {
  return p.errors.map((e) => e.message);
}

/** What the parser must make of each committed file. */
const PARSER_EXPECTATIONS: Record<string, (c: Loaded) => void> = {
  'bom.md': ({ text, parsed }) => {
    assert.equal(parsed.hasBom, true);
    assert.equal(parsed.blockStart, 1);
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.data.title, 'Starts with a byte order mark');
    const title = parsed.fields[0];
    assert.equal(text.slice(title.keyStart, title.keyEnd), 'title');
  },
  'crlf.md': ({ text, parsed }) => {
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.data.tags, ['crlf', 'windows']);
    for (const f of parsed.fields) assert.ok(!text.slice(f.value.start, f.value.end).endsWith('\r'), `${f.key} value stops before \\r`);
    assert.equal(text.slice(parsed.bodyStart), 'Body line one.\r\nBody line two.\r\n');
  },
  // Hugo's lexer ends a line at a lone CR too (parser/pageparser/pagelexer.go, isEndOfLine; Hugo
  // 0.111.3 builds this file with its title, date and tag), so the block closes.
  'mixed-line-endings.md': ({ parsed }) => {
    assert.equal(parsed.terminated, true);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.data, { title: 'Mixed line endings', date: '2024-01-15', tags: ['mixed'] });
  },
  'unterminated.md': ({ parsed }) => expectUnterminated(parsed, '---'),
  'unterminated-toml.md': ({ parsed }) => expectUnterminated(parsed, '+++'),
  'unterminated-json.md': ({ parsed }) => expectUnterminated(parsed, '{'),
  'tabs-in-yaml.md': ({ text, parsed }) => {
    assert.equal(parsed.errors.length, 2);
    for (const e of parsed.errors) {
      assert.match(e.message, /[Tt]ab/);
      assert.equal(text[e.start], '\t');
    }
  },
  'alias-bomb.md': ({ parsed }) => {
    // Reported once, at the first alias that explodes, not once per alias.
    assert.equal(parsed.errors.length, 1, errorMessages(parsed).join('\n'));
    assert.match(parsed.errors[0].message, /Alias \*c cannot be expanded/);
    // Nothing was expanded into billions of strings.
    assert.ok(JSON.stringify(parsed.data).length < 1_000_000);
  },
  'deep-nesting-yaml.md': ({ parsed }) => expectTooDeep(parsed),
  'deep-nesting-json.md': ({ parsed }) => expectTooDeep(parsed),
  'deep-nesting-toml.md': ({ parsed }) => expectTooDeep(parsed),
  'duplicate-keys.md': ({ parsed }) => {
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.fields.map((f) => f.key), ['title', 'tags', 'title', 'Tags']);
  },
  'duplicate-keys-json.md': ({ parsed }) => {
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.fields.map((f) => f.key), ['title', 'title']);
  },
  'duplicate-keys-toml.md': ({ text, parsed }) => {
    assert.equal(parsed.errors.length, 1);
    assert.match(parsed.errors[0].message, /multiple times/);
    // At the second definition, not at the end of the first one's line.
    assert.equal(text.slice(parsed.errors[0].start, parsed.errors[0].end), 'title');
    assert.equal(parsed.errors[0].start, text.lastIndexOf('title'));
  },
  'invalid-utf8.md': ({ bytes, parsed }) => {
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the file really is invalid UTF-8');
    assert.equal(parsed.data.title, 'Caf\ufffd\ufffd\ufffd');
  },
  'binary.md': ({ bytes }) => {
    assert.equal(looksBinary(bytes), true);
  },
  'empty.md': ({ parsed }) => {
    assert.equal(parsed.format, null);
    assert.deepEqual(parsed.data, {});
  },
  'delimiters-only.md': ({ parsed }) => expectEmptyBlock(parsed, 'yaml'),
  'delimiters-only-toml.md': ({ parsed }) => expectEmptyBlock(parsed, 'toml'),
  'dashes-in-code-block.md': ({ parsed }) => {
    assert.equal(parsed.format, null);
    assert.deepEqual(parsed.fields, []);
  },
  'dashes-in-code-block-after-front-matter.md': ({ parsed }) => {
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.data.tags, ['fence']);
  },
  'emoji-rtl-tags.md': ({ text, parsed }) => {
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.data.tags, ['🐳 docker', '👩‍💻', 'שלום', 'مرحبا', '\u202eevil']);
    const items = parsed.fields.find((f) => f.key === 'tags')?.value.items ?? [];
    assert.deepEqual(items.map((i) => text.slice(i.start, i.end)), ['🐳 docker', '👩‍💻', 'שלום', 'مرحبا', '"\u202eevil"']);
  },
  'impossible-date.md': ({ parsed }) => {
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.data.date, '2019-02-30');
  },
  'impossible-date-toml.md': ({ text, parsed }) => {
    assert.equal(parsed.errors.length, 1);
    assert.match(parsed.errors[0].message, /date/i);
    const dateAt = text.indexOf('2019-02-30');
    assert.ok(parsed.errors[0].start >= dateAt && parsed.errors[0].end <= dateAt + '2019-02-30'.length, 'the error lies on the date');
  },
  'lone-surrogate-escape.md': ({ parsed }) => {
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.data.title, '\ud800 half a pair');
  },
  'README.md': ({ parsed }) => {
    assert.equal(parsed.format, null);
  },
};

function expectUnterminated(p: ParsedFrontMatter, delimiter: string): void {
  assert.equal(p.terminated, false);
  assert.deepEqual(p.fields, []);
  assert.equal(p.errors.length, 1);
  assert.equal(p.errors[0].code, 'unterminated');
  assert.equal(p.errors[0].end - p.errors[0].start, delimiter.length);
}

function expectTooDeep(p: ParsedFrontMatter): void {
  assert.equal(p.errors.length, 1, errorMessages(p).join('\n'));
  assert.match(p.errors[0].message, /nested more than 100 levels deep/);
}

function expectEmptyBlock(p: ParsedFrontMatter, format: 'yaml' | 'toml'): void {
  assert.equal(p.format, format);
  assert.equal(p.terminated, true);
  assert.deepEqual(p.fields, []);
  assert.deepEqual(p.errors, []);
}

describe('bad-input corpus (test/fixtures/bad)', () => {
  const files = readdirSync(BAD).filter((f) => !f.startsWith('.'));

  it('lists every file in its README, and every listed file exists', () => {
    const readme = readFileSync(join(BAD, 'README.md'), 'utf8');
    const listed = new Set([...readme.matchAll(/`([^`]+\.md)`/g)].map((m) => m[1]));
    for (const f of files) if (f !== 'README.md') assert.ok(listed.has(f), `${f} is listed in the README`);
    for (const f of listed) assert.ok(files.includes(f), `${f} from the README exists`);
  });

  it('has a parser expectation for every file', () => {
    assert.deepEqual(files.filter((f) => !(f in PARSER_EXPECTATIONS)), []);
  });

  describe('parser', () => {
    for (const [file, expect] of Object.entries(PARSER_EXPECTATIONS)) {
      it(file, () => expect(load(file)));
    }
  });

  it('the index accounts for every file: read (with the problem it found) or skipped with a reason', async () => {
    const index = new PostIndex(DEFAULT_TAXONOMIES);
    const skipped = new Map<string, string>();
    const paths = files.map((f) => join(BAD, f).split('\\').join('/'));
    const counts = await indexFiles(nodeFileSystem, index, paths, { onSkip: (p, reason) => skipped.set(p.slice(p.lastIndexOf('/') + 1), reason) });
    assert.equal(counts.indexed + counts.skipped, files.length);
    assert.deepEqual([...skipped], [['binary.md', 'binary file (contains NUL bytes)']]);
    const post = (f: string) => index.get(paths[files.indexOf(f)]);
    for (const f of ['unterminated.md', 'unterminated-toml.md', 'unterminated-json.md']) assert.match(post(f)?.problem ?? '', /never closed|no matching/, f);
    assert.deepEqual(post('mixed-line-endings.md')?.terms[0], ['mixed']);
    for (const f of ['deep-nesting-yaml.md', 'deep-nesting-toml.md']) assert.match(post(f)?.problem ?? '', /nested more than/, f);
    assert.match(post('tabs-in-yaml.md')?.problem ?? '', /[Tt]ab/);
    assert.match(post('alias-bomb.md')?.problem ?? '', /[Aa]lias/);
    assert.deepEqual(post('emoji-rtl-tags.md')?.terms[0], ['🐳 docker', '👩‍💻', 'שלום', 'مرحبا', '\u202eevil']);
    assert.deepEqual(post('dashes-in-code-block-after-front-matter.md')?.terms[0], ['fence']);
    assert.equal(post('bom.md')?.title, 'Starts with a byte order mark');
    assert.equal(post('empty.md')?.format, null);
  });

  it('the preview renderer renders every file without an exception or unsafe HTML', () => {
    const renderer = new PostRenderer();
    for (const f of files) {
      const prepared = renderer.prepare(decodeUtf8(readFileSync(join(BAD, f))));
      const html = renderer.render(prepared, { images: new Map(), refs: new Map() }, { terminalAllowed: false }).html;
      assert.deepEqual(unsafeHtmlProblems(html), [], f);
    }
  });

  describe('generated huge inputs', function () {
    this.timeout(120_000);
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'devops-notes-bad-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('parses the front matter of a 50 MB post and returns', () => {
      const body = 'A line of a very long post about BuildKit cache mounts and registries.\n'.repeat(Math.ceil((50 * 1024 * 1024) / 72));
      const text = `---\ntitle: "Huge"\ntags: [huge]\n---\n${body}`;
      writeFileSync(join(dir, 'huge.md'), text);
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const p = parseFrontMatter(readFileSync(join(dir, 'huge.md'), 'utf8'));
      const ms = performance.now() - started;
      assert.deepEqual(p.data, { title: 'Huge', tags: ['huge'] });
      assert.equal(p.bodyStart, text.indexOf('A line'));
      // Informational only (speed is measured in bench/): how it went on this machine.
      console.log(`      50 MB post: ${ms.toFixed(0)} ms, heap +${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB`);
    });

    it('reports a 50 MB post whose front matter never closes, and returns', () => {
      const text = `---\ntitle: "Huge"\n${'key: value\n'.repeat((50 * 1024 * 1024) / 11)}`;
      const p = parseFrontMatter(text);
      assert.equal(p.terminated, false);
      assert.deepEqual(p.fields, []);
      assert.equal(p.errors.length, 1);
    });

    it('refuses a post whose 50 MB are all front matter, with a clear error, and returns', () => {
      const text = `+++\ntitle = "Huge"\n${'key_0 = "value"\n'.repeat((50 * 1024 * 1024) / 16)}+++\nbody\n`;
      const p = parseFrontMatter(text);
      assertParsedWithinBounds(text, p);
      assert.deepEqual(p.fields, []);
      assert.equal(p.errors.length, 1);
      assert.match(p.errors[0].message, /more than the \d+ KB limit/);
      assert.equal(text.slice(p.bodyStart), 'body\n');
    });

    it('parses a 1 MB single-line body and a 256 KB single-line title with exact ranges', () => {
      const title = 't'.repeat(256 * 1024);
      const line = 'x'.repeat(1024 * 1024);
      const text = `---\ntitle: "${title}"\n---\n${line}`;
      const p = parseFrontMatter(text);
      assertParsedWithinBounds(text, p);
      assert.equal(p.data.title, title);
      assert.equal(text.slice(p.fields[0].value.start, p.fields[0].value.end), `"${title}"`);
      assert.equal(text.slice(p.bodyStart), line);
    });

    it('refuses a 1 MB single-line front matter value with a clear error', () => {
      const text = `{"title": "${'x'.repeat(1024 * 1024)}"}\nbody`;
      const p = parseFrontMatter(text);
      assertParsedWithinBounds(text, p);
      assert.match(p.errors[0]?.message ?? '', /limit/);
      assert.equal(text.slice(p.bodyStart), 'body');
    });
  });

  describe('the built CLI over the corpus and the generated huge posts', function () {
    this.timeout(180_000);
    let dir: string;
    before(() => {
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' });
      dir = mkdtempSync(join(tmpdir(), 'devops-notes-cli-bad-'));
      for (const f of files) copyFileSync(join(BAD, f), join(dir, f));
      const line = 'A long line about BuildKit. '.repeat(Math.ceil((1024 * 1024) / 28));
      writeFileSync(join(dir, 'huge-post.md'), `---\ntitle: Huge\ndate: 2024-01-15\n---\n${line.replace(/\. $/, '.\n').repeat(50)}`);
      writeFileSync(join(dir, 'long-line.md'), `---\ntitle: Long line\ndate: 2024-01-15\n---\n${line}`);
      writeFileSync(join(dir, 'huge-front-matter.md'), `+++\ntitle = "Big"\ndate = 2024-01-15\n${'key_0 = "value"\n'.repeat(40_000)}+++\n`);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** Codes each file must get (at least one problem of each); `[]`: no error at all. */
    const EXPECTED: Record<string, string[]> = {
      'alias-bomb.md': ['fm/syntax'],
      'binary.md': ['fm/unreadable'],
      'bom.md': [],
      'crlf.md': [],
      'dashes-in-code-block.md': [],
      // A plain folder of files, most of them broken: by its convention (what its files carry) no field is required.
      'dashes-in-code-block-after-front-matter.md': [],
      'deep-nesting-json.md': ['fm/unreadable'],
      'deep-nesting-toml.md': ['fm/unreadable'],
      'deep-nesting-yaml.md': ['fm/unreadable'],
      'delimiters-only.md': [],
      'delimiters-only-toml.md': [],
      'duplicate-keys.md': ['fm/duplicate-key'],
      'duplicate-keys-json.md': ['fm/duplicate-key'],
      'duplicate-keys-toml.md': ['fm/syntax'],
      'emoji-rtl-tags.md': [],
      'empty.md': [],
      'impossible-date.md': ['fm/date-format'],
      'impossible-date-toml.md': ['fm/date-format'],
      'invalid-utf8.md': ['fm/unreadable'],
      'lone-surrogate-escape.md': [],
      'mixed-line-endings.md': [],
      'tabs-in-yaml.md': ['fm/syntax'],
      'unterminated.md': ['fm/unterminated'],
      'unterminated-json.md': ['fm/unterminated'],
      'unterminated-toml.md': ['fm/unterminated'],
      'README.md': [],
      'huge-post.md': ['fm/unreadable'],
      'long-line.md': [],
      'huge-front-matter.md': ['fm/unreadable'],
    };

    it('exits 0 or 1 without a stack trace, checks every file, and reports what each case expects', () => {
      const run = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', dir, '--format', 'json'], { encoding: 'utf8', cwd: dir, maxBuffer: 64 * 1024 * 1024 });
      assert.ok(run.status === 0 || run.status === 1, `exit code ${run.status}, stderr:\n${run.stderr}`);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      const report = JSON.parse(run.stdout) as { filesChecked: number; problems: { file: string; code: string; severity: string; message: string }[] };
      const md = readdirSync(dir).filter((f) => f.endsWith('.md'));
      assert.equal(report.filesChecked, md.length, 'every file checked');
      assert.deepEqual(md.filter((f) => !(f in EXPECTED)), [], 'every file has an expectation');
      for (const [file, codes] of Object.entries(EXPECTED)) {
        const got = report.problems.filter((p) => p.file === file);
        for (const code of codes) assert.ok(got.some((p) => p.code === code), `${file}: expected ${code}, got ${JSON.stringify(got)}`);
        if (codes.length === 0) assert.deepEqual(got.filter((p) => p.severity === 'error'), [], `${file}: no errors`);
        for (const p of got) assert.ok(p.message.length > 0 && !/\n\s+at /.test(p.message), `${file}: a clear message`);
      }
      assert.match(report.problems.find((p) => p.file === 'huge-post.md')?.message ?? '', /larger than/);
      assert.match(report.problems.find((p) => p.file === 'huge-front-matter.md')?.message ?? '', /KB limit/);
    });
  });
});
