/** Pieces the YAML, TOML and JSON subset readers share (yamlSubset.ts, tomlSubset.ts, jsonSubset.ts). */

/**
 * Numbers written plainly enough that `Number()` reads them exactly as each full parser does:
 * no sign but `-`, no leading zero, no `_`, exponent or prefix, at most 15 digits a side.
 */
export const PLAIN_NUMBER = /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?$/;

/**
 * Characters the YAML subset reader does not take on: tabs, control
 * characters, YAML's extra line breaks and a BOM, all left to the full parser.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
export const YAML_UNSUPPORTED_CHARS = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/** An ASCII letter's char code. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

const LONE_CR = /\r(?!\n)/;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A `\r` that does not end a line, or half a surrogate pair: both rare, so one cheap test first. */
export function hasLoneCrOrSurrogate(content: string): boolean {
  if (content.includes('\r') && LONE_CR.test(content)) return true;
  return SURROGATE.test(content) && LONE_SURROGATE.test(content);
}

/** Backslash escapes each format shares; the readers add their own few. */
const COMMON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
export const YAML_ESCAPES: Readonly<Record<string, string>> = { ...COMMON_ESCAPES, '/': '/', '0': '\0' };
export const TOML_ESCAPES = COMMON_ESCAPES;
export const JSON_ESCAPES: Readonly<Record<string, string>> = { ...COMMON_ESCAPES, '/': '/' };

/**
 * The double-quoted string opening at `at` and closing before `end`: its value and the offset
 * after the closing quote. Undefined for a control character inside, an escape not in
 * `escapes` (besides `\uXXXX` outside the surrogates), or no closing quote.
 */
export function readEscapedString(s: string, at: number, end: number, escapes: Readonly<Record<string, string>>): { value: string; end: number } | undefined {
  let value = '';
  let run = at + 1;
  for (let i = at + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) return { value: value + s.slice(run, i), end: i + 1 };
    if (c < 32) return undefined;
    if (c !== 92) continue;
    value += s.slice(run, i);
    const e = s[i + 1];
    if (e === 'u') {
      const hex = s.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
      const code = parseInt(hex, 16);
      // Escaped surrogates pair up (or not) in ways best left to the full parsers.
      if (code >= 0xd800 && code <= 0xdfff) return undefined;
      value += String.fromCharCode(code);
      i += 5;
    } else if (e !== undefined && Object.prototype.hasOwnProperty.call(escapes, e)) {
      value += escapes[e];
      i++;
    } else {
      return undefined;
    }
    run = i + 1;
  }
  return undefined;
}

/**
 * Plain words and numbers YAML 1.1 (gopkg.in/yaml.v2, Hugo up to 0.151) reads otherwise than YAML
 * 1.2: `y`/`yes`/`on`/`off`/`n`/`no` as booleans, `0755` as octal, `0b101`, `1_000`. A block with
 * one of them (as a value, a list item or a key) goes to the full parser in YAML 1.1 mode; a false
 * alarm only costs time.
 */
export const YAML11_SPECIAL =
  /(?:(?:^|[\s[\]{},:])(?:[yYnN]|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF)|(?:^|[\s[\]{},])(?:[-+]?0[0-9_]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*_[0-9_.]*))(?=[ \t]*(?:$|[,\]}#:\r\n]))/m;
