import type { ValueNode } from '../../frontmatter';
import type { RuleContext } from '../context';
import { checkHugoDate } from '../dates';
import { dateFixes } from './dateRules';

/** `fm/syntax` and `fm/unterminated`: what the parser could not read, where it stopped. */
export function checkSyntax(ctx: RuleContext): void {
  for (const error of ctx.parsed.errors) {
    if (error.code === 'unterminated') {
      ctx.report('fm/unterminated', error.start, error.end, error.message);
      continue;
    }
    if (error.code === 'limit') {
      // Our own resource limit: nothing is known of what Hugo makes of the block.
      ctx.report('fm/unreadable', error.start, error.end, error.message);
      continue;
    }
    const date = ctx.parsed.format === 'toml' ? tomlDateAt(ctx.text, error.start) : undefined;
    if (date) {
      // The TOML parser rejects impossible dates (2019-02-30) as a syntax error; say what is wrong and offer the fix.
      const check = checkHugoDate(date.value as string);
      const why = check.ok ? 'is not a valid TOML date' : check.message;
      ctx.report('fm/date-format', date.start, date.end, `${date.value as string}: ${why}. Hugo stops the build on it`, dateFixes(ctx, date, date.value as string));
      continue;
    }
    ctx.report('fm/syntax', error.start, error.end, `${formatName(ctx.parsed.format)} syntax error: ${error.message}`);
  }
}

function formatName(format: string): string {
  return format === 'yaml' ? 'YAML' : format === 'toml' ? 'TOML' : 'JSON';
}

/** The unquoted date value on the line of `offset`, when that line is `key = <date>`. */
function tomlDateAt(text: string, offset: number): ValueNode | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const line = text.slice(lineStart, nl === -1 ? text.length : nl);
  const m = /^(\s*[^=#]+=\s*)(\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?)\s*(?:#.*)?\r?$/.exec(line);
  if (!m) return undefined;
  const start = lineStart + m[1].length;
  if (offset < start || offset > start + m[2].length) return undefined;
  return { kind: 'scalar', scalarType: 'date', value: m[2], start, end: start + m[2].length };
}
