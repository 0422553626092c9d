import { RE2JS } from 're2js';

/**
 * Regular expressions the workspace supplies (`pattern` rules) run on RE2JS, a pure-JavaScript
 * port of RE2: matching takes time linear in the input whatever the pattern, so `^(a+)+$` on a
 * long value cannot freeze the extension host or a CI job the way a backtracking engine does.
 * The syntax is RE2's (Go's `regexp`, which Hugo uses): no backreferences and no lookaround.
 */
export type LinearRegex = { ok: true; test(text: string): boolean } | { ok: false; message: string };

const SYNTAX_NOTE = 'patterns use RE2 syntax (as Go and Hugo do), which always matches in linear time';

const cache = new Map<string, LinearRegex>();

/** Compiles `source` (cached: the validator asks for the same few patterns for every post). */
export function compileLinearRegex(source: string, options: { ignoreCase?: boolean } = {}): LinearRegex {
  const key = `${options.ignoreCase ? 'i' : '-'}${source}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(source, options.ignoreCase === true);
    // Settings change rarely; a bound keeps a pathological stream of edits from growing it forever.
    if (cache.size >= 256) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

function compile(source: string, ignoreCase: boolean): LinearRegex {
  let re: RE2JS;
  try {
    re = RE2JS.compile(fromJavaScriptEscapes(source), ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (err) {
    return { ok: false, message: explain(source, err instanceof Error ? err.message : String(err)) };
  }
  return { ok: true, test: (text) => re.test(text) };
}

/** Turns an engine error into what the author needs to change. */
function explain(source: string, raw: string): string {
  const detail = raw.replace(/^error parsing regexp:\s*/, '');
  if (/`\\[1-9]|`\\k</.test(detail)) return `Backreferences such as \\1 are not supported: ${SYNTAX_NOTE}`;
  if (/`\(\?<?[=!]/.test(detail) || /\(\?<?[=!]/.test(source)) return `Lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported: ${SYNTAX_NOTE}`;
  return `Invalid regular expression: ${detail} (${SYNTAX_NOTE})`;
}

/**
 * JavaScript's `\uXXXX` and `\u{X…}` escapes, which RE2 lacks, as RE2's `\x{…}`. Nothing else
 * changes: in RE2 `\u` is always an error, so no valid RE2 pattern is rewritten.
 */
function fromJavaScriptEscapes(source: string): string {
  if (!source.includes('\\u')) return source;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const rest = source.slice(i + 1);
    const m = /^u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]{1,6})\})/.exec(rest);
    if (m) {
      out += `\\x{${m[1] ?? m[2]}}`;
      i += m[0].length;
    } else {
      // Any other escape (including `\\`) is copied whole, so its second character is not read as a new escape.
      out += ch + (source[i + 1] ?? '');
      i++;
    }
  }
  return out;
}
