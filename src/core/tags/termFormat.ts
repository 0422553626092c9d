/* eslint-disable no-control-regex -- escaping control characters is this file's job */
import type { FrontMatterFormat, ValueNode } from '../frontmatter';

/**
 * Writes a new term in place of `old` (a scalar of `list`, or the field's single value) in the
 * same style: YAML keeps plain, single or double quotes (plain only when the new text reads back
 * as the same string), TOML keeps literal or basic strings, JSON writes a JSON string.
 */
export function formatTerm(term: string, format: FrontMatterFormat, text: string, old: ValueNode, list: ValueNode): string {
  const opener = text[old.start];
  if (format === 'json') return JSON.stringify(term);
  if (format === 'toml') {
    if (opener === "'" && !text.startsWith("'''", old.start) && !/['\x00-\x08\x0a-\x1f\x7f]/.test(term)) return `'${term}'`;
    return tomlBasic(term);
  }
  if (opener === "'") return /[\x00-\x1f\x7f]/.test(term) ? yamlDouble(term) : `'${term.replace(/'/g, "''")}'`;
  if (opener === '"') return yamlDouble(term);
  const inFlow = list.kind === 'sequence' && text[list.start] === '[';
  return isSafePlain(term, inFlow) ? term : yamlDouble(term);
}

function yamlDouble(s: string): string {
  return `"${s.replace(/[\\"\x00-\x1f\x7f\u0085\u2028\u2029]/g, escapeChar)}"`;
}

function tomlBasic(s: string): string {
  return `"${s.replace(/[\\"\x00-\x1f\x7f]/g, escapeChar)}"`;
}

const NAMED: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f' };

function escapeChar(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * True when `s` can be written as a plain YAML scalar and read back as the same string: no
 * leading indicator, no `: ` or ` #`, no surrounding blanks, not a null/boolean/number
 * (YAML 1.2 core schema), and inside a flow list none of `,[]{}:`.
 */
export function isSafePlain(s: string, inFlow: boolean): boolean {
  if (s === '' || s !== s.trim()) return false;
  if ('-?:,[]{}#&*!|>\'"%@`'.includes(s[0])) return false;
  if (/[\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(s)) return false;
  if (/: | #|:$/.test(s)) return false;
  if (inFlow && /[,[\]{}:]/.test(s)) return false;
  if (/^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/.test(s)) return false;
  if (/^[-+]?(?:[0-9]+|\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$|^0o[0-7]+$|^0x[0-9a-fA-F]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(s)) return false;
  return true;
}
