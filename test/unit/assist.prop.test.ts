import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bodyReferences } from '../../src/core/assist/bodyLinks';
import { buildkitCompletions, buildkitHover, buildkitProblems } from '../../src/core/assist/buildkit';
import { frontMatterCompletions, frontMatterHover, type FrontMatterSite } from '../../src/core/assist/frontMatterAssist';
import { frontMatterCursor } from '../../src/core/assist/frontMatterCursor';
import { EMBEDDED_SHORTCODES, markdownImageCursor, shortcodeCompletions, shortcodeCursor } from '../../src/core/assist/shortcodes';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { repoRoot } from './support/catalog';

const SITE: FrontMatterSite = {
  taxonomies: ['tags', 'categories'],
  terms: () => [{ key: 'docker', postCount: 2, spellings: new Map([['Docker', 2]]) }],
  keyCounts: new Map([['toc', new Map([['toc', 1]])]]),
  dateSamples: ['2024-01-01'],
  now: new Date(0),
  offsetMinutes: () => 0,
};

/** Every assist entry point at every offset of `text`: none may throw. */
function everyOffset(text: string): number {
  const fm = parseFrontMatter(text);
  let offered = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    const cursor = frontMatterCursor(text, offset, fm);
    if (cursor) offered += frontMatterCompletions(cursor, fm, SITE).length;
    frontMatterHover(offset, fm, SITE);
    const sc = shortcodeCursor(text, offset, fm.bodyStart);
    if (sc) offered += shortcodeCompletions(sc, { shortcodes: EMBEDDED_SHORTCODES, pages: ['a.md'], bundleFiles: ['x.png'] }).length;
    markdownImageCursor(text, offset);
    offered += buildkitCompletions(text, offset).length;
    buildkitHover(text, offset);
  }
  buildkitProblems(text);
  bodyReferences(text, fm.bodyStart);
  return offered;
}

describe('assist: no input makes it throw', () => {
  it('at every offset of half-typed YAML, TOML and JSON front matter, shortcodes and Dockerfiles', () => {
    const docs = [
      '---\ntags: [a, "b\ntitle: x\n',
      '{\n "tags": ["a", "\n "draft": \n}\n',
      '{ "a": "\\u12", "tags": [ } ]\n',
      '+++\ntags = [\n "a",\n [x]\n+++\n{{< figure src="\n',
      '---\n- a\n: b\n---\n{{% %}} {{< /x >}} ![a](<b',
      'RUN --mount=type=,,=,type=cache,sharing= \\\n\\\n --\nFROM --platform=\n# check=skip=;;=\nCOPY --=x',
      '# syntax=\n#\n',
      '',
    ];
    let offered = 0;
    for (const d of docs) offered += everyOffset(d);
    assert.ok(offered > 100, 'the scan exercised completions');
  });

  it('on the fixture posts', () => {
    const dir = path.join(repoRoot, 'test', 'fixtures', 'workspace', 'content', 'assist');
    for (const f of ['yaml-post.md', 'toml-post.md', 'json-post.md', 'bundle/index.md', 'Dockerfile']) everyOffset(fs.readFileSync(path.join(dir, f), 'utf8'));
  });
});
