import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { locateFrontMatter } from '../../src/core/frontmatter/locate';
import { PostReader } from '../../src/core/index';
import { LineIndex } from '../../src/core/text/lineIndex';
import { check, expectNone, expectOne, withCode } from './validateHelpers';
import { memoryFiles } from './siteHelpers';

/**
 * Issue 17, items 7 to 9: what Hugo fails on, what it does not, and what it does with a value.
 * Each case was built with Hugo 0.111.3 (a throwaway site whose layout prints the parsed page);
 * newer behaviour is pinned to the Hugo source named in each test.
 */
describe('Hugo-exact: build failures (issue 17, item 7)', () => {
  // hugolib/page__meta.go, setMetaPostParams: `url` and each alias with an http:// or https://
  // prefix is an error. Hugo 0.111.3: "URLs with protocol (http*) not supported", "http* aliases not supported".
  it('url or an alias with a protocol: an error on the value', () => {
    const y = '---\ntitle: T\nurl: https://example.com/x/\n---\n';
    const d = expectOne(y, check(y), 'fm/type', 'https://example.com/x/');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /Hugo stops the build.*"URLs with protocol \(http\*\) not supported"\)\. Write the path on this site, such as "\/x\/"/);
    const a = '---\ntitle: T\naliases:\n  - /old/\n  - http://example.com/older/\n---\n';
    assert.match(expectOne(a, check(a), 'fm/type', 'http://example.com/older/').message, /"http\* aliases not supported"/);
    const j = '{"title": "T", "aliases": "https://example.com/a/"}\n';
    expectOne(j, check(j), 'fm/type', '"https://example.com/a/"');
    // Hugo's test is a case-sensitive prefix: these pass.
    for (const ok of ['url: /x/', 'url: HTTPS://example.com/', 'aliases: [ftp://x/y, /http://z]', 'url: //cdn.example/x']) {
      const t = `---\ntitle: T\n${ok}\n---\n`;
      assert.deepEqual(withCode(check(t), 'fm/type'), [], ok);
    }
  });

  // spf13/cast ToTimeInDefaultLocationE (time.go): Go integers are Unix seconds, a float64 is refused;
  // encoding/json gives float64 for every number. Hugo >= 0.135 fails on a refused date
  // (resources/page/pagemeta/page_frontmatter.go, newDateFieldHandler: "not a parsable date");
  // Hugo 0.111.3 builds the JSON case with a zero date.
  it('a number as a date in JSON, or with a fraction: an error that says what Hugo does', () => {
    const j = '{\n "title": "J",\n "date": 1700000000\n}\n';
    const d = expectOne(j, check(j), 'fm/date-format', '1700000000');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /a number in JSON front matter is not a date for Hugo\. Hugo 0\.135 and later stop the build \("not a parsable date"\); older versions drop the date/);
    assert.doesNotMatch(d.message, /seconds since 1970/);
    const f = '---\ntitle: F\nlastmod: 1700000000.5\n---\n';
    assert.match(expectOne(f, check(f), 'fm/date-format', '1700000000.5').message, /a number with a fraction is not a date for Hugo/);
    const t = '+++\ntitle = "T"\ndate = 1.7e9\n+++\n';
    expectOne(t, check(t), 'fm/date-format', '1.7e9');
  });

  it('a first line starting with - or + that is no delimiter, and an unclosed ----, are errors', () => {
    const list = '- first\n- second\n';
    const d = expectOne(list, check(list), 'fm/syntax', '-');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /\("invalid YAML delimiter"\)/);
    const plus = '\n+ added line\n';
    assert.match(expectOne(plus, check(plus), 'fm/syntax', '+').message, /\("invalid TOML delimiter"\)/);
    const rule = '----\n\nText under a rule.\n';
    assert.match(expectOne(rule, check(rule), 'fm/unterminated', '---').message, /Hugo stops the build \("EOF looking for end YAML front matter delimiter"\)/);
  });

  // parser/pageparser/pagelexer.go, isEndOfLine: '\r' or '\n'. Hugo 0.111.3 builds a CR-only post
  // with its title and date.
  it('CR-only line endings are read as lines: fields, problems and line numbers', () => {
    const text = '---\rtitle: CR\rdate: 2024-02-30\r---\rbody\r';
    const found = check(text);
    const d = expectOne(text, found, 'fm/date-format', '2024-02-30');
    assert.equal(new LineIndex(text).positionAt(d.start).line, 2);
    expectNone(text, found, 'fm/required');
  });

  it('the post index reads them as the parser does (a first - is a problem, CR-only a post)', async () => {
    const fs = memoryFiles({
      '/s/content/list.md': '- one\n- two\n',
      '/s/content/cr.md': '---\rtitle: Old Mac\rtags: [a, b]\r---\rbody\r',
      '/s/content/rule.md': '----\ntitle: x\n---\nbody\n',
    });
    const reader = new PostReader(['tags']);
    const list = await reader.read(fs, '/s/content/list.md');
    assert.match('post' in list ? (list.post.problem ?? '') : '', /invalid YAML delimiter/);
    const cr = await reader.read(fs, '/s/content/cr.md');
    assert.ok('post' in cr);
    assert.equal(cr.post.title, 'Old Mac');
    assert.deepEqual(cr.post.terms[0], ['a', 'b']);
    assert.equal(locateFrontMatter('- one\n', true).kind, 'badDelimiter');
    assert.equal(parseFrontMatter('- one\n').terminated, false);
  });
});

