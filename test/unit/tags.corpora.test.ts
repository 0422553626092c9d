import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { termKey } from '../../src/core/tags/termKey';
import { applyEdits, computeTermEdits, type TermChange, type TextEdit } from '../../src/core/tags/termEdits';

/**
 * Issue 17: a tag rename and a merge on each real Hugo site (`../shared/corpora/`, read only)
 * change nothing but the term values, and undoing the edits restores every byte. The editor
 * applies these same edits as one WorkspaceEdit (one undo step).
 */
const CORPORA = join(__dirname, '..', '..', '..', 'shared', 'corpora');
const SITES = ['cncf-glossary', 'fluxcd-website', 'jessfraz-blog'];

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|markdown)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function tagsOf(text: string): string[] {
  const tags = parseFrontMatter(text).data.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '') : [];
}

/** The edits that take the edited text back to the original (what one undo does). */
function inverse(original: string, edits: readonly TextEdit[]): TextEdit[] {
  let shift = 0;
  return [...edits].sort((a, b) => a.start - b.start).map((e) => {
    const start = e.start + shift;
    shift += e.newText.length - (e.end - e.start);
    return { start, end: start + e.newText.length, newText: original.slice(e.start, e.end) };
  });
}

const unquote = (s: string) => s.trim().replace(/^[-,\s[]+|[\],\s]+$/g, '').replace(/^(["'])(.*)\1$/, '$2');

describe('tag rename and merge on the real Hugo sites (../shared/corpora)', function () {
  this.timeout(60_000);
  before(() => assert.ok(existsSync(CORPORA), `the real sites are expected at ${CORPORA}`));

  for (const site of SITES) {
    it(`${site}: only term values change, and undo restores every byte`, () => {
      const posts = markdownFiles(join(CORPORA, site)).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
      const counts = new Map<string, { spelling: string; posts: number }>();
      for (const p of posts) {
        for (const key of new Set(tagsOf(p.text).map((t) => termKey(t)))) {
          const spelling = tagsOf(p.text).find((t) => termKey(t) === key)!;
          counts.set(key, { spelling, posts: (counts.get(key)?.posts ?? 0) + 1 });
        }
      }
      const ranked = [...counts.values()].sort((a, b) => b.posts - a.posts);
      const changes: TermChange[] = [];
      if (ranked[0]) changes.push({ kind: 'rename', taxonomy: 'tags', from: ranked[0].spelling, to: 'Renamed Term' });
      if (ranked[1]) changes.push({ kind: 'rename', taxonomy: 'tags', from: ranked[1].spelling, to: ranked[0].spelling });
      let edited = 0;
      for (const change of changes) {
        if (change.kind !== 'rename') continue;
        const fromKey = termKey(change.from);
        for (const { file, text } of posts) {
          const result = computeTermEdits(text, change);
          const had = tagsOf(text).some((t) => termKey(t) === fromKey);
          if (!had) {
            assert.equal(result.edits.length, 0, `${file} does not carry ${change.from}`);
            continue;
          }
          assert.equal(result.skipped, undefined, `${file}: ${result.skipped}`);
          assert.ok(result.edits.length > 0, `${file} carries ${change.from}`);
          for (const e of result.edits) {
            // Each edit replaces one value of the term (or removes a repeat of it): nothing else.
            assert.equal(termKey(unquote(text.slice(e.start, e.end))), fromKey, `${file}: edit of "${text.slice(e.start, e.end)}"`);
            if (e.newText !== '') assert.equal(unquote(e.newText), change.to, `${file}: new text "${e.newText}"`);
          }
          const after = applyEdits(text, result.edits);
          const keys = tagsOf(after).map((t) => termKey(t));
          assert.ok(!keys.includes(fromKey) || fromKey === termKey(change.to), `${file}: ${change.from} is gone`);
          assert.ok(keys.includes(termKey(change.to)), `${file}: ${change.to} is there`);
          assert.equal(applyEdits(after, inverse(text, result.edits)), text, `${file}: undo restores every byte`);
          edited++;
        }
      }
      assert.ok(edited > 0 || ranked.length === 0, `${site}: some posts were edited`);
    });
  }
});
