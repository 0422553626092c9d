import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs the BUILT CLI, as a pipeline would; the child's timeout only guards against a hang (it fails the test, it measures nothing). */
const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  assert.equal(r.signal, null, `the CLI was killed after 60 s (a hang): ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('devops-notes check with hostile patterns in .devops-notes.json (built CLI)', function () {
  this.timeout(180_000);
  let dir = '';
  before(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' });
    dir = mkdtempSync(join(tmpdir(), 'dn-pattern-'));
    mkdirSync(join(dir, 'content', 'posts'), { recursive: true });
    writeFileSync(join(dir, 'content', 'posts', 'p.md'), `---\ntitle: Ticket\ndate: 2024-01-01\nticket: "${'a'.repeat(40)}!"\n---\nBody\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finishes with ^(a+)+$ on 40 a\'s and a "!" and reports the value that does not match', () => {
    writeFileSync(join(dir, '.devops-notes.json'), JSON.stringify({ frontMatter: { fields: { ticket: { type: 'string', pattern: '^(a+)+$' } } } }));
    const r = cli(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout) as { problems: { file: string; line: number; column: number; code: string; severity: string; message: string }[] };
    assert.deepEqual(
      report.problems.map((p) => [p.file, p.line, p.column, p.code, p.severity]),
      [['content/posts/p.md', 4, 9, 'fm/pattern', 'error']],
    );
    assert.match(report.problems[0].message, /does not match the pattern configured for "ticket"/);
  });

  it('reports a pattern the linear-time engine cannot take at its line in .devops-notes.json, and checks the rest', () => {
    writeFileSync(join(dir, '.devops-notes.json'), '{\n  "frontMatter": {\n    "fields": {\n      "ticket": { "type": "string", "pattern": "^(a)\\\\1+$" }\n    }\n  }\n}\n');
    const r = cli(['check'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^\.devops-notes\.json:4:\d+: warning: Backreferences such as \\1 are not supported: patterns use RE2 syntax/m);
    assert.equal(r.stdout, 'No problems in 1 file.\nJudged as Hugo 0.165.0 (default: the newest Hugo).\n');
  });
});
