import * as assert from 'node:assert/strict';
import { commonDateShape, formatDateShape, frontMatterCompletions, frontMatterHover, postStatus, quoteValue, type FrontMatterSite, type TermStat } from '../../src/core/assist/frontMatterAssist';
import { frontMatterCursor } from '../../src/core/assist/frontMatterCursor';
import { KeyCensus, topLevelKeys } from '../../src/core/assist/keyCensus';
import { parseFrontMatter } from '../../src/core/frontmatter';

const TERMS: TermStat[] = [
  { key: 'docker', postCount: 12, spellings: new Map([['Docker', 10], ['docker', 2]]) },
  { key: 'kubernetes', postCount: 30, spellings: new Map([['kubernetes', 30]]) },
  { key: 'ci-cd', postCount: 3, spellings: new Map([['CI CD', 3]]) },
];

function site(extra: Partial<FrontMatterSite> = {}): FrontMatterSite {
  return {
    taxonomies: ['tags', 'categories'],
    terms: (t) => (t === 'tags' ? TERMS : []),
    keyCounts: new Map([
      ['toc', new Map([['toc', 4], ['TOC', 1]])],
      ['title', new Map([['Title', 9], ['title', 2]])],
    ]),
    now: new Date(Date.UTC(2026, 11, 7, 10, 0, 0)),
    offsetMinutes: () => 60,
    ...extra,
  };
}

/** Completions at the `|` of `doc`. */
function complete(doc: string, s = site()) {
  const offset = doc.indexOf('|');
  const text = doc.slice(0, offset) + doc.slice(offset + 1);
  const fm = parseFrontMatter(text);
  const cursor = frontMatterCursor(text, offset, fm);
  return { cursor, items: cursor ? frontMatterCompletions(cursor, fm, s) : [], text };
}

describe('front matter assist: where the cursor is', () => {
  it('tells keys from values in YAML, TOML and JSON', () => {
    assert.equal(complete('---\nti|\n---\n').cursor?.kind, 'key');
    assert.deepEqual(complete('---\ntags: [do|]\n---\n').cursor && { ...complete('---\ntags: [do|]\n---\n').cursor }, { format: 'yaml', kind: 'value', key: 'tags', list: true, prefix: 'do', quote: '', start: 11, end: 13 });
    assert.equal(complete('+++\ndr|\n+++\n').cursor?.kind, 'key');
    const toml = complete('+++\ntags = ["ku|"]\n+++\n').cursor!;
    assert.deepEqual([toml.kind, toml.key, toml.list, toml.prefix, toml.quote], ['value', 'tags', true, 'ku', '"']);
    const json = complete('{\n  "title": "x",\n  "tags": ["k|"]\n}\n').cursor!;
    assert.deepEqual([json.kind, json.key, json.list, json.prefix], ['value', 'tags', true, 'k']);
    assert.equal(complete('{\n  "title": "x",\n  "ta|"\n}\n').cursor?.kind, 'key');
  });

  it('finds the owner of a YAML block list item and of a TOML multi-line array', () => {
    const yaml = complete('---\ntitle: x\ntags:\n  - docker\n  - ku|\n---\n').cursor!;
    assert.deepEqual([yaml.key, yaml.list, yaml.prefix], ['tags', true, 'ku']);
    const toml = complete('+++\ntags = [\n  "docker",\n  "ku|\n]\n+++\n').cursor!;
    assert.deepEqual([toml.key, toml.list, toml.prefix], ['tags', true, 'ku']);
  });

  it('offers nothing inside a TOML table or a nested YAML mapping, nor in the body', () => {
    assert.equal(complete('+++\n[params]\nfo|\n+++\n').cursor, undefined);
    assert.equal(complete('---\nparams:\n  fo|\n---\n').cursor, undefined);
    assert.equal(complete('---\ntitle: x\n---\nbody ta|').cursor, undefined);
  });
});

