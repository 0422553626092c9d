import * as assert from 'node:assert/strict';
import { applicableLanguages, insertionContext, planInsertion } from '../../src/core/snippets/insertion';

const NOTE = [
  '---',
  'title: BuildKit notes',
  '---',
  '',
  'Some prose about secrets.',
  '',
  '```dockerfile',
  'FROM alpine',
  '',
  '```',
  '',
  '```bash',
  'docker ps',
  '```',
  '',
  '```python',
  'print(1)',
  '```',
].join('\n');

/** Offset of the start of `line` (zero-based) plus `character`. */
function at(line: number, character = 0): number {
  return NOTE.split('\n').slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
}

describe('where a command snippet goes', () => {
  it('knows prose, fences of each language, and front matter in a Markdown note', () => {
    assert.deepEqual(insertionContext('markdown', NOTE, at(4, 5)), { kind: 'prose' });
    assert.deepEqual(insertionContext('markdown', NOTE, at(8)), { kind: 'fence', language: 'dockerfile', info: 'dockerfile' });
    assert.deepEqual(insertionContext('markdown', NOTE, at(12, 3)), { kind: 'fence', language: 'shellscript', info: 'bash' });
    assert.deepEqual(insertionContext('markdown', NOTE, at(16)), { kind: 'fence', language: undefined, info: 'python' });
    assert.deepEqual(insertionContext('markdown', NOTE, at(1, 3)), { kind: 'frontMatter' });
    // After a closing fence the cursor is back in prose.
    assert.deepEqual(insertionContext('markdown', NOTE, at(10)), { kind: 'prose' });
  });

  it('treats other documents by their language', () => {
    assert.deepEqual(insertionContext('dockerfile', 'FROM x', 3), { kind: 'file', language: 'dockerfile' });
    assert.deepEqual(insertionContext('shellscript', '', 0), { kind: 'file', language: 'shellscript' });
    assert.deepEqual(insertionContext('plaintext', '', 0), { kind: 'file', language: undefined });
  });

  it('offers the languages that fit: Dockerfile snippets in Dockerfiles, everything in prose', () => {
    assert.deepEqual(applicableLanguages({ kind: 'file', language: 'dockerfile' }), ['dockerfile']);
    assert.deepEqual(applicableLanguages({ kind: 'fence', language: 'shellscript', info: 'bash' }), ['shellscript']);
    assert.deepEqual(applicableLanguages({ kind: 'file', language: 'yaml' }), ['yaml', 'shellscript']);
    assert.deepEqual(applicableLanguages({ kind: 'prose' }), ['dockerfile', 'shellscript', 'yaml', 'markdown']);
    assert.equal(applicableLanguages({ kind: 'file', language: undefined }), undefined);
  });

  it('wraps a code snippet in a fence of the right language when the cursor is in prose', () => {
    const body = 'RUN --mount=type=${1|cache,secret|},target=${2:/mnt} \\\n    ${3:command}';
    assert.equal(planInsertion({ kind: 'prose' }, 'dockerfile', body, '', ''), `\`\`\`dockerfile\n${body}\n\`\`\``);
    assert.equal(planInsertion({ kind: 'prose' }, 'shellscript', 'docker ps$0', '', ''), '```bash\ndocker ps$0\n```');
    assert.equal(planInsertion({ kind: 'prose' }, 'yaml', 'a: ${1:b}', '', ''), '```yaml\na: ${1:b}\n```');
  });

  it('puts the fence on lines of its own when the cursor is mid-line', () => {
    assert.equal(planInsertion({ kind: 'prose' }, 'shellscript', 'docker ps', 'Run ', ' to see them.'), '\n```bash\ndocker ps\n```\n');
  });

  it('uses a longer fence when the body has a fence of its own', () => {
    assert.equal(planInsertion({ kind: 'prose' }, 'yaml', 'x: |\n  ```\n  y\n  ```', '', ''), '````yaml\nx: |\n  ```\n  y\n  ```\n````');
  });

  it('inserts plainly inside a matching fence, in Dockerfiles and shell scripts, and for Markdown snippets', () => {
    assert.equal(planInsertion({ kind: 'fence', language: 'dockerfile', info: 'dockerfile' }, 'dockerfile', 'FROM x', '', ''), 'FROM x');
    assert.equal(planInsertion({ kind: 'file', language: 'shellscript' }, 'shellscript', 'docker ps', 'x ', ''), 'docker ps');
    assert.equal(planInsertion({ kind: 'prose' }, 'markdown', '{{< figure >}}', '', ''), '{{< figure >}}');
  });

  it('keeps a closing fence on its own line when inserting right before it', () => {
    assert.equal(planInsertion({ kind: 'fence', language: 'shellscript', info: 'bash' }, 'shellscript', 'docker ps', '', '```'), 'docker ps\n');
  });
});
