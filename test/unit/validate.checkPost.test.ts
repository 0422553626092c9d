import * as assert from 'node:assert/strict';
import { listingFileExists, MAX_POST_BYTES, UNREADABLE } from '../../src/core/fs';
import { checkPost, defaultValidationConfig, type PostContent, type ValidationConfig } from '../../src/core/validate';

/**
 * The one per-post check behind `devops-notes check` and "Check All Posts": what was read goes
 * in, the problems (fm/unreadable first) and the terms come out.
 */
describe('checkPost (the per-post check of the CLI and Check All Posts)', () => {
  const POST = '---\ntitle: Post\ndate: 2024-01-01\ntags: [Docker, docker, k8s]\ncover: /gone.png\n---\nBody {{< figure src="/also-gone.png" >}}\n';
  const withUnreadable = (severity: ValidationConfig['severities']['fm/unreadable']): ValidationConfig => {
    const config = defaultValidationConfig();
    return { ...config, severities: { ...config.severities, 'fm/unreadable': severity } };
  };
  const options = (config = defaultValidationConfig()) => ({ config, filePath: '/site/content/p.md', siteRoot: '/site', fileExists: () => false });
  const codes = async (content: PostContent, config?: ValidationConfig) => (await checkPost(content, options(config))).problems.map((p) => [p.code, p.severity, p.message]);

  it('checks bytes and an editor text alike, and gives the terms in order', async () => {
    const fromBytes = await checkPost({ bytes: Buffer.from(POST) }, options());
    const fromText = await checkPost({ text: POST }, options());
    const summary = (c: typeof fromBytes) => c.problems.map((p) => [p.code, c.text.slice(p.start, p.end)]);
    assert.deepEqual(summary(fromBytes), summary(fromText));
    assert.deepEqual(summary(fromText), [
      ['fm/duplicate-tag', 'docker'],
      ['fm/missing-file', '/gone.png'],
      ['fm/missing-file', '/also-gone.png'],
    ]);
    assert.deepEqual(
      fromBytes.terms.map((t) => [t.spelling, t.key]),
      [
        ['Docker', 'docker'],
        ['docker', 'docker'],
        ['k8s', 'k8s'],
      ],
    );
  });

  it('says why a post cannot be checked, with the configured severity of fm/unreadable', async () => {
    assert.deepEqual(await codes({ failed: 'EACCES' }), [['fm/unreadable', 'warning', 'Skipped: cannot read the file (EACCES)']]);
    assert.deepEqual(await codes({ tooBig: MAX_POST_BYTES + 1 }, withUnreadable('error')), [['fm/unreadable', 'error', UNREADABLE.tooBig(MAX_POST_BYTES + 1)]]);
    assert.deepEqual(await codes({ bytes: Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00]) }, withUnreadable('info')), [['fm/unreadable', 'info', UNREADABLE.binary]]);
    assert.deepEqual(await codes({ failed: 'EIO' }, withUnreadable('off')), []);
  });

  it('checks a post that is not UTF-8 as decoded, after saying so', async () => {
    const bytes = Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\ndate: 2024-13-01\n---\n')]);
    const checked = await checkPost({ bytes }, options());
    assert.deepEqual(
      checked.problems.map((p) => p.code),
      ['fm/unreadable', 'fm/date-format'],
    );
    assert.equal(checked.problems[0].message, UNREADABLE.notUtf8);
    assert.ok(checked.text.includes('Caf\ufffd'));
  });
});

describe('listingFileExists (one listing per folder)', () => {
  it('lists each folder once, answering at once for a synchronous lister', () => {
    const listed: string[] = [];
    const exists = listingFileExists((dir) => {
      listed.push(dir);
      return new Set(dir === '/site/static' ? ['a.png', 'b.png'] : []);
    });
    const answers: boolean[] = [exists('/site/static/a.png'), exists('/site/static/c.png'), exists('/site/static/b.png'), exists('/top.png')];
    assert.deepEqual(answers, [true, false, true, false]);
    assert.deepEqual(listed, ['/site/static', '/']);
  });

  it('shares one pending listing between the questions of an asynchronous lister', async () => {
    let calls = 0;
    const exists = listingFileExists(async (): Promise<ReadonlySet<string>> => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return new Set(['x.svg']);
    });
    assert.deepEqual(await Promise.all([exists('/d/x.svg'), exists('/d/y.svg')]), [true, false]);
    assert.equal(calls, 1);
  });
});
