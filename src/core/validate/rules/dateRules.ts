import type { FieldNode, ValueNode } from '../../frontmatter';
import type { RuleContext } from '../context';
import { suggestHugoDates } from '../dateFixes';
import { checkHugoDate, checkTomlDate, type HugoDate } from '../dates';
import { replaceScalar } from '../edits';
import type { QuickFix } from '../types';

/** Numbers Hugo reads as Unix seconds; anything before this (1973) is surely not meant that way. */
const PLAUSIBLE_UNIX_SECONDS = 1e8;

/** `fm/date-format` for one date value; remembers readable dates for `checkDateOrder`. */
export function checkDateValue(ctx: RuleContext, field: FieldNode, node: ValueNode, name: string): void {
  const key = field.key.toLowerCase();
  const remember = (date: HugoDate) => {
    if (field.value === node && ctx.isKept(field)) ctx.dates.set(key, { field, node, date });
  };
  if (node.scalarType === 'number') {
    const seconds = Number(node.value);
    const written = ctx.text.slice(node.start, node.end);
    // spf13/cast's ToTimeInDefaultLocationE reads Go integers as Unix seconds and refuses floats;
    // JSON numbers are always floats in Go (encoding/json), so are YAML and TOML numbers with a
    // fraction or an exponent. Hugo fails on what cast refuses from 0.135 on
    // (resources/page/pagemeta/page_frontmatter.go, newDateFieldHandler); before, it dropped the date.
    if (ctx.parsed.format === 'json' || /[.eE]/.test(written) || !Number.isInteger(seconds)) {
      const why = ctx.parsed.format === 'json' ? 'a number in JSON front matter is not a date for Hugo' : 'a number with a fraction is not a date for Hugo';
      ctx.report('fm/date-format', node.start, node.end, `"${name}" is the number ${written}: ${why}. Hugo 0.135 and later stop the build ("not a parsable date"); older versions drop the date. Write a date such as 2024-03-14`);
      return;
    }
    if (seconds >= PLAUSIBLE_UNIX_SECONDS) return remember({ epochMs: seconds * 1000, hasYear: true, dateOnly: false, day: new Date(seconds * 1000).toISOString().slice(0, 10) });
    const read = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    ctx.report('fm/date-format', node.start, node.end, `"${name}" is the number ${written}: Hugo reads a whole number in ${ctx.parsed.format === 'toml' ? 'TOML' : 'YAML'} as seconds since 1970, here ${read}. Write a date such as 2024-03-14`);
    return;
  }
  const text = String(node.value);
  const check = node.scalarType === 'date' ? checkTomlDate(text) : checkHugoDate(text);
  if (check.ok && check.date.hasYear) return remember(check.date);
  if (check.ok) {
    ctx.report('fm/date-format', node.start, node.end, `"${name}" is only a time of day (${text}): Hugo reads it as a date in year 0`, dateFixes(ctx, node, text));
    return;
  }
  const accepted = '(it accepts e.g. 2024-03-14, 2024-03-14T09:30:00+01:00, 14 Mar 2024)';
  // Up to 0.134 `newDateFieldHandler` (resources/page/pagemeta/page_frontmatter.go) dropped a date
  // it could not read without a word; from 0.135 it returns "invalid front matter".
  if (ctx.config.hugo.badDates === 'dropped') {
    const message = `"${name}": ${check.message}. ${ctx.hugoName} (before 0.135) silently drops a date it cannot read: the page has no ${name} ${accepted}`;
    ctx.report('fm/date-format', node.start, node.end, message, dateFixes(ctx, node, text), 'warning');
    return;
  }
  const message = `"${name}": ${check.message}. Hugo stops the build on dates it cannot read ${accepted}`;
  ctx.report('fm/date-format', node.start, node.end, message, dateFixes(ctx, node, text));
}

/** Fixes that rewrite `raw` (at `node`) into forms Hugo reads; the first is preferred unless the reading is a guess. */
export function dateFixes(ctx: RuleContext, node: ValueNode, raw: string): QuickFix[] {
  const suggestions = suggestHugoDates(raw);
  const unsure = suggestions.length > 1 || suggestions.some((s) => s.note !== undefined);
  return suggestions.map((s, i) => ({
    title: `Change to ${s.value}${s.note ? ` (${s.note})` : ''}`,
    edits: [replaceScalar(ctx.target, node, { kind: 'date', value: s.value })],
    isPreferred: i === 0 && !unsure,
  }));
}

/** The first readable date among Hugo's keys for one date (its default front matter configuration). */
function pick(ctx: RuleContext, keys: string[]) {
  for (const k of keys) {
    const d = ctx.dates.get(k);
    if (d) return d;
  }
  return undefined;
}

/** Whether `a` is before `b`; when either is a bare day, by day (so `lastmod: 2024-03-14` is not before that day's 9:00). */
function isBefore(a: HugoDate, b: HugoDate): boolean {
  if (a.dateOnly || b.dateOnly) return a.day < b.day;
  return a.epochMs < b.epochMs;
}

/** `fm/date-order`: dates that contradict each other. */
export function checkDateOrder(ctx: RuleContext): void {
  if (!ctx.isEnabled('fm/date-order')) return;
  const date = pick(ctx, ['date']);
  const publish = pick(ctx, ['publishdate', 'pubdate', 'published']);
  const lastmod = pick(ctx, ['lastmod', 'modified']);
  const expiry = pick(ctx, ['expirydate', 'unpublishdate']);
  const shown = (d: { field: FieldNode; node: ValueNode }) => `${d.field.key} (${String(d.node.value)}, line ${ctx.lineOf(d.node.start)})`;
  if (expiry && publish && !isBefore(publish.date, expiry.date)) {
    ctx.report('fm/date-order', expiry.node.start, expiry.node.end, `${expiry.field.key} is not after ${shown(publish)}: Hugo will never publish this page`);
  } else if (expiry && date && !publish && !isBefore(date.date, expiry.date)) {
    ctx.report('fm/date-order', expiry.node.start, expiry.node.end, `${expiry.field.key} is not after ${shown(date)}: the page expires before it is dated`);
  }
  if (lastmod && date && isBefore(lastmod.date, date.date)) {
    ctx.report('fm/date-order', lastmod.node.start, lastmod.node.end, `${lastmod.field.key} is before ${shown(date)}: a page cannot be modified before it was written`);
  }
}
