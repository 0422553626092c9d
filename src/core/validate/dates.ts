/**
 * Dates exactly as Hugo reads them. Hugo hands front matter date strings to spf13/cast, which
 * tries a fixed list of Go time layouts; Go checks the calendar (2019-02-30 fails) and the ranges
 * of hours, minutes and seconds. The layouts below are that list, written as regular expressions.
 */

/** A date Hugo accepts, as an instant for comparisons (no offset = UTC, Hugo's default). */
export interface HugoDate {
  epochMs: number;
  /** False for Go's time-only layouts (`3:04PM`, `Jan _2 15:04:05`): Hugo reads them as year 0. */
  hasYear: boolean;
  /** True when only a day was written (no time of day). */
  dateOnly: boolean;
  /** The calendar day as written (`2024-03-14`), before any offset is applied. */
  day: string;
}

export type DateCheck = { ok: true; date: HugoDate } | { ok: false; message: string };

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  offsetMinutes: number;
  hasYear: boolean;
  hasTime: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

// Building blocks, in Go layout terms. Go matches month and weekday names case-insensitively,
// takes one or two digits for the hour ("15") and space-padded day ("_2"), and exactly two for
// month, day ("02"), minute and second; a fraction may follow the seconds ("," or ".").
const BLOCKS: Record<string, string> = {
  YYYY: '(?<year>\\d{4})',
  YY: '(?<yy>\\d{2})',
  MM: '(?<month>\\d{2})',
  Mon: '(?<mon>[A-Za-z]{3})',
  DD: '(?<day>\\d{2})',
  _D: ' ?(?<day>\\d{1,2})',
  hh: '(?<hour>\\d{1,2})',
  h12: '(?<hour12>\\d{1,2})',
  mm: '(?<minute>\\d{2})',
  ss: '(?<second>\\d{2})(?:[.,](?<frac>\\d+))?',
  'Z:': '(?:Z|(?<sign>[+-])(?<oh>\\d{2}):(?<om>\\d{2}))',
  Z: '(?:Z|(?<sign>[+-])(?<oh>\\d{2})(?<om>\\d{2}))',
  '+hh:mm': '(?<sign>[+-])(?<oh>\\d{2}):(?<om>\\d{2})',
  '+hhmm': '(?<sign>[+-])(?<oh>\\d{2})(?<om>\\d{2})',
  TZ: '(?<tz>[A-Z][A-Za-z]{2,4}|GMT[+-]\\d{1,2})',
  Wkd: '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)',
  Weekday: '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)',
  PM: '(?<ampm>AM|PM|am|pm)',
};

/** cast's layout list (Go's RFC layouts spelled out), in its order. */
const LAYOUTS = [
  'YYYY-MM-DDThh:mm:ssZ:', // RFC 3339
  'YYYY-MM-DDThh:mm:ss',
  'Wkd, DD Mon YYYY hh:mm:ss +hhmm', // RFC 1123Z
  'Wkd, DD Mon YYYY hh:mm:ss TZ', // RFC 1123
  'DD Mon YY hh:mm +hhmm', // RFC 822Z
  'DD Mon YY hh:mm TZ', // RFC 822
  'Weekday, DD-Mon-YY hh:mm:ss TZ', // RFC 850
  'YYYY-MM-DD hh:mm:ss +hhmm TZ', // Go's Time.String()
  'YYYY-MM-DDThh:mm:ss+hhmm',
  'YYYY-MM-DD hh:mm:ssZ',
  'YYYY-MM-DD hh:mm:ss',
  'Wkd Mon _D hh:mm:ss YYYY', // ANSIC
  'Wkd Mon _D hh:mm:ss TZ YYYY', // UnixDate
  'Wkd Mon DD hh:mm:ss +hhmm YYYY', // RubyDate
  'YYYY-MM-DD hh:mm:ssZ:',
  'YYYY-MM-DD',
  'DD Mon YYYY',
  'YYYY-MM-DD hh:mm:ss +hh:mm',
  'YYYY-MM-DD hh:mm:ss +hhmm',
  'h12:mmPM', // Kitchen: a time of day only
  'Mon _D hh:mm:ss', // Stamp (and its milli/micro/nano variants): no year
];

