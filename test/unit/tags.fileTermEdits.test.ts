import * as assert from 'node:assert/strict';
import { computeFileTermEdits, type PositionedEdit } from '../../src/core/tags/fileTermEdits';
import { applyEdits, computeTermEdits, type TermChange } from '../../src/core/tags/termEdits';

const rename = (from: string, to: string): TermChange => ({ kind: 'rename', taxonomy: 'tags', from, to });
const remove = (term: string): TermChange => ({ kind: 'remove', taxonomy: 'tags', term });
const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * Applies edits by their line/character ranges to `lines` (the document's lines, as VS Code
 * splits them, without line endings) joined by `eol`: what VS Code does with the WorkspaceEdit.
 */
function applyByRange(text: string, eol: string, edits: readonly PositionedEdit[]): string {
  const lines = text.split(eol);
  const offsetOf = (line: number, character: number) => lines.slice(0, line).reduce((n, l) => n + l.length + eol.length, 0) + character;
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    const s = offsetOf(e.range.start.line, e.range.start.character);
    const t = offsetOf(e.range.end.line, e.range.end.character);
    out = out.slice(0, s) + e.newText + out.slice(t);
  }
  return out;
}

describe('term edits planned from a file’s bytes', () => {
  const yaml = '---\ntitle: "Post"\ntags:\n  - docker\n  - k8s\n---\nBody\n';
  const json = '{\n  "title": "J",\n  "tags": ["helm", "docker"]\n}\nBody\n';

  for (const eol of ['\n', '\r\n']) {
    const name = JSON.stringify(eol);
    it(`gives the ranges VS Code's document of the file has, with ${name} line endings`, () => {
      for (const [text, change] of [
        [yaml, rename('docker', 'Docker Engine')],
        [yaml, remove('docker')],
        [json, rename('docker', 'Docker Engine')],
        [json, remove('helm')],
      ] as const) {
        const file = text.replace(/\n/g, eol);
        const result = computeFileTermEdits(bytes(file), change);
        assert.equal(result.skipped, undefined);
        assert.ok(result.edits.length > 0, 'something to change');
        // The offsets are those computeTermEdits gives on the text; the ranges say the same.
        assert.deepEqual(
          result.edits.map(({ start, end, newText }) => ({ start, end, newText })),
          computeTermEdits(file, change).edits,
        );
        assert.equal(applyByRange(file, eol, result.edits), applyEdits(file, result.edits));
        assert.notEqual(applyEdits(file, result.edits), file);
      }
    });
  }

  it('counts positions without a BOM, as VS Code loads the file', () => {
    const file = `\ufeff---\ntags: [docker, ops]\n---\n`;
    const result = computeFileTermEdits(bytes(file), rename('docker', 'moby'));
    assert.equal(result.skipped, undefined);
    assert.deepEqual(
      result.edits.map((e) => [e.range.start, e.range.end, e.newText]),
      [[{ line: 1, character: 7 }, { line: 1, character: 13 }, 'moby']],
    );
  });

  it('leaves alone a file that mixes line endings or is not UTF-8, saying why', () => {
    const mixed = computeFileTermEdits(bytes('---\r\ntags: [docker]\n---\n'), remove('docker'));
    assert.deepEqual(mixed.edits, []);
    assert.match(mixed.skipped ?? '', /mixes line endings/);
    const latin1 = computeFileTermEdits(Uint8Array.from([...bytes('---\ntags: [docker]\ntitle: caf'), 0xe9, ...bytes('\n---\n')]), remove('docker'));
    assert.deepEqual(latin1.edits, []);
    assert.match(latin1.skipped ?? '', /not valid UTF-8/);
  });

  it('passes on why computeTermEdits refuses, and finds nothing in a post without the term', () => {
    const broken = computeFileTermEdits(bytes('---\ntags: [docker\n---\n'), remove('docker'));
    assert.deepEqual(broken.edits, []);
    assert.match(broken.skipped ?? '', /front matter has an error/);
    assert.deepEqual(computeFileTermEdits(bytes(yaml), remove('podman')), { edits: [], skipped: undefined });
  });
});