describe('front matter assist: completions', () => {
  it('offers terms most used first, in the spelling the site uses most, without those already listed', () => {
    const { items } = complete('---\ntags: [docker, |]\n---\n');
    assert.deepEqual(items.map((i) => i.label), ['kubernetes', 'CI CD']);
    assert.equal(items[0].description, '30 posts');
    const all = complete('---\ntags:\n  - |\n---\n').items;
    assert.deepEqual(all.map((i) => [i.label, i.insertText]), [['kubernetes', 'kubernetes'], ['Docker', 'Docker'], ['CI CD', 'CI CD']]);
  });

  it('counts other posts only: the term being typed here is not offered back', () => {
    // The live index reads unsaved text, so this post's half-typed "k" is a term of one post.
    const withOwn: TermStat[] = [...TERMS, { key: 'k', postCount: 1, spellings: new Map([['k', 1]]) }];
    const own = site({ terms: (t) => (t === 'tags' ? withOwn : []), ownTerms: (t) => (t === 'tags' ? [['k', 'k'], ['docker', 'docker']] : []) });
    const { items } = complete('---\ntags:\n  - k|\n---\n', own);
    assert.deepEqual(items.map((i) => [i.label, i.description]), [['kubernetes', '30 posts'], ['Docker', '11 posts'], ['CI CD', '3 posts']]);
    // Without the post's own terms the half-typed one shows up as a term of the site.
    const naive = complete('---\ntags:\n  - k|\n---\n', site({ terms: own.terms })).items.map((i) => i.label);
    assert.ok(naive.includes('k'));
  });

  it('quotes terms the way each format needs', () => {
    assert.deepEqual(complete('+++\ntags = [|]\n+++\n').items.map((i) => i.insertText), ['"kubernetes"', '"Docker"', '"CI CD"']);
    assert.deepEqual(complete('{\n "tags": ["|"]\n}\n').items.map((i) => i.insertText), ['"kubernetes"', '"Docker"', '"CI CD"']);
    assert.deepEqual(complete('---\ntags: |\n---\n').items.map((i) => i.insertText), ['[kubernetes]', '[Docker]', '[CI CD]'], 'a list is started');
    assert.equal(complete('+++\ntags = |\n+++\n').items[0].insertText, '["kubernetes"]');
    assert.equal(quoteValue('yes', 'yaml', ''), '"yes"');
    assert.equal(quoteValue('a: b', 'yaml', ''), '"a: b"');
    assert.equal(quoteValue("it's", 'yaml', "'"), "'it''s'");
  });

  it('offers keys: the site\'s spelling, counts, and not the keys the post has', () => {
    const { items } = complete('---\ntitle: x\n|\n---\n');
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('tags') && labels.includes('draft') && labels.includes('publishDate'));
    assert.ok(!labels.includes('Title') && !labels.includes('title'), 'title is present already');
    const toc = items.find((i) => i.label === 'toc')!;
    assert.equal(toc.description, '5 posts · site');
    assert.equal(toc.insertText, 'toc: ');
    const title = complete('---\n|\n---\n').items.find((i) => i.label.toLowerCase() === 'title')!;
    assert.equal(title.label, 'Title', 'the spelling most posts write');
    assert.equal(complete('+++\n|\n+++\n').items.find((i) => i.label === 'draft')!.insertText, 'draft = ');
    assert.equal(complete('{\n "title": "x",\n |\n}\n').items.find((i) => i.label === 'draft')!.insertText, '"draft": ');
  });

  it('offers true/false for booleans and enum values', () => {
    assert.deepEqual(complete('---\ndraft: |\n---\n').items.map((i) => i.insertText), ['true', 'false']);
    assert.deepEqual(complete('+++\ndraft = |\n+++\n').items.map((i) => i.insertText), ['true', 'false']);
  });

  it('offers "now" in the site\'s most common date format and with an explicit offset', () => {
    const s = site({ dateSamples: ['2024-01-02', '2024-02-03', '2024-03-04T10:00:00Z'] });
    const items = complete('---\ndate: |\n---\n', s).items;
    assert.deepEqual(items.map((i) => i.insertText), ['2026-12-07', '2026-12-07T11:00:00+01:00']);
    const toml = complete('+++\ndate = |\n+++\n', s).items;
    assert.deepEqual(toml.map((i) => i.insertText), ['2026-12-07', '2026-12-07T11:00:00+01:00']);
    const json = complete('{\n "date": |\n}\n', s).items;
    assert.deepEqual(json.map((i) => i.insertText), ['"2026-12-07"', '"2026-12-07T11:00:00+01:00"']);
  });

  it('learns the date shape that most posts use', () => {
    assert.equal(commonDateShape(['2024-01-01T10:00:00+02:00', '2024-01-01T10:00:00+02:00', '2024-01-01']), 'offset');
    assert.equal(commonDateShape(['2024-01-01T10:00:00Z', '2024-01-01T10:00:00.5Z']), 'utc');
    assert.equal(commonDateShape(['junk']), undefined);
    const now = new Date(Date.UTC(2026, 0, 1, 23, 30, 0));
    assert.equal(formatDateShape(now, 'local', 60), '2026-01-02T00:30:00');
    assert.equal(formatDateShape(now, 'utc', 60), '2026-01-01T23:30:00Z');
    assert.equal(formatDateShape(now, 'space-offset', -300), '2026-01-01 18:30:00 -0500');
  });
});