const COMPILED: RegExp[] = LAYOUTS.map((layout) => {
  const names = Object.keys(BLOCKS).sort((a, b) => b.length - a.length);
  let source = '';
  for (let i = 0; i < layout.length; ) {
    const name = names.find((n) => layout.startsWith(n, i));
    if (name) {
      source += BLOCKS[name];
      i += name.length;
    } else {
      source += layout[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  return new RegExp(`^${source}$`, source.includes('mon>') ? 'i' : '');
});

const ISO_START = /^\d{4}-/;
/** The layouts that start with a four-digit year, in cast's order (the others cannot match such a value). */
const ISO_FIRST = COMPILED.filter((_, i) => LAYOUTS[i].startsWith('YYYY-'));

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate() || 31;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Reads a date string the way Hugo does: a layout must match and the calendar must agree. */
export function checkHugoDate(value: string): DateCheck {
  const common = readCommonDate(value);
  return common ? { ok: true, date: common } : checkHugoDateByLayouts(value);
}

/** `checkHugoDate` through the layout list alone (the reference its shortcut is tested against). */
export function checkHugoDateByLayouts(value: string): DateCheck {
  // Nearly every date starts like 2024-03-14: try the layouts that begin so first, then the rest.
  const layouts = ISO_START.test(value) ? ISO_FIRST : COMPILED;
  for (const re of layouts) {
    const m = re.exec(value);
    if (!m?.groups) continue;
    const parts = toParts(m.groups);
    if (typeof parts === 'string') return { ok: false, message: parts };
    return { ok: true, date: toHugoDate(parts) };
  }
  return { ok: false, message: `"${value}" is not a date Hugo can read` };
}

/**
 * The forms nearly every post uses (`2024-03-14`, `2024-03-14T09:30:00`, with `Z` or `+01:00`),
 * read digit by digit: the same parts the layout regular expressions give, without their cost
 * (a check of 10k posts reads 15k dates). Undefined for any other form and for impossible
 * dates, which the layouts then explain.
 */
function readCommonDate(value: string): HugoDate | undefined {
  const n = value.length;
  if (n !== 10 && n !== 19 && n !== 20 && n !== 25) return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  // Years before 100 are left to the layouts: `Date.UTC` reads them as 19xx.
  if (year < 100 || month < 1 || month > 12 || day < 1 || value[4] !== '-' || value[7] !== '-' || day > gregorianDaysInMonth(year, month)) return undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let offsetMinutes = 0;
  if (n > 10) {
    hour = digitsAt(value, 11, 2);
    minute = digitsAt(value, 14, 2);
    second = digitsAt(value, 17, 2);
    if (value[10] !== 'T' || value[13] !== ':' || value[16] !== ':' || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
    if (n === 20 && value[19] !== 'Z') return undefined;
    if (n === 25) {
      const sign = value[19];
      const oh = digitsAt(value, 20, 2);
      const om = digitsAt(value, 23, 2);
      if ((sign !== '+' && sign !== '-') || value[22] !== ':' || oh < 0 || oh > 24 || om < 0 || om > 59) return undefined;
      offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
    }
  }
  // The same instant and day `toHugoDate` gives, without its Date object and padding.
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  return { epochMs, hasYear: true, dateOnly: n === 10, day: value.slice(0, 10) };
}

function gregorianDaysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number written with `count` ASCII digits at `at`, or -1. */
function digitsAt(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Parts from a layout match, or why Go would reject them. */
function toParts(g: Record<string, string | undefined>): Parts | string {
  const hasYear = g.year !== undefined || g.yy !== undefined;
  // Go maps two-digit years 69–99 to the 1900s and 00–68 to the 2000s.
  const year = g.year !== undefined ? Number(g.year) : g.yy !== undefined ? (Number(g.yy) >= 69 ? 1900 : 2000) + Number(g.yy) : 0;
  const month = g.month !== undefined ? Number(g.month) : g.mon !== undefined ? MONTHS.indexOf(g.mon.toLowerCase()) + 1 : 1;
  const day = g.day !== undefined ? Number(g.day) : 1;
  let hour = g.hour !== undefined ? Number(g.hour) : 0;
  if (g.hour12 !== undefined) {
    hour = Number(g.hour12);
    if (hour < 1 || hour > 12) return `hour ${hour} is out of range for a 12-hour clock`;
    hour = (hour % 12) + (g.ampm?.toLowerCase() === 'pm' ? 12 : 0);
  }
  const minute = g.minute !== undefined ? Number(g.minute) : 0;
  const second = g.second !== undefined ? Number(g.second) : 0;
  const millis = g.frac ? Number(`0.${g.frac}`) * 1000 : 0;
  if (g.mon !== undefined && month === 0) return `"${g.mon}" is not a month name`;
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  if (day < 1 || day > daysInMonth(year, month)) {
    const name = MONTH_NAMES[month - 1][0].toUpperCase() + MONTH_NAMES[month - 1].slice(1);
    const leapNote = month === 2 ? ` (${year} is ${isLeap(year) ? 'a leap year' : 'not a leap year'})` : '';
    return `${name} ${year} has ${daysInMonth(year, month)} days, so day ${day} does not exist${leapNote}`;
  }
  if (hour > 23) return `hour ${hour} is out of range (0–23)`;
  if (minute > 59) return `minute ${minute} is out of range (0–59)`;
  if (second > 59) return `second ${second} is out of range (0–59)`;
  let offsetMinutes = 0;
  if (g.sign !== undefined) {
    const oh = Number(g.oh);
    const om = Number(g.om);
    if (oh > 24 || om > 59) return `time zone offset ${g.sign}${g.oh}:${g.om} is out of range`;
    offsetMinutes = (g.sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const hasTime = g.hour !== undefined || g.hour12 !== undefined;
  return { year, month, day, hour, minute, second, millis, offsetMinutes, hasYear, hasTime };
}

function toHugoDate(p: Parts): HugoDate {
  return { epochMs: toEpoch(p), hasYear: p.hasYear, dateOnly: !p.hasTime, day: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}` };
}

/**
 * A TOML date/time as written (`1979-05-27`, `1979-05-27T07:32:00Z`, `1979-05-27 07:32:00-07:00`).
 * A local time alone (`07:32:00`) has no day, and Hugo cannot use it as a date.
 */
export function checkTomlDate(value: string): DateCheck {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|([+-])(\d{2}):(\d{2}))?)?$/.exec(value);
  if (!m) return { ok: false, message: `${value} is a time of day without a date` };
  const [, y, mo, d, hh, mi, ss, frac, zone, sign, oh, om] = m;
  const offsetMinutes = zone && sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  const parts: Parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(hh ?? 0),
    minute: Number(mi ?? 0),
    second: Number(ss ?? 0),
    millis: frac ? Number(`0.${frac}`) * 1000 : 0,
    offsetMinutes,
    hasYear: true,
    hasTime: hh !== undefined,
  };
  return { ok: true, date: toHugoDate(parts) };
}

function toEpoch(p: Parts): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, p.millis);
  return d.getTime() - p.offsetMinutes * 60_000;
}

/** `now` as RFC 3339 with a numeric offset (`2024-03-14T09:05:00+01:00`), as Hugo's archetypes write it. */
export function formatRfc3339(now: Date, offsetMinutes: number): string {
  const local = new Date(now.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
