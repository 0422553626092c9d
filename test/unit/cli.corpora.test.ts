import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Issue 17: with default settings, `devops-notes check` on each real Hugo site kept beside the
 * repository (`../shared/corpora/`, three sites that build with Hugo) finds no error and exits 0.
 */
const REPO = join(__dirname, '..', '..');
const CORPORA = join(REPO, '..', 'shared', 'corpora');
const SITES = ['cncf-glossary', 'fluxcd-website', 'jessfraz-blog'];

interface Report {
  filesChecked: number;
  errorCount: number;
  problems: { file: string; severity: string; code: string; message: string }[];
}

describe('devops-notes check on real Hugo sites (../shared/corpora)', function () {
  this.timeout(180_000);
  before(() => {
    assert.ok(existsSync(CORPORA), `the real sites are expected at ${CORPORA}`);
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' });
  });

  const reports = new Map<string, Report>();
  const run = (site: string): Report => {
    let report = reports.get(site);
    if (!report) {
      const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', join(CORPORA, site), '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.equal(r.status, 0, `${site}: exit code ${r.status}\n${r.stderr}\n${r.stdout.slice(0, 2000)}`);
      report = JSON.parse(r.stdout) as Report;
      reports.set(site, report);
    }
    return report;
  };

  for (const site of SITES) {
    it(`${site}: exits 0 with no errors`, () => {
      const report = run(site);
      assert.ok(report.filesChecked > 50, `${site}: ${report.filesChecked} files`);
      assert.deepEqual(report.problems.filter((p) => p.severity === 'error'), [], site);
      assert.equal(report.errorCount, 0);
    });
  }

  it('asks docs pages for no date, and still finds the page whose title key was translated', () => {
    const flux = run('fluxcd-website');
    assert.deepEqual(flux.problems.filter((p) => p.code === 'fm/required'), []);
    const glossary = run('cncf-glossary');
    const required = glossary.problems.filter((p) => p.code === 'fm/required');
    assert.deepEqual(
      required.map((p) => [p.file.slice(p.file.indexOf('content/')), p.message]),
      [['content/hi/vertical-scaling.md', 'Missing required field "title"']],
    );
    // Its `category` is the site's own field (carried by nearly every page), not a typo of `categories`.
    assert.deepEqual(glossary.problems.filter((p) => p.code === 'fm/unknown-key'), []);
    // The template's empty tag slots: Hugo skips them, so they are only info.
    assert.ok(glossary.problems.filter((p) => p.code === 'fm/empty-value' && p.message.startsWith('Empty term')).every((p) => p.severity === 'info'));
  });

  it('reads the folder of the three sites as those sites: their pages, none of the READMEs beside them', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', CORPORA, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const all = JSON.parse(r.stdout) as Report;
    assert.equal(all.filesChecked, SITES.reduce((n, site) => n + run(site).filesChecked, 0));
    assert.equal(all.errorCount, 0);
  });

  it('reads only the site content folders: no README, archetype or unmounted file is checked', () => {
    for (const site of SITES) {
      for (const p of run(site).problems) assert.match(p.file, /\/content\//, `${site}: ${p.file}`);
    }
    // fluxcd-website mounts content/en as its content: its README and internal_docs are not posts.
    const flux = run('fluxcd-website');
    assert.ok(flux.problems.every((p) => p.file.includes('/content/en/')));
  });
});
