/**
 * Properties of the front matter validator and its quick fixes: nothing throws, every range is
 * inside the document, and a fix changes only the bytes it means to (line endings and quoting
 * kept, every other field read back unchanged).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFrontMatter, type FieldNode } from '../../src/core/frontmatter';
import { applyEdits, resolveValidationConfig, validateFrontMatter, type FrontMatterDiagnostic, type TextEdit, type ValidateOptions } from '../../src/core/validate';
import { FORMATS, arbitraryText, markdownBody, mutatedPost, postData, tagString, writePost, writeStyle, type PostData } from './generators';
import { assertRangeInside } from './invariants';
import type { NamedProperty } from './runner';

/** Validation with every rule on, allowed terms and spellings configured, and a fixed clock. */
export const STRICT_OPTIONS: ValidateOptions = {
  config: resolveValidationConfig({
    requiredFields: ['title', 'date', 'tags'],
    allowedTags: { categories: ['docker', 'kubernetes', 'ci-cd', 'notes'] },
    unknownKeys: 'all',
    taxonomies: ['series'],
  }),
  termSpellings: (_taxonomy, key) => (key === 'docker' ? [{ spelling: 'Docker', count: 9 }, { spelling: 'docker', count: 1 }] : []),
  now: new Date('2024-03-01T12:00:00Z'),
  utcOffsetMinutes: 60,
  filePath: '/site/content/posts/p.md',
};

