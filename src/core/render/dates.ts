/**
 * Hugo front matter dates, shown the way the author wrote them plus a readable form. We keep
 * the offset the author wrote (a post dated 11:23+02:00 reads "11:23 UTC+02:00", not the
 * reader's local time), and say so when there is no offset: Hugo then uses the site's
 * `timeZone` setting, UTC by default.
 */

export interface HugoDate {
  /** The value exactly as written in the front matter. */
  written: string;
  valid: boolean;
  /** Why the value is not a date Hugo accepts (when `valid` is false). */
  problem?: string;
  /** The instant, when valid. For values without an offset, read as UTC. */
  instant?: Date;
  /** Minutes east of UTC as written; `undefined` when no offset was written. */
  offsetMinutes?: number;
  dateOnly?: boolean;
  /** Wall-clock fields as written. */
  parts?: { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Anchored, no nested quantifiers: linear on any input.
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)? ?([Zz]|[+-]\d{2}:?\d{2}|UTC)?$/;
// "15 Oct 2023", "Sun, 27 Jan 2019 16:32:12 +0100" (RFC 1123 style).
const WORDY = /^(?:[A-Za-z]{3,9},? )?(\d{1,2}) ([A-Za-z]{3,9}) (\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?(?: ?([Zz]|[+-]\d{2}:?\d{2}|UTC|GMT))?$/;

/** Reads a front matter date value (string, or a Date some parsers produce). */
export function parseHugoDate(value: unknown): HugoDate | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { written: String(value), valid: false, problem: 'not a date' };
    return fromParts(value.toISOString(), explode(value), 0, false);
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    return { written: JSON.stringify(value) ?? String(value), valid: false, problem: 'expected a date such as 2024-05-01T09:30:00+02:00' };
  }
  const written = String(value).trim();
  if (written.length > 64) return { written, valid: false, problem: 'too long to be a date' };
  const iso = ISO_LIKE.exec(written);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    return fromParts(written, numbers(y, mo, d, h, mi, s), parseOffset(zone), h === undefined);
  }
  const wordy = WORDY.exec(written);
  if (wordy) {
    const [, d, monthName, y, h, mi, s, zone] = wordy;
    const month = MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === monthName.slice(0, 3).toLowerCase()) + 1;
    if (month === 0) return { written, valid: false, problem: `"${monthName}" is not a month name` };
    return fromParts(written, { ...numbers(y, '1', d, h, mi, s), month }, parseOffset(zone), h === undefined);
  }
  return { written, valid: false, problem: 'Hugo cannot read this date; write it like 2024-05-01 or 2024-05-01T09:30:00+02:00' };
}

function numbers(y: string, mo: string, d: string, h?: string, mi?: string, s?: string): NonNullable<HugoDate['parts']> {
  return { year: +y, month: +mo, day: +d, hour: h ? +h : 0, minute: mi ? +mi : 0, second: s ? +s : 0 };
}

function explode(d: Date): NonNullable<HugoDate['parts']> {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

/** Minutes east of UTC; `undefined` when absent; NaN when out of range. */
function parseOffset(zone: string | undefined): number | undefined {
  if (zone === undefined) return undefined;
  if (/^(?:z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = +digits.slice(0, 2);
  const minutes = +digits.slice(2);
  if (hours > 14 || minutes > 59) return Number.NaN;
  return sign * (hours * 60 + minutes);
}

function fromParts(written: string, p: NonNullable<HugoDate['parts']>, offsetMinutes: number | undefined, dateOnly: boolean): HugoDate {
  const daysInMonth = p.month >= 1 && p.month <= 12 ? new Date(Date.UTC(p.year, p.month, 0)).getUTCDate() : 0;
  let problem: string | undefined;
  if (p.month < 1 || p.month > 12) problem = `month ${p.month} does not exist`;
  else if (p.day < 1 || p.day > daysInMonth) problem = `${MONTHS[p.month - 1]} ${p.year} has no day ${p.day}`;
  else if (p.hour > 23 || p.minute > 59 || p.second > 60) problem = 'the time of day is out of range';
  else if (offsetMinutes !== undefined && Number.isNaN(offsetMinutes)) problem = 'the UTC offset is out of range';
  if (problem) return { written, valid: false, problem };
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, Math.min(p.second, 59));
  const instant = new Date(asUtc - (offsetMinutes ?? 0) * 60_000);
  return { written, valid: true, instant, offsetMinutes, dateOnly, parts: p };
}

/** "Tuesday, 20 June 2017, 11:23 UTC+02:00" — wall-clock time as written, with its offset. */
export function formatReadableDate(date: HugoDate): string {
  if (!date.valid || !date.parts) return date.written;
  const p = date.parts;
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()];
  const day = `${weekday}, ${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
  if (date.dateOnly) return day;
  const time = `${pad(p.hour)}:${pad(p.minute)}${p.second ? `:${pad(p.second)}` : ''}`;
  return `${day}, ${time} ${formatOffset(date.offsetMinutes)}`;
}

/** "UTC+02:00", "UTC", or "UTC (no offset written)". */
export function formatOffset(offsetMinutes: number | undefined): string {
  if (offsetMinutes === undefined) return 'UTC (no offset written)';
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