describe('front matter assist: hovers', () => {
  const hoverAt = (doc: string, s = site()) => {
    const offset = doc.indexOf('|');
    const text = doc.slice(0, offset) + doc.slice(offset + 1);
    return frontMatterHover(offset, parseFrontMatter(text), s);
  };

  it('explains a key', () => {
    assert.match(hoverAt('---\npublish|Date: 2024-01-01\n---\n')!.markdown, /leaves the page out of the build until this date/);
    assert.match(hoverAt('---\nto|c: true\n---\n')!.markdown, /page parameter.*Used by 5 posts/s);
  });

  it('shows a date in UTC and local time, and whether the post is published, scheduled or expired', () => {
    const h = hoverAt('---\ndate: 2026-12-07T09:30:00+02:00|\n---\n')!.markdown;
    assert.match(h, /UTC: 2026-12-07 07:30:00 \(UTC\+00:00\)/);
    assert.match(h, /Local: 2026-12-07 08:30:00 \(UTC\+01:00\)/);
    assert.match(h, /\*\*published\*\*/);
    assert.match(hoverAt('+++\ndate = 2027-01-01|\n+++\n')!.markdown, /\*\*scheduled\*\*.*--buildFuture/s);
    assert.match(hoverAt('---\ndate: 2020-01-01\nexpiryDate: "2021-01-0|1"\n---\n')!.markdown, /\*\*expired\*\*/);
    assert.match(hoverAt('---\ndate: 2020-01-0|1\n---\n')!.markdown, /No offset is written/);
    assert.match(hoverAt('---\ndate: 2020-02-3|0\n---\n')!.markdown, /cannot read this date/);
  });

  it('shows a term\'s post count, spellings and a link to reveal it', () => {
    const h = hoverAt('{\n "tags": ["dock|er"]\n}\n')!;
    assert.match(h.markdown, /\*\*Docker\*\* \(tags\) · 12 posts/);
    assert.match(h.markdown, /`Docker` \(10\), `docker` \(2\)/);
    assert.ok(h.markdown.includes(`command:devopsNotes.tags.revealTerm?${encodeURIComponent('["tags","docker"]')}`));
    assert.deepEqual(h.commands, ['devopsNotes.tags.revealTerm']);
  });

  it('says draft before anything else', () => {
    assert.match(postStatus(parseFrontMatter('---\ndraft: true\ndate: 2030-01-01\n---\n'), Date.now()), /draft/);
  });
});

describe('front matter assist: key census', () => {
  it('reads top-level keys of each format and counts them per post', () => {
    assert.deepEqual(topLevelKeys('---\ntitle: a\nTags: [x]\nparams:\n  inner: 1\n---\nbody'), ['title', 'Tags', 'params']);
    assert.deepEqual(topLevelKeys('+++\ntitle = "a"\ntoc = true\n[params]\nx = 1\n+++\n'), ['title', 'toc']);
    assert.deepEqual(topLevelKeys('{"title": "a", "draft": true}\n'), ['title', 'draft']);
    assert.equal(topLevelKeys('---\ntitle: a\n', false), undefined);
    const c = new KeyCensus();
    c.set('a', ['title', 'toc']);
    c.set('b', ['Title', 'toc']);
    c.set('a', ['title']);
    assert.deepEqual([...c.counts.get('toc')!], [['toc', 1]]);
    assert.deepEqual([...c.without('b').get('title')!], [['title', 1]]);
    c.delete('b');
    assert.equal(c.counts.has('toc'), false);
  });
});
