import { checkHugoDate, daysInMonth } from './dates';

/** One rewrite of an unreadable date; `note` says what was assumed (shown in the fix title). */
export interface DateSuggestion {
  value: string;
  note?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number | string, width = 2) => String(n).padStart(width, '0');

/**
 * Hugo-readable rewrites of a date Hugo rejects, most likely first: other notations of the same
 * day (`14/03/2024` → `2024-03-14`), missing seconds or offset colons, and for days that do not
 * exist (`2024-02-30`) the month's last day. Ambiguous day/month orders yield both readings.
 * Every suggestion is checked to be readable by Hugo.
 */
export function suggestHugoDates(raw: string): DateSuggestion[] {
  const value = raw.trim();
  const out: DateSuggestion[] = [];
  const add = (s: DateSuggestion) => {
    if (s.value !== raw && !out.some((o) => o.value === s.value) && checkHugoDate(s.value).ok) out.push(s);
  };
  for (const s of isoLike(value)) add(s);
  for (const s of numericDayMonthYear(value)) add(s);
  for (const s of withMonthName(value)) add(s);
  return out;
}

/** `YYYY-M-D`, `YYYY/MM/DD`, `YYYYMMDD`, optional time without seconds, loose offsets, lowercase t/z. */
function isoLike(value: string): DateSuggestion[] {
  const m = /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2}))(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{1,2}(?::?\d{2})?)?$/.exec(value);
  if (!m) return [];
  const [, y, , mo1, d1, mo2, d2, hh, mi, ss, frac, zone] = m;
  const mo = mo1 ?? mo2;
  const d = d1 ?? d2;
  const time = hh !== undefined ? `T${pad(hh)}:${mi}:${ss ?? '00'}${frac ? `.${frac}` : ''}${normalizeZone(zone)}` : '';
  return calendarVariants(Number(y), Number(mo), Number(d)).map((v) => ({ value: `${v.date}${time}`, note: v.note }));
}

function normalizeZone(zone: string | undefined): string {
  if (!zone) return '';
  if (zone === 'Z' || zone === 'z') return 'Z';
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  return m ? `${m[1]}${pad(m[2])}:${m[3] ?? '00'}` : '';
}

/**
 * The date itself when it exists; otherwise the nearest real days: month and day swapped when
 * the month is impossible, the month's last day when the day is past it.
 */
function calendarVariants(year: number, month: number, day: number): { date: string; note?: string }[] {
  const iso = (mo: number, d: number) => `${pad(year, 4)}-${pad(mo)}-${pad(d)}`;
  const fits = (mo: number, d: number) => mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(year, mo);
  if (fits(month, day)) return [{ date: iso(month, day) }];
  const out: { date: string; note?: string }[] = [];
  if (fits(day, month)) out.push({ date: iso(day, month), note: 'day and month swapped' });
  if (month >= 1 && month <= 12 && day > daysInMonth(year, month)) {
    out.push({ date: iso(month, daysInMonth(year, month)), note: 'last day of the month' });
  }
  return out;
}

/** `14/03/2024`, `3/14/2024`, `14.03.2024`, `14-03-2024`, with an optional `hh:mm[:ss]`. */
function numericDayMonthYear(value: string): DateSuggestion[] {
  const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (!m) return [];
  const [, a, sep, b, yRaw, hh, mi, ss] = m;
  const year = yRaw.length === 2 ? 2000 + Number(yRaw) : Number(yRaw);
  const time = hh !== undefined ? `T${pad(hh)}:${mi}:${ss ?? '00'}` : '';
  const first = Number(a);
  const second = Number(b);
  const dayFirst = { day: first, month: second };
  const monthFirst = { day: second, month: first };
  // Dotted dates are day-first everywhere they are used; slashes are ambiguous (US vs. most of the world).
  const readings = sep === '.' ? [dayFirst] : first > 12 ? [dayFirst] : second > 12 ? [monthFirst] : [dayFirst, monthFirst];
  const ambiguous = readings.length > 1 && first !== second;
  return readings.flatMap((r) =>
    calendarVariants(year, r.month, r.day)
      .filter((v) => !v.note)
      .map((v) => ({ value: `${v.date}${time}`, note: ambiguous ? (r === dayFirst ? 'read as day/month' : 'read as month/day') : undefined })),
  );
}

/** `March 14, 2024`, `Mar 14 2024`, `14 March 2024`, `5 Oct 2023` (Go wants a two-digit day). */
function withMonthName(value: string): DateSuggestion[] {
  const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  let m = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(value);
  if (m && monthIndex(m[1]) > 0) return calendarVariants(Number(m[3]), monthIndex(m[1]), Number(m[2])).map((v) => ({ value: v.date, note: v.note }));
  m = /^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(value);
  if (m && monthIndex(m[2]) > 0) return calendarVariants(Number(m[3]), monthIndex(m[2]), Number(m[1])).map((v) => ({ value: v.date, note: v.note }));
  return [];
}
