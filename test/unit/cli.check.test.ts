import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs the BUILT CLI (`node dist/cli.js`), as a pipeline would. */
const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const FIXTURES = join(REPO, 'test', 'fixtures', 'cli');

function cli(args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

/** The problems of the fixture site, as [file, line, column, endLine, endColumn, severity, code]. */
const SITE_PROBLEMS = [
  ['content/posts/bundle/index.md', 7, 17, 7, 28, 'warning', 'fm/missing-file'],
  ['content/posts/json-post.md', 3, 11, 3, 23, 'error', 'fm/date-format'],
  ['content/posts/json-post.md', 4, 12, 4, 24, 'warning', 'fm/tag-spelling'],
  ['content/posts/json-post.md', 4, 36, 4, 44, 'warning', 'fm/duplicate-tag'],
  ['content/posts/mistakes.md', 1, 1, 1, 4, 'warning', 'fm/required'],
  ['content/posts/mistakes.md', 2, 7, 2, 17, 'error', 'fm/date-format'],
  ['content/posts/mistakes.md', 3, 1, 3, 10, 'warning', 'fm/unknown-key'],
  ['content/posts/mistakes.md', 5, 7, 5, 25, 'warning', 'fm/tags-string'],
  ['content/posts/mistakes.md', 6, 13, 6, 19, 'error', 'fm/enum'],
  ['content/posts/mistakes.md', 7, 1, 7, 12, 'info', 'fm/empty-value'],
];

describe('devops-notes CLI (built)', function () {
  this.timeout(120_000);
  const site = join(FIXTURES, 'site');
  before(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' });
  });

  describe('check', () => {
    it('exits 0 and says so when there are no problems', () => {
      const r = cli(['check'], join(FIXTURES, 'clean'));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'No problems in 3 files.\nJudged as Hugo 0.165.0 (default: the newest Hugo).\n');
    });

    it('reports every problem in JSON with 1-based positions, and exits 1 on errors', () => {
      const r = cli(['check', '--format', 'json'], site);
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout) as { filesChecked: number; errorCount: number; warningCount: number; infoCount: number; problems: JsonProblem[] };
      assert.deepEqual(
        report.problems.map((p) => [p.file, p.line, p.column, p.endLine, p.endColumn, p.severity, p.code]),
        SITE_PROBLEMS,
      );
      assert.deepEqual([report.filesChecked, report.errorCount, report.warningCount, report.infoCount], [5, 3, 6, 1]);
      const byCode = (c: string) => report.problems.find((p) => p.code === c)!.message;
      assert.equal(byCode('fm/unknown-key'), 'Unknown key "catgories": did you mean "categories"?');
      assert.match(byCode('fm/missing-file'), /"missing\.png" not found/);
      // .devops-notes.json turned fm/empty-value down to info and declared the enum.
      assert.match(byCode('fm/enum'), /"medium" is not allowed for "difficulty"/);
    });

    it('prints one line per problem and a summary in text', () => {
      const r = cli(['check', 'content/posts/mistakes.md'], site);
      assert.equal(r.code, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines[0], 'content/posts/mistakes.md:1:1: warning fm/required Missing required field "title"');
      assert.equal(lines.length, 6 + 3);
      assert.equal(lines[lines.length - 2], '6 problems (2 errors, 3 warnings, 1 info) in 1 file; 1 file checked.');
      assert.equal(lines[lines.length - 1], 'Judged as Hugo 0.165.0 (default: the newest Hugo).');
    });

    it('writes a GitLab Code Quality report', () => {
      const r = cli(['check', '--format', 'gitlab'], site);
      assert.equal(r.code, 1);
      const issues = JSON.parse(r.stdout) as Record<string, unknown>[];
      assert.ok(Array.isArray(issues));
      assert.equal(issues.length, SITE_PROBLEMS.length);
      const fingerprints = new Set<string>();
      issues.forEach((issue, i) => {
        assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
        assert.equal(issue.check_name, SITE_PROBLEMS[i][6]);
        assert.equal(typeof issue.description, 'string');
        assert.match(issue.fingerprint as string, /^[0-9a-f]{32}$/);
        fingerprints.add(issue.fingerprint as string);
        assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity as string));
        const location = issue.location as { path: string; lines: { begin: number; end: number } };
        assert.equal(location.path, SITE_PROBLEMS[i][0]);
        assert.equal(location.lines.begin, SITE_PROBLEMS[i][1]);
      });
      assert.equal(fingerprints.size, issues.length, 'fingerprints are unique');
      assert.equal(issues[1].severity, 'major', 'errors are major');
      assert.equal(issues[0].severity, 'minor', 'warnings are minor');
      // Stable across runs: the same findings get the same fingerprints.
      assert.deepEqual(JSON.parse(cli(['check', '--format', 'gitlab'], site).stdout), issues);
    });

    it('writes SARIF 2.1.0 with rules, levels and regions', () => {
      const r = cli(['check', '--format', 'sarif'], site);
      assert.equal(r.code, 1);
      const log = JSON.parse(r.stdout) as {
        $schema: string;
        version: string;
        runs: {
          tool: { driver: { name: string; version: string; rules: { id: string; name: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
          results: {
            ruleId: string;
            ruleIndex: number;
            level: string;
            message: { text: string };
            locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
          }[];
        }[];
      };
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      assert.equal(log.runs.length, 1);
      const run = log.runs[0];
      assert.equal(run.tool.driver.name, 'devops-notes');
      assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+/);
      const ruleIds = run.tool.driver.rules.map((x) => x.id);
      assert.equal(new Set(ruleIds).size, ruleIds.length, 'rule ids are unique');
      for (const rule of run.tool.driver.rules) {
        assert.ok(rule.shortDescription.text.length > 0 && /^[A-Z][A-Za-z]+$/.test(rule.name), rule.id);
        assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level));
      }
      assert.equal(run.results.length, SITE_PROBLEMS.length);
      run.results.forEach((res, i) => {
        const [file, line, column, endLine, endColumn, severity, code] = SITE_PROBLEMS[i];
        assert.equal(res.ruleId, code);
        assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId, 'ruleIndex points at the rule');
        assert.equal(res.level, severity === 'info' ? 'note' : severity);
        assert.ok(res.message.text.length > 0);
        const loc = res.locations[0].physicalLocation;
        assert.deepEqual(loc.artifactLocation, { uri: file, uriBaseId: '%SRCROOT%' });
        assert.deepEqual(loc.region, { startLine: line, startColumn: column, endLine, endColumn });
      });
    });

    it('checks content/ by default, and a site root given as a path means its content/', () => {
      const here = JSON.parse(cli(['check', '--format', 'json'], site).stdout) as { filesChecked: number };
      const fromAbove = JSON.parse(cli(['check', 'site', '--format', 'json'], FIXTURES).stdout) as { filesChecked: number; problems: JsonProblem[] };
      assert.equal(here.filesChecked, 5);
      assert.equal(fromAbove.filesChecked, 5);
      assert.equal(fromAbove.problems[0].file, 'site/content/posts/bundle/index.md');
    });

    it('reports problems in .devops-notes.json on stderr and still checks', () => {
      const r = cli(['check'], join(FIXTURES, 'badconfig'));
      assert.equal(r.code, 0);
      assert.match(r.stderr, /^\.devops-notes\.json:1:\d+: warning: Unknown rule code "fm\/nope"/m);
      assert.equal(r.stdout, 'No problems in 1 file.\nJudged as Hugo 0.165.0 (default: the newest Hugo).\n');
    });

    it('rejects bad usage with exit code 2 and a pointer to --help', () => {
      for (const args of [['check', '--format', 'xml'], ['check', '--nope'], ['check', 'no/such/path'], ['check', '--jobs', '0'], ['frobnicate'], []]) {
        const r = cli(args, site);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /--help|Usage/, args.join(' '));
        assert.equal(r.stdout, '', 'nothing on stdout');
      }
    });

    it('documents itself', () => {
      const top = cli(['--help'], site);
      assert.equal(top.code, 0);
      assert.match(top.stdout, /Commands:\n\s+check\s.+\n\s+tags\s/);
      const check = cli(['check', '--help'], site);
      assert.equal(check.code, 0);
      for (const word of ['--format text', '--format json', '--format gitlab', '--format sarif', 'Exit codes']) assert.ok(check.stdout.includes(word), word);
      assert.match(cli(['tags', '-h'], site).stdout, /^Usage: devops-notes tags/);
      assert.match(cli(['--version'], site).stdout, /^\d+\.\d+\.\d+/);
    });

    it('checks the posts of a custom contentDir (given the site root, or run inside it)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'devops-notes-cli-site-'));
      try {
        writeFileSync(join(dir, 'hugo.toml'), 'contentDir = "articles"\n');
        mkdirSync(join(dir, 'articles', 'posts'), { recursive: true });
        mkdirSync(join(dir, 'drafts'));
        writeFileSync(join(dir, 'articles', 'posts', 'a.md'), '---\ntitle: A\ndate: 2024-13-01\n---\n');
        writeFileSync(join(dir, 'drafts', 'b.md'), '---\ntitle: B\ndate: nope\n---\n');
        for (const [args, cwd] of [[['check', dir, '--format', 'json'], REPO], [['check', '--format', 'json'], dir]] as const) {
          const r = cli([...args], cwd);
          const report = JSON.parse(r.stdout) as { problems: JsonProblem[]; summary?: unknown; filesChecked?: number };
          const files = [...new Set(report.problems.map((p) => p.file.replace(/\\/g, '/').replace(/^.*\/(articles|drafts)\//, '$1/')))];
          assert.deepEqual(files, ['articles/posts/a.md'], `only the content folder's post is checked (${args.join(' ')})`);
          assert.ok(report.problems.some((p) => p.code === 'fm/date-format'), r.stdout);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('checks sections named public/ and resources/ inside a content folder, and skips public/ beside it', () => {
      const dir = mkdtempSync(join(tmpdir(), 'devops-notes-cli-output-'));
      try {
        const post = '---\ntitle: T\ndate: 2024-13-01\n---\n';
        for (const rel of ['content/resources/links.md', 'content/public/talks.md', 'public/copy.md', 'notes/public/x.md']) {
          mkdirSync(join(dir, rel, '..'), { recursive: true });
          writeFileSync(join(dir, rel), post);
        }
        const files = (args: string[]) =>
          (JSON.parse(cli([...args, '--format', 'json'], dir).stdout) as { problems: JsonProblem[] }).problems.map((p) => p.file.replace(/\\/g, '/')).sort();
        // The site's content/: both sections are posts; the build output beside it is not looked at.
        assert.deepEqual(files(['check']), ['content/public/talks.md', 'content/resources/links.md']);
        // A plain folder of notes (no site): its public/ is taken for build output.
        assert.deepEqual(files(['check', 'notes']), []);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reports exact positions in posts with non-ASCII text, whose bodies it reads byte-wise until a problem needs them', () => {
      const dir = mkdtempSync(join(tmpdir(), 'devops-notes-cli-utf8-'));
      try {
        const write = (rel: string, text: string) => {
          mkdirSync(join(dir, rel, '..'), { recursive: true });
          writeFileSync(join(dir, rel), text);
        };
        write('static/images/ok.png', 'png');
        write('static/images/café.png', 'png');
        write('content/clean.md', '---\ntitle: "Café ☕"\ndate: 2024-01-01\n---\nNaïve — ü.\n\n{{< figure src="/images/ok.png" >}}\n');
        // In characters the path starts at column 19; in bytes it would be 21.
        write('content/missing.md', '---\ntitle: Grüße\ndate: 2024-01-01\n---\nÜnïcödé\n→ {{< figure src="/images/nope.png" >}}\n');
        // A path with an accent exists; one after an em space is no parameter: Hugo 0.111.3 fails on
        // the tag ("unrecognized character in shortcode action: U+2003"), and reads no src from it.
        write('content/accents.md', '---\ntitle: Ça va\ndate: 2024-01-01\n---\n{{< figure src="/images/café.png" >}}\n{{< figure src="/images/é.png" >}}\n{{< figure\u2003src="/images/em.png" >}}\n');
        write('content/front.md', '---\ntitle: "Ça va"\ndate: 2024-13-01\n---\n¡Hola!\n');
        const run = (env: Record<string, string> = {}) => cli(['check', '--format', 'json', '--jobs', '1'], dir, env);
        const r = run();
        const report = JSON.parse(r.stdout) as { problems: JsonProblem[] };
        assert.deepEqual(
          report.problems.map((p) => [p.file.replace(/\\/g, '/'), p.line, p.column, p.endLine, p.endColumn, p.code]),
          [
            ['content/accents.md', 6, 17, 6, 30, 'fm/missing-file'],
            ['content/front.md', 3, 7, 3, 17, 'fm/date-format'],
            ['content/missing.md', 6, 19, 6, 35, 'fm/missing-file'],
          ],
        );
        assert.match(report.problems[0].message, /"\/images\/é\.png" not found/);
        assert.equal(run({ DEVOPS_NOTES_READ_AHEAD: '0' }).stdout, r.stdout);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    describe('on files it cannot check and on many posts', () => {
      let dir: string;
      before(() => {
        dir = mkdtempSync(join(tmpdir(), 'devops-notes-cli-'));
        mkdirSync(join(dir, 'content'));
        writeFileSync(join(dir, 'content', 'binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]));
        writeFileSync(join(dir, 'content', 'huge.md'), `---\ntitle: Huge\ndate: 2024-01-01\n---\n${'x'.repeat(10 * 1024 * 1024 + 10)}`);
        for (let i = 0; i < 320; i++) {
          const tag = i % 3 === 0 ? 'Kubernetes' : 'kubernetes';
          writeFileSync(join(dir, 'content', `post-${String(i).padStart(3, '0')}.md`), `---\ntitle: Post ${i}\ndate: 2024-01-${String((i % 28) + 1).padStart(2, '0')}\ntags: [${tag}]\n${i % 50 === 0 ? 'draft: maybe\n' : ''}---\n`);
        }
      });
      after(() => rmSync(dir, { recursive: true, force: true }));

      it('reports binary and huge files as skipped instead of failing', () => {
        const r = cli(['check', 'content/binary.md', 'content/huge.md', '--format', 'json'], dir);
        assert.equal(r.code, 0, r.stderr);
        const report = JSON.parse(r.stdout) as { problems: JsonProblem[] };
        assert.deepEqual(
          report.problems.map((p) => [p.file, p.code, p.severity]),
          [
            ['content/binary.md', 'fm/unreadable', 'warning'],
            ['content/huge.md', 'fm/unreadable', 'warning'],
          ],
        );
        assert.match(report.problems[0].message, /binary/);
        assert.match(report.problems[1].message, /larger than the 10 MB/);
      });

      it('gives the same report on worker threads, on one thread with the read-ahead thread, and on one thread alone', () => {
        const one = cli(['check', '--format', 'json', '--jobs', '1'], dir);
        const many = cli(['check', '--format', 'json', '--jobs', '4'], dir);
        const alone = cli(['check', '--format', 'json', '--jobs', '1'], dir, { DEVOPS_NOTES_READ_AHEAD: '0' });
        assert.equal(one.code, 1, one.stderr);
        assert.equal(many.stdout, one.stdout);
        assert.equal(alone.stdout, one.stdout);
        // The binary and the too-big post are among them (the read-ahead thread leaves the big one to this thread).
        assert.ok(one.stdout.includes('larger than the 10 MB'));
        const report = JSON.parse(one.stdout) as { filesChecked: number; problems: JsonProblem[] };
        assert.equal(report.filesChecked, 322);
        const count = (code: string) => report.problems.filter((p) => p.code === code).length;
        // 107 posts write "Kubernetes", 213 "kubernetes": the minority spelling is flagged.
        assert.equal(count('fm/tag-spelling'), 107);
        assert.equal(count('fm/type'), 7);
      });
    });
  });

  describe('tags', () => {
    it('lists terms merged as Hugo merges them, with spellings, counts and files', () => {
      const r = cli(['tags', '--json'], site);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as {
        posts: number;
        taxonomies: { taxonomy: string; terms: { key: string; name: string; count: number; spellings: Record<string, number>; files: string[] }[]; untagged: string[] }[];
      };
      assert.equal(report.posts, 5);
      assert.deepEqual(report.taxonomies.map((t) => t.taxonomy), ['tags', 'categories', 'series']);
      const tags = report.taxonomies[0];
      assert.deepEqual(tags.terms.find((t) => t.key === 'kubernetes'), {
        key: 'kubernetes',
        name: 'kubernetes',
        count: 3,
        spellings: { kubernetes: 2, Kubernetes: 1 },
        files: ['content/posts/good.md', 'content/posts/json-post.md', 'content/posts/toml-post.md'],
      });
      assert.deepEqual(tags.terms.find((t) => t.key === 'docker')?.spellings, { docker: 2, Docker: 1 });
      assert.deepEqual(report.taxonomies[2].terms.map((t) => [t.name, t.count]), [['basics', 2]]);
    });

    it('--json=summary is the full report without paths, on one line', () => {
      const full = JSON.parse(cli(['tags', '--json'], site).stdout) as { taxonomies: { taxonomy: string; terms: { files?: string[] }[]; untagged?: string[]; untaggedCount?: number }[] };
      const r = cli(['tags', '--json=summary'], site);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trimEnd().split('\n').length, 1);
      const summary = JSON.parse(r.stdout) as typeof full;
      // What the summary leaves out, taken from the full report, gives the summary back.
      for (const t of full.taxonomies) {
        for (const term of t.terms) delete term.files;
        t.untaggedCount = t.untagged!.length;
        delete t.untagged;
      }
      assert.deepEqual(summary, full);
      assert.ok(summary.taxonomies.some((t) => t.untaggedCount! > 0));
    });

    it('prints terms, counts and files as text', () => {
      const r = cli(['tags', 'content/posts/good.md', 'content/posts/toml-post.md'], site);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Terms merged as Hugo 0\.165\.0 merges them \(default: the newest Hugo\)\.\n\ntags: 3 terms \(0 of 2 posts have none\)\n {2}kubernetes {2}2 posts\n {4}content\/posts\/good\.md\n {4}content\/posts\/toml-post\.md\n/);
    });
  });

  describe('the site’s Hugo version', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'devops-notes-hugo-version-'));
      mkdirSync(join(dir, 'content/posts'), { recursive: true });
      writeFileSync(join(dir, 'netlify.toml'), '[build.environment]\nHUGO_VERSION = "0.122.0"\n');
      writeFileSync(join(dir, 'content/posts/a.md'), '---\ntitle: A\ndate: 2024-03-14\ntags: [C++]\n---\n');
      writeFileSync(join(dir, 'content/posts/b.md'), '---\ntitle: B\ndate: 2024-13-45\ntags: ["c++!"]\ntags: [c++!]\n---\n');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('is found in netlify.toml, named in the summary, and decides terms, dates and repeated keys', () => {
      const r = cli(['check'], dir);
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /b\.md:3:7: warning fm\/date-format .*Hugo 0\.122\.0 \(before 0\.135\) silently drops a date/);
      assert.match(r.stdout, /b\.md:4:1: warning fm\/duplicate-key .*keeps only the last value/);
      assert.match(r.stdout, /\nJudged as Hugo 0\.122\.0 \(netlify\.toml \(HUGO_VERSION\)\)\.\n$/);
      const tags = JSON.parse(cli(['tags', '--json'], dir).stdout) as { hugo: { version: string }; taxonomies: { terms: { key: string; count: number; sharesUrlWith?: string[] }[] }[] };
      assert.equal(tags.hugo.version, '0.122.0');
      assert.deepEqual(tags.taxonomies[0].terms.map((t) => [t.key, t.count]), [['c++', 2]]);
    });

    it('.devops-notes.json hugo.version wins: from 0.123 they are two terms sharing one URL, and the errors are errors', () => {
      writeFileSync(join(dir, '.devops-notes.json'), '{ "hugo": { "version": "0.152.0" } }');
      try {
        const r = cli(['check'], dir);
        assert.equal(r.code, 1);
        assert.match(r.stdout, /b\.md:3:7: error fm\/date-format .*stops the build/);
        assert.match(r.stdout, /b\.md:5:1: error fm\/duplicate-key .*\(YAML 1\.2, from Hugo 0\.152\) stops the build/);
        assert.match(r.stdout, /Judged as Hugo 0\.152\.0 \(\.devops-notes\.json \(hugo\.version\)\)\.\n$/);
        const text = cli(['tags'], dir).stdout;
        assert.match(text, /shares the page \/tags\/c\+\+\/ with "c\+\+!": two terms to Hugo, one page overwrites the other/);
      } finally {
        rmSync(join(dir, '.devops-notes.json'));
      }
    });

    it('says when disableKinds leaves the site without term pages', () => {
      writeFileSync(join(dir, 'hugo.toml'), 'disableKinds = ["term"]\n');
      try {
        const r = cli(['tags', '--json'], dir);
        assert.equal((JSON.parse(r.stdout) as { termPages: boolean }).termPages, false);
        assert.match(cli(['tags'], dir).stdout, /This site builds no term pages: disableKinds = \["term"\]/);
      } finally {
        rmSync(join(dir, 'hugo.toml'));
      }
    });
  });
});

describe('devops-notes usage mistakes, as a pipeline meets them (built CLI)', () => {
  const demo = join(REPO, 'demo');
  const post = join(demo, 'content', 'posts', 'kubectl-port-forward.md');
  const usage = [
    ['render', 'with no file', ['render']],
    ['render', 'with two files', ['render', post, post]],
    ['render', 'with an unknown flag', ['render', '--bogus', post]],
    ['render', 'with a missing file', ['render', join(demo, 'no-such-post.md')]],
    ['check', 'with a missing file', ['check', join(demo, 'no-such-post.md')]],
    ['tags', 'with an unknown flag', ['tags', '--bogus', demo]],
    ['tags', 'with an unknown JSON shape', ['tags', '--json=brief', demo]],
  ] as const;
  for (const [command, what, args] of usage) {
    it(`${command} ${what}: one line on stderr, exit 2`, () => {
      const r = cli([...args], REPO);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`^devops-notes ${command}: .* \\(see devops-notes ${command} --help\\)\\n$`));
    });
  }

  it('ends quietly when the reader closes the pipe early (tags | head -1)', () => {
    // A shell pipeline: head reads one line and exits; the CLI must not print an EPIPE trace.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" tags --json "${demo}" | head -c 10 > /dev/null`], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    const big = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" tags "${demo}" | head -1; echo "exit:\${PIPESTATUS:-}"`], { encoding: 'utf8' });
    assert.doesNotMatch(big.stderr, /EPIPE|Error/);
  });
});
