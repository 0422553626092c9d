import * as assert from 'node:assert/strict';
import { formatReadableDate, parseHugoDate } from '../../src/core/render/dates';
import { render, textOf } from './renderHelpers';

function card(html: string): string {
  const m = /<header class="dn-card"[^>]*>[\s\S]*?<\/header>/.exec(html);
  assert.ok(m, 'the post has a front matter card');
  return m[0];
}

const CHIPS = /<button type="button" class="dn-chip" data-taxonomy="(tags|categories)" data-term="([^"]*)"/g;

describe('renderer: front matter card', () => {
  const formats: [string, string][] = [
    [
      'YAML',
      '---\ntitle: "BuildKit cache mounts"\ndate: 2024-05-16T21:10:00+02:00\nauthor: Mara Lindqvist\ndescription: Faster builds.\ndraft: true\ntags: [docker, BuildKit]\ncategories:\n  - How-to\n---\nBody text\n',
    ],
    [
      'TOML',
      '+++\ntitle = "BuildKit cache mounts"\ndate = 2024-05-16T21:10:00+02:00\nauthor = "Mara Lindqvist"\ndescription = "Faster builds."\ndraft = true\ntags = ["docker", "BuildKit"]\ncategories = ["How-to"]\n+++\nBody text\n',
    ],
    [
      'JSON',
      '{\n  "title": "BuildKit cache mounts",\n  "date": "2024-05-16T21:10:00+02:00",\n  "author": "Mara Lindqvist",\n  "description": "Faster builds.",\n  "draft": true,\n  "tags": ["docker", "BuildKit"],\n  "categories": ["How-to"]\n}\nBody text\n',
    ],
  ];
  for (const [format, text] of formats) {
    it(`shows title, date, author, description, draft badge and chips for ${format} front matter, never its raw text`, () => {
      const html = render(text);
      const c = card(html);
      assert.match(c, new RegExp(`<span class="dn-badge dn-badge-format"[^>]*>${format}</span>`));
      assert.match(c, /<span class="dn-badge dn-badge-draft"[^>]*>Draft<\/span>/);
      assert.match(c, /<h1 class="dn-card-title">BuildKit cache mounts<\/h1>/);
      assert.match(c, /<time datetime="2024-05-16T19:10:00.000Z"[^>]*>Thursday, 16 May 2024, 21:10 UTC\+02:00<\/time> <code class="dn-date-written">2024-05-16T21:10:00\+02:00<\/code>/);
      assert.match(c, /by <span class="dn-author">Mara Lindqvist<\/span>/);
      assert.match(c, /<p class="dn-card-description">Faster builds\.<\/p>/);
      assert.deepEqual([...c.matchAll(CHIPS)].map((m) => `${m[1]}:${m[2]}`), ['tags:docker', 'tags:BuildKit', 'categories:How-to']);
      assert.match(html, /<\/header>\n<p data-line="\d+">Body text<\/p>/);
      assert.doesNotMatch(textOf(html), /title[:=]|"tags"|\+\+\+|^---/m, 'no raw front matter text');
    });
  }

  it('reads keys case-insensitively, authors as lists or mappings, and summary when there is no description', () => {
    const c = card(render('---\nTitle: Upper\nauthors:\n  - name: Ana\n  - Ben\nauthor: Ana\nsummary: Short.\ntags: single-tag\n---\n'));
    assert.match(c, /<h1 class="dn-card-title">Upper<\/h1>/);
    assert.match(c, /by <span class="dn-author">Ana<\/span>, <span class="dn-author">Ben<\/span>/);
    assert.match(c, /Short\./);
    assert.deepEqual([...c.matchAll(CHIPS)].map((m) => m[2]), ['single-tag']);
  });

  it('flags future (scheduled) and expired posts against "now", and shows publishDate, lastmod and expiryDate', () => {
    const c = card(render('---\ntitle: t\ndate: 2030-01-01\nlastmod: 2024-01-02\nexpiryDate: 2024-02-01\n---\n', { now: new Date('2024-06-01T00:00:00Z') }));
    assert.match(c, />Scheduled</);
    assert.match(c, />Expired</);
    assert.match(c, /<span class="dn-date-label">Updated<\/span> <time[^>]*>Tuesday, 2 January 2024<\/time>/);
    assert.match(c, /<span class="dn-date-label">Expires<\/span>/);
    const past = card(render('---\ntitle: t\ndate: 2020-01-01\n---\n'));
    assert.doesNotMatch(past, /Scheduled|Expired|Draft</);
  });

  it('says when a date has no offset, and explains a date Hugo would reject', () => {
    const c = card(render('---\ntitle: t\ndate: 2023-10-15T13:18:50\nlastmod: 2019-02-30\n---\n'));
    assert.match(c, /title="As written: 2023-10-15T13:18:50 — no offset: Hugo uses the site timeZone \(UTC by default\)"/);
    assert.match(c, /13:18:50 UTC \(no offset written\)/);
    assert.match(c, /<span class="dn-date dn-date-invalid"><span class="dn-date-label">Updated<\/span> <span class="dn-date-written">2019-02-30<\/span> <span class="dn-date-problem">\(February 2019 has no day 30\)<\/span>/);
  });

  it('lists front matter syntax errors with their line, and renders no body for an unclosed block', () => {
    const broken = card(render('---\ntitle: [unclosed\n---\nbody\n'));
    assert.match(broken, /<div class="dn-card-errors" role="alert"><strong>Front matter problems<\/strong><ul><li>Line \d+: /);
    const unclosed = render('---\ntitle: t\ntags: [a]\n\nbody that is still front matter\n');
    assert.match(unclosed, /never closed/);
    assert.doesNotMatch(textOf(unclosed), /body that is still front matter|tags:/);
  });

  it('renders nothing for a note without front matter, and the whole note as body', () => {
    const html = render('# Just a note\n\ntext\n');
    assert.doesNotMatch(html, /dn-card/);
    assert.match(html, /^<h1 data-line="0" id="just-a-note">Just a note<\/h1>/);
  });
});

describe('Hugo dates', () => {
  const cases: [string, string][] = [
    ['2023-10-15T13:18:50-07:00', 'Sunday, 15 October 2023, 13:18:50 UTC-07:00'],
    ['2023-10-15T13:18:50-0700', 'Sunday, 15 October 2023, 13:18:50 UTC-07:00'],
    ['2023-10-15T13:18:50Z', 'Sunday, 15 October 2023, 13:18:50 UTC'],
    ['2023-10-15', 'Sunday, 15 October 2023'],
    ['15 Oct 2023', 'Sunday, 15 October 2023'],
    ['Sun, 27 Jan 2019 16:32:12 +0100', 'Sunday, 27 January 2019, 16:32:12 UTC+01:00'],
    ['2024-02-29 08:00', 'Thursday, 29 February 2024, 08:00 UTC (no offset written)'],
  ];
  for (const [written, readable] of cases) {
    it(`reads ${written}`, () => {
      const d = parseHugoDate(written);
      assert.ok(d?.valid, d?.problem);
      assert.equal(formatReadableDate(d), readable);
    });
  }

  it('keeps the instant right across offsets and rejects impossible dates', () => {
    assert.equal(parseHugoDate('2023-10-15T13:18:50-07:00')?.instant?.toISOString(), '2023-10-15T20:18:50.000Z');
    for (const bad of ['2019-02-30', '2023-13-01', '2023-10-15T25:00:00Z', '2023-10-15T10:00:00+15:00', 'yesterday', '<script>']) {
      assert.equal(parseHugoDate(bad)?.valid, false, bad);
    }
  });
});
