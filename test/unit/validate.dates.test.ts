import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkHugoDate, formatRfc3339 } from '../../src/core/validate';
import { checkHugoDateByLayouts } from '../../src/core/validate/dates';
import { suggestHugoDates } from '../../src/core/validate/dateFixes';
import { check, expectNone, expectOne, withCode } from './validateHelpers';

const yaml = (body: string) => `---\ntitle: T\n${body}---\n`;

describe('Hugo dates', () => {
  it('accepts every layout Hugo reads', () => {
    for (const s of [
      '2023-10-15T13:18:50-07:00',
      '2023-10-15T13:18:50-0700',
      '2023-10-15T13:18:50Z',
      '2023-10-15T13:18:50.123+02:00',
      '2023-10-15T13:18:50',
      '2023-10-15',
      '15 Oct 2023',
      '15 oct 2023',
      '2023-10-15 13:18:50',
      '2023-10-15 13:18:50 -07:00',
      '2023-10-15 13:18:50Z',
      'Sun, 15 Oct 2023 13:18:50 -0700',
      'Sun Oct 15 13:18:50 2023',
      '2020-02-29',
    ]) {
      const r = checkHugoDate(s);
      assert.ok(r.ok && r.date.hasYear, `${s}: ${JSON.stringify(r)}`);
    }
  });

  it('rejects what Hugo rejects, saying why', () => {
    const cases: [string, RegExp][] = [
      ['2019-02-30', /February 2019 has 28 days, so day 30 does not exist \(2019 is not a leap year\)/],
      ['2019-02-29', /not a leap year/],
      ['2023-13-01', /month 13 does not exist/],
      ['2024-03-14T24:00:00Z', /hour 24 is out of range/],
      ['2024-03-14T10:60:00Z', /minute 60/],
      ['14/03/2024', /is not a date Hugo can read/],
      ['5 Oct 2023', /not a date Hugo can read/],
      ['2024-03-14T10:00', /not a date Hugo can read/],
      ['2024-03-14t10:00:00z', /not a date Hugo can read/],
      ['', /not a date/],
    ];
    for (const [s, why] of cases) {
      const r = checkHugoDate(s);
      assert.ok(!r.ok, s);
      assert.match(r.message, why, s);
    }
  });

  it('reads the common forms by its shortcut exactly as the layout list does', () => {
    // Mostly in range (so the shortcut answers), sometimes anything of two digits.
    const twoUpTo = (max: number) => fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }) }).map((n) => String(n).padStart(2, '0'));
    const two = twoUpTo(59);
    const year = fc.oneof(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), fc.constantFrom('2024', '1900', '2000', '0000', '0099', '20x4'));
    const zone = fc.constantFrom('', 'Z', 'Z', '+01:00', '-07:00', '+05:30', 'z', '+24:00', '+25:00', '-00:60', '+0100', '.5Z', ' ');
    const date = fc.oneof(
      fc.tuple(year, twoUpTo(12), twoUpTo(31)).map(([y, m, d]) => `${y}-${m}-${d}`),
      fc.tuple(year, twoUpTo(12), twoUpTo(31), fc.constantFrom('T', 'T', 'T', 't', ' '), twoUpTo(23), two, two, zone).map(([y, m, d, t, hh, mm, ss, z]) => `${y}-${m}-${d}${t}${hh}:${mm}:${ss}${z}`),
      fc.tuple(fc.constantFrom('2024-02-29', '2023-02-29', '2024-04-30T23:59:59Z', '2024-12-31T00:00:00+24:00'), fc.nat(30), fc.string({ maxLength: 1 })).map(([d, at, c]) => d.slice(0, at) + c + d.slice(at + c.length)),
    );
    fc.assert(
      fc.property(date, (value) => {
        assert.deepStrictEqual(checkHugoDate(value), checkHugoDateByLayouts(value), value);
      }),
      { numRuns: 3000 },
    );
  });

  it('compares instants with offsets, reading no offset as UTC', () => {
    const a = checkHugoDate('2023-10-15T13:18:50-07:00');
    const b = checkHugoDate('2023-10-15T20:18:50Z');
    assert.ok(a.ok && b.ok);
    assert.equal(a.date.epochMs, b.date.epochMs);
  });

  it('formats now as RFC 3339 with the local offset', () => {
    const now = new Date(Date.UTC(2024, 2, 14, 8, 5, 9));
    assert.equal(formatRfc3339(now, 60), '2024-03-14T09:05:09+01:00');
    assert.equal(formatRfc3339(now, -330), '2024-03-14T02:35:09-05:30');
    assert.equal(formatRfc3339(now, 0), '2024-03-14T08:05:09+00:00');
  });

  describe('fm/date-format', () => {
    it('flags unreadable dates on the value, in each format', () => {
      const y = yaml('date: 2019-02-30\n');
      expectOne(y, check(y), 'fm/date-format', '2019-02-30');
      const t = '+++\ntitle = "T"\ndate = "14/03/2024"\n+++\n';
      expectOne(t, check(t), 'fm/date-format', '"14/03/2024"');
      const j = '{"title": "T", "date": "2024-03-14", "lastmod": "yesterday"}\n';
      expectOne(j, check(j), 'fm/date-format', '"yesterday"');
    });

    it('turns the TOML parser error for an impossible native date into a date problem', () => {
      const t = '+++\ntitle = "T"\ndate = 2019-02-30\n+++\n';
      const d = check(t);
      expectNone(t, d, 'fm/syntax');
      assert.match(expectOne(t, d, 'fm/date-format', '2019-02-30').message, /February 2019 has 28 days/);
    });

    it('accepts native TOML dates and flags a TOML time without a day', () => {
      const t = '+++\ntitle = "T"\ndate = 2024-03-14T09:30:00+01:00\nlastmod = 2024-03-15\npublishDate = 2024-03-14 09:30:00Z\n+++\n';
      assert.deepEqual(check(t), []);
      const u = '+++\ntitle = "T"\ndate = 09:30:00\n+++\n';
      expectOne(u, check(u), 'fm/date-format', '09:30:00');
    });

    it('flags a small number (read as seconds since 1970) but accepts a Unix timestamp', () => {
      const y = yaml('date: 2024\n');
      assert.match(expectOne(y, check(y), 'fm/date-format', '2024').message, /1970-01-01T00:33:44Z/);
      const z = yaml('date: 1710403200\n');
      expectNone(z, check(z), 'fm/date-format');
    });

    it('flags a time of day alone and a boolean', () => {
      const y = yaml('date: 3:04PM\npublished: true\n');
      const d = check(y);
      assert.match(expectOne(y, d, 'fm/date-format', '3:04PM').message, /year 0/);
      expectOne(y, d, 'fm/type', 'true');
    });

    it('checks configured date fields too', () => {
      const y = yaml('date: 2024-03-14\nreviewed: 2024-31-01\n');
      expectOne(y, check(y, { fields: { reviewed: { type: 'date' } } }), 'fm/date-format', '2024-31-01');
    });
  });

  describe('fm/date-order', () => {
    it('flags an expiry date that is not after the publish date', () => {
      const y = yaml('date: 2024-03-01\npublishDate: 2024-03-10T10:00:00+01:00\nexpiryDate: 2024-03-10T09:00:00Z\n');
      assert.match(expectOne(y, check(y), 'fm/date-order', '2024-03-10T09:00:00Z').message, /never publish/);
    });

    it('flags lastmod before date, comparing bare days by day', () => {
      const y = yaml('date: 2024-03-14T10:00:00+01:00\nlastmod: 2024-03-13\n');
      expectOne(y, check(y), 'fm/date-order', '2024-03-13');
      const sameDay = yaml('date: 2024-03-14T10:00:00+01:00\nlastmod: 2024-03-14\n');
      expectNone(sameDay, check(sameDay), 'fm/date-order');
    });

    it('flags expiry before date when there is no publish date, in TOML and JSON too', () => {
      const t = '+++\ntitle = "T"\ndate = 2024-03-14\nexpiryDate = 2024-01-01\n+++\n';
      expectOne(t, check(t), 'fm/date-order', '2024-01-01');
      const j = '{"title": "T", "date": "2024-03-14", "unpublishdate": "2025-01-01", "modified": "2024-03-01"}\n';
      expectOne(j, check(j), 'fm/date-order', '"2024-03-01"');
    });

    it('stays quiet on consistent dates', () => {
      const y = yaml('date: 2024-03-14\npublishDate: 2024-03-15\nlastmod: 2024-04-01\nexpiryDate: 2025-01-01\n');
      assert.deepEqual(withCode(check(y), 'fm/date-order'), []);
    });
  });

  describe('suggestions', () => {
    const values = (s: string) => suggestHugoDates(s).map((x) => x.value);
    it('rewrites common notations into Hugo forms', () => {
      assert.deepEqual(values('14/03/2024'), ['2024-03-14']);
      assert.deepEqual(values('3/14/2024'), ['2024-03-14']);
      assert.deepEqual(values('14.03.2024'), ['2024-03-14']);
      assert.deepEqual(values('2024/03/14'), ['2024-03-14']);
      assert.deepEqual(values('2024-3-4'), ['2024-03-04']);
      assert.deepEqual(values('March 14, 2024'), ['2024-03-14']);
      assert.deepEqual(values('5 Oct 2023'), ['2023-10-05']);
      assert.deepEqual(values('2024-03-14T10:00'), ['2024-03-14T10:00:00']);
      assert.deepEqual(values('2024-03-14 10:00+0100'), ['2024-03-14T10:00:00+01:00']);
      assert.deepEqual(values('2024-03-14t10:00:00z'), ['2024-03-14T10:00:00Z']);
    });

    it('offers both readings of an ambiguous day/month, and the nearest real day', () => {
      assert.deepEqual(suggestHugoDates('03/04/2024'), [
        { value: '2024-04-03', note: 'read as day/month' },
        { value: '2024-03-04', note: 'read as month/day' },
      ]);
      assert.deepEqual(suggestHugoDates('2024-02-30'), [{ value: '2024-02-29', note: 'last day of the month' }]);
      assert.deepEqual(suggestHugoDates('2023-13-01'), [{ value: '2023-01-13', note: 'day and month swapped' }]);
      assert.deepEqual(suggestHugoDates('someday'), []);
    });
  });
});