describe('Hugo-exact: no false errors (issue 17, item 8)', () => {
  // parser/metadecoders/decoder.go, UnmarshalTo: JSON goes to encoding/json, where a repeated key
  // is no error and the last value wins (Hugo 0.111.3 gives the title "two").
  it('a repeated key in JSON is a warning, and the other rules see the last value', () => {
    const j = '{\n"title": "",\n"date": "2024-01-01",\n"title": "two"\n}\n';
    const found = check(j);
    const d = expectOne(j, found, 'fm/duplicate-key', '"title"', 2);
    assert.equal(d.severity, 'warning');
    assert.equal(d.message, 'Key "title" is set again (first on line 2): Hugo keeps the last value and drops the first');
    expectNone(j, found, 'fm/required');
    expectNone(j, found, 'fm/empty-value');
    assert.equal(parseFrontMatter(j).data.title, 'two');
  });

  it('front matter beyond our size and nesting limits is "not checked", never a Hugo error', () => {
    const deep = `---\ntitle: T\nx: ${'['.repeat(150)}${']'.repeat(150)}\n---\n`;
    const d = withCode(check(deep), 'fm/unreadable');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'warning');
    assert.match(d[0].message, /nested more than 100 levels deep, the limit of DevOps Notes: not checked/);
    assert.deepEqual(withCode(check(deep), 'fm/syntax'), []);
    const big = `---\ntitle: T\nnotes: "${'x'.repeat(600 * 1024)}"\n---\n`;
    const b = check(big);
    assert.match(withCode(b, 'fm/unreadable')[0]?.message ?? '', /more than the 512 KB limit of DevOps Notes: not checked/);
    assert.deepEqual(b.filter((x) => x.severity === 'error'), []);
    for (const x of [...check(deep), ...b]) assert.doesNotMatch(x.message, /Hugo (fails|stops|rejects)/);
  });

  // YAML's !!timestamp tag gives Hugo a time.Time (Hugo 0.111.3: date 2024-03-01T00:00:00Z).
  it('date: !!timestamp 2024-03-01 is a date', () => {
    const y = '---\ntitle: TS\ndate: !!timestamp 2024-03-01\nlastmod: !!timestamp 2024-02-01\n---\n';
    const found = check(y);
    expectNone(y, found, 'fm/date-format');
    // It is read as a date: the order rule compares it.
    assert.match(expectOne(y, found, 'fm/date-order', '2024-02-01').message, /lastmod is before date \(2024-03-01/);
  });
});

describe('Hugo-exact: messages (issue 17, item 9)', () => {
  // Hugo 0.111.3: `tags: "docker, swarm"` gives one term, its page /tags/docker-swarm/.
  it('fm/tags-string says Hugo keeps one string as one term, with its URL', () => {
    const y = '---\ntitle: T\ntags: "docker, swarm"\n---\n';
    const d = expectOne(y, check(y), 'fm/tags-string', '"docker, swarm"');
    assert.equal(d.message, '"tags" is one string, not a list: Hugo keeps "docker, swarm" as one term (/tags/docker-swarm/). Write a list if these are several terms');
  });

  // cast reads Go integers as time.Unix(n, 0): true for YAML and TOML whole numbers (Hugo 0.111.3:
  // `date: 1700000000` gives 2023-11-14T22:13:20Z).
  it('a whole number in YAML or TOML is seconds since 1970, and the message says so', () => {
    const y = '---\ntitle: T\ndate: 20240301\n---\n';
    assert.match(expectOne(y, check(y), 'fm/date-format', '20240301').message, /Hugo reads a whole number in YAML as seconds since 1970, here 1970-08-23T06:18:21Z/);
    const t = '+++\ntitle = "T"\ndate = 20240301\n+++\n';
    assert.match(expectOne(t, check(t), 'fm/date-format', '20240301').message, /in TOML as seconds since 1970/);
    const big = '---\ntitle: T\ndate: 1700000000\n---\n';
    expectNone(big, check(big), 'fm/date-format');
  });

  it('an empty term is info (Hugo skips it); a blank one is kept by Hugo, a warning', () => {
    const y = '---\ntitle: T\ntags: ["a", "", " "]\n---\n';
    const found = withCode(check(y), 'fm/empty-value');
    assert.deepEqual(
      found.map((d) => [y.slice(d.start, d.end), d.severity, d.message]),
      [
        ['""', 'info', 'Empty term in "tags": Hugo skips it'],
        ['" "', 'warning', 'Blank term in "tags": Hugo keeps it as a term of blank space'],
      ],
    );
  });
});