/** Front matter with the mistakes the fixes exist for, mixed with correct fields. */
const mistakes: fc.Arbitrary<PostData> = fc.record(
  {
    tittle: fc.constant('Misspelled key'),
    Title: fc.constant('Second title'),
    date: fc.constantFrom('2019-02-30', '15.01.2024', '2024-1-5', '2024-01-15 10:00', 'January 5, 2024', '2024-01-15T25:00:00Z'),
    lastmod: fc.constantFrom('2019-01-01', '2030-01-01'),
    tags: fc.oneof(fc.constantFrom('docker, k8s', 'docker kubernetes', 'one'), fc.array(fc.constantFrom('docker', 'Docker', 'DOCKER', 'k8s', 'K8s', '', ' '), { maxLength: 5 })),
    categories: fc.array(fc.constantFrom('docker', 'Docker', 'dokcer', 'Kubernetes', 'kubernets', 'notes', 'random'), { maxLength: 4 }),
    series: fc.constantFrom('a b', 'a, b'),
    draft: fc.constantFrom('yes', 'no', 'true', 1, 0, 'nope'),
    weight: fc.constantFrom('10', 'ten', 1.5),
    description: fc.constantFrom('', ' '),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<PostData>;

/** A well-formed post (any format, any line endings) whose front matter needs fixing. */
export const fixablePost = fc
  .tuple(fc.constantFrom(...FORMATS), fc.tuple(postData, mistakes), markdownBody, writeStyle, fc.boolean())
  .map(([format, [data, bad], body, style, dropTitle]) => {
    const merged: PostData = { ...data, ...bad };
    if (dropTitle) delete merged.title;
    return { format, style, text: writePost(format, merged, body, style) };
  });

function assertDiagnosticsInside(text: string, diagnostics: FrontMatterDiagnostic[]): void {
  for (const d of diagnostics) {
    assertRangeInside(`${d.code} "${d.message}"`, d.start, d.end, text.length);
    assert.ok(d.message.trim().length > 0, `${d.code} has a message`);
    for (const fix of d.fixes) {
      assert.ok(fix.title.trim().length > 0, `${d.code} fix has a title`);
      const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
      sorted.forEach((e, i) => {
        assertRangeInside(`fix "${fix.title}" edit`, e.start, e.end, text.length);
        if (i > 0) assert.ok(sorted[i - 1].end <= e.start, `fix "${fix.title}": edits overlap`);
      });
    }
  }
}

/** From the start of the field's line to the start of the line after its value. */
function fieldExtent(text: string, f: FieldNode): [number, number] {
  const start = text.lastIndexOf('\n', f.keyStart - 1) + 1;
  const nl = text.indexOf('\n', Math.max(f.value.end - 1, f.keyEnd));
  return [start, nl === -1 ? text.length : nl + 1];
}

function touches(e: TextEdit, [s, t]: [number, number]): boolean {
  return e.start < t && e.end > s;
}

/**
 * Checks one fix of a diagnostic on a document that parsed without errors: its edits sit inside
 * one field (or only insert text), keep the document's line endings, and after applying them the
 * document still parses cleanly with every field the edits did not touch unchanged.
 */
export function assertFixIsSurgical(text: string, d: FrontMatterDiagnostic, fixIndex: number, before = parseFrontMatter(text)): void {
  const fix = d.fixes[fixIndex];
  const where = `${d.code} fix "${fix.title}" on\n${JSON.stringify(text)}`;
  // The block's own line endings (a body may hold others); mixed blocks are not checked.
  const breaks = text.slice(before.blockStart, before.blockEnd).match(/\r?\n/g) ?? [];
  const crlf = breaks.length > 0 && breaks.every((b) => b === '\r\n');
  const lf = breaks.every((b) => b === '\n');
  for (const e of fix.edits) {
    assert.ok(e.start >= before.blockStart && e.end <= before.blockEnd, `${where}: edit outside the front matter block`);
    if (e.start !== e.end) {
      assert.ok(
        before.fields.some((f) => {
          const [s, t] = fieldExtent(text, f);
          return e.start >= s && e.end <= t;
        }),
        `${where}: edit [${e.start}, ${e.end}) spans more than one field`,
      );
    }
    if (crlf) assert.ok(!/(^|[^\r])\n/.test(e.newText), `${where}: a bare LF in a CRLF document: ${JSON.stringify(e.newText)}`);
    else if (lf) assert.ok(!e.newText.includes('\r'), `${where}: a CR in an LF document: ${JSON.stringify(e.newText)}`);
  }
  const after = applyEdits(text, fix.edits);
  const reparsed = parseFrontMatter(after);
  assert.equal(reparsed.format, before.format, `${where}: format changed`);
  assert.deepEqual(reparsed.errors, [], `${where}: the fixed document does not parse:\n${JSON.stringify(after)}`);
  assert.equal(after.slice(reparsed.bodyStart), text.slice(before.bodyStart), `${where}: the body changed`);
  // Every field no edit touched reads back with the same key, value and bytes.
  const untouched = before.fields.filter((f) => !fix.edits.some((e) => touches(e, fieldExtent(text, f)) || (e.start === e.end && e.start > f.keyStart && e.start < f.value.end)));
  for (const f of untouched) {
    const same = reparsed.fields.find((g) => g.key === f.key && after.slice(g.keyStart, g.value.end) === text.slice(f.keyStart, f.value.end));
    assert.ok(same, `${where}: field "${f.key}" was changed or lost`);
    assert.deepEqual(same.value.value, f.value.value, `${where}: value of "${f.key}"`);
  }
}

export function validatorProperties(): NamedProperty[] {
  return [
    {
      name: 'validator: never throws and keeps every diagnostic and fix inside mutated posts',
      cost: 2,
      property: fc.property(fc.oneof(mutatedPost().map((m) => m.text), arbitraryText, fixablePost.map((p) => p.text)), (text) => {
        assertDiagnosticsInside(text, validateFrontMatter(text, STRICT_OPTIONS));
        assertDiagnosticsInside(text, validateFrontMatter(text));
      }),
    },
    {
      name: 'quick fixes: change only their field, keep line endings, and leave every other field byte for byte',
      cost: 4,
      property: fc.property(fixablePost, (post) => {
        const parsed = parseFrontMatter(post.text);
        fc.pre(parsed.errors.length === 0);
        const diagnostics = validateFrontMatter(post.text, { ...STRICT_OPTIONS, parsed });
        for (const d of diagnostics) d.fixes.forEach((_, i) => assertFixIsSurgical(post.text, d, i, parsed));
      }),
    },
    {
      name: 'quick fixes: the preferred fix removes the problem it is offered for',
      cost: 4,
      property: fc.property(fixablePost, (post) => {
        fc.pre(parseFrontMatter(post.text).errors.length === 0);
        for (const d of validateFrontMatter(post.text, STRICT_OPTIONS)) {
          const fix = d.fixes.find((f) => f.isPreferred);
          if (!fix) continue;
          const after = applyEdits(post.text, fix.edits);
          // The same message must be gone from where the problem was (a required field added
          // empty turns "missing" into "empty"; an identical problem further on may move up).
          const shift = fix.edits.filter((e) => e.end <= d.start).reduce((n, e) => n + e.newText.length - (e.end - e.start), 0);
          const replaced = fix.edits.find((e) => e.start <= d.start && d.start < e.end);
          const wasHere = (x: FrontMatterDiagnostic) =>
            replaced ? x.start >= replaced.start + shift && x.start < replaced.start + shift + replaced.newText.length : x.start === d.start + shift;
          const remains = validateFrontMatter(after, STRICT_OPTIONS).find((x) => x.code === d.code && x.message === d.message && wasHere(x));
          assert.equal(remains, undefined, `${d.code} "${d.message}" remains after "${fix.title}":\n${JSON.stringify(after)}`);
        }
      }),
    },
    {
      name: 'validator: tags of any spelling in any format never make it throw',
      property: fc.property(fc.constantFrom(...FORMATS), fc.array(tagString, { maxLength: 8 }), writeStyle, markdownBody, (format, tags, style, body) => {
        const text = writePost(format, { title: 't', tags, categories: tags }, body, style);
        assertDiagnosticsInside(text, validateFrontMatter(text, STRICT_OPTIONS));
      }),
    },
  ];
}
