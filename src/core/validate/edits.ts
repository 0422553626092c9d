import type { FieldNode, FrontMatterFormat, ParsedFrontMatter, ValueNode } from '../frontmatter';
import type { TextEdit } from './types';

/**
 * Text edits on front matter in its own syntax. Every edit keeps the document's line endings,
 * the quoting style already in use and the indentation around it, and is trimmed to the bytes
 * that actually change.
 */
export interface EditTarget {
  text: string;
  parsed: ParsedFrontMatter & { format: FrontMatterFormat };
}

type QuoteStyle = 'plain' | 'double' | 'single';

/** A new value to write, before quoting. */
export type NewValue = { kind: 'string'; value: string } | { kind: 'date'; value: string } | { kind: 'literal'; value: string };

export function lineEnding(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** Shrinks a replacement to the part that differs, so unchanged bytes are not rewritten. */
export function minimalEdit(text: string, start: number, end: number, newText: string): TextEdit {
  let s = 0;
  const oldText = text.slice(start, end);
  while (s < oldText.length && s < newText.length && oldText[s] === newText[s]) s++;
  let e = 0;
  while (e < oldText.length - s && e < newText.length - s && oldText[oldText.length - 1 - e] === newText[newText.length - 1 - e]) e++;
  return { start: start + s, end: end - e, newText: newText.slice(s, newText.length - e) };
}

/** Applies non-overlapping edits (any order) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

// --- quoting -----------------------------------------------------------------------------------

const YAML_RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?\.(?:inf|nan))$/i;
const YAML_NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0[xo][0-9a-fA-F_]+$/;

/** Whether `s` reads back as the same string when written unquoted in YAML. */
function yamlPlainSafe(s: string, inFlow: boolean): boolean {
  if (s === '' || s !== s.trim() || /[\n\r\t]/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  return !YAML_RESERVED.test(s) && !YAML_NUMBER.test(s);
}

function quoteStyleOf(text: string, node: ValueNode): QuoteStyle {
  if (!node.quoted) return 'plain';
  return text[node.start] === "'" ? 'single' : 'double';
}

/** `s` as a string literal of `format` in `style` (falling back to double quotes when needed). */
function stringLiteral(s: string, format: FrontMatterFormat, style: QuoteStyle, inFlow = false): string {
  if (format === 'json') return JSON.stringify(s);
  if (format === 'yaml' && style === 'plain' && yamlPlainSafe(s, inFlow)) return s;
  if (style === 'single' && !/[\n\r]/.test(s)) {
    if (format === 'yaml') return `'${s.replace(/'/g, "''")}'`;
    if (!s.includes("'")) return `'${s}'`;
  }
  // JSON's escapes are valid in YAML double-quoted and TOML basic strings.
  return JSON.stringify(s);
}

/** The quoting most top-level text values of the document use; ties go to the safer quotes. */
function dominantStyle(target: EditTarget, keys: (key: string) => boolean): QuoteStyle {
  const count: Record<QuoteStyle, number> = { plain: 0, double: 0, single: 0 };
  for (const f of target.parsed.fields) {
    if (!keys(f.key.toLowerCase())) continue;
    if (f.value.kind === 'scalar' && f.value.scalarType === 'string') count[quoteStyleOf(target.text, f.value)]++;
  }
  const order: QuoteStyle[] = ['double', 'single', 'plain'];
  const best = order.reduce((a, b) => (count[b] > count[a] ? b : a));
  if (count[best] > 0) return best;
  return target.parsed.format === 'yaml' ? 'plain' : 'double';
}

/** The quoting of list items elsewhere in the document, if any list has text items. */
function listItemStyle(target: EditTarget, except: FieldNode): QuoteStyle | undefined {
  for (const f of target.parsed.fields) {
    if (f === except) continue;
    const item = f.value.items?.find((i) => i.kind === 'scalar' && i.scalarType === 'string');
    if (item) return quoteStyleOf(target.text, item);
  }
  return undefined;
}

function render(target: EditTarget, value: NewValue, style: QuoteStyle): string {
  const { format } = target.parsed;
  if (value.kind === 'literal') return value.value;
  // TOML writes dates natively; YAML reads an unquoted date as a string Hugo parses.
  if (value.kind === 'date' && format !== 'json' && style === 'plain') return value.value;
  return stringLiteral(value.value, format, style === 'plain' && format === 'toml' ? 'double' : style);
}

// --- edits -------------------------------------------------------------------------------------

/** Replaces a scalar's value, keeping its quotes (or adding some when the new text needs them). */
export function replaceScalar(target: EditTarget, node: ValueNode, value: NewValue): TextEdit {
  const style = node.scalarType === 'date' ? 'plain' : quoteStyleOf(target.text, node);
  const inFlow = isInsideFlow(target.text, node);
  const literal =
    value.kind === 'string' ? stringLiteral(value.value, target.parsed.format, style, inFlow) : render(target, value, node.quoted ? style : 'plain');
  return minimalEdit(target.text, node.start, node.end, literal);
}

function isInsideFlow(text: string, node: ValueNode): boolean {
  // A plain scalar directly after `[` or `,` on its line sits in a flow collection.
  let i = node.start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === '[' || text[i] === ',' || text[i] === '{';
}

/** Renames a key in place, keeping its quotes. */
export function renameKey(target: EditTarget, field: FieldNode, newKey: string): TextEdit {
  const raw = target.text.slice(field.keyStart, field.keyEnd);
  const quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
  const replacement = quote ? `${quote}${newKey}${quote}` : newKey;
  return minimalEdit(target.text, field.keyStart, field.keyEnd, replacement);
}

/**
 * YAML front matter may be one flow mapping (`{ title: a, tags: x }`), where block lines would
 * break it. Returns the text up to and including its `{`, or null.
 */
function isFlowBlock(target: EditTarget): RegExpExecArray | null {
  const { text, parsed } = target;
  return parsed.format === 'yaml' ? /^\s*\{/.exec(text.slice(parsed.contentStart, parsed.contentEnd)) : null;
}

/** Turns a one-string taxonomy value (`tags: "a, b"`) into a list in the document's own style. */
export function stringToList(target: EditTarget, field: FieldNode, items: readonly string[]): TextEdit {
  const { text, parsed } = target;
  const node = field.value;
  const style = listItemStyle(target, field) ?? quoteStyleOf(text, node);
  if (parsed.format !== 'yaml') {
    const list = `[${items.map((i) => stringLiteral(i, parsed.format, style)).join(', ')}]`;
    return minimalEdit(text, node.start, node.end, list);
  }
  const other = parsed.fields.find((f) => f !== field && f.value.kind === 'sequence' && (f.value.items?.length ?? 0) > 0);
  if ((other && text[other.value.start] === '[') || isFlowBlock(target)) {
    const list = `[${items.map((i) => stringLiteral(i, 'yaml', style, true)).join(', ')}]`;
    return minimalEdit(text, node.start, node.end, list);
  }
  const eol = lineEnding(text);
  const keyColumn = field.keyStart - lineStartOf(text, field.keyStart);
  const indent = ' '.repeat(keyColumn + blockSequenceIndent(text, other));
  const colon = text.indexOf(':', field.keyEnd);
  const lines = items.map((i) => `${eol}${indent}- ${stringLiteral(i, 'yaml', style)}`).join('');
  return minimalEdit(text, colon + 1, node.end, lines);
}

/** How far the `-` of an existing block sequence sits right of its key (2 when there is none). */
function blockSequenceIndent(text: string, field: FieldNode | undefined): number {
  const first = field?.value.items?.[0];
  if (!field || !first) return 2;
  let dash = first.start - 1;
  while (dash > 0 && text[dash] === ' ') dash--;
  if (text[dash] !== '-') return 2;
  const keyColumn = field.keyStart - lineStartOf(text, field.keyStart);
  return Math.max(0, dash - lineStartOf(text, dash) - keyColumn);
}

/** Removes item `index` (> 0) of a list: its whole line in a YAML block list, else `, item`. */
export function removeListItem(target: EditTarget, list: ValueNode, index: number): TextEdit {
  const items = list.items ?? [];
  const item = items[index];
  const flow = target.text[list.start] === '[';
  if (!flow) {
    const from = lineStartOf(target.text, item.start);
    return { start: from, end: nextLineStart(target.text, item.end), newText: '' };
  }
  return { start: items[index - 1].end, end: item.end, newText: '' };
}

/**
 * Adds `key` with `value` as a new top-level field: first in the block when `first` (where
 * archetypes put the title), else last (in TOML: last before the first [table]).
 */
export function insertField(target: EditTarget, key: string, value: NewValue, first = false): TextEdit {
  const { text, parsed } = target;
  const eol = lineEnding(text);
  const isDate = value.kind === 'date';
  // Dates follow how the document quotes its dates; other text how it quotes its other text.
  const style = dominantStyle(target, (k) => /date|lastmod|modified|published/.test(k) === isDate);
  if (parsed.format === 'json') return insertJsonField(target, key, value, eol, first);
  if (parsed.format === 'toml') {
    const plain = parsed.fields.filter((f) => f.keyStart < f.value.start);
    const at = first || !plain.length ? parsed.contentStart : nextLineStart(text, Math.max(...plain.map((f) => f.value.end)));
    const needsBreak = at > 0 && text[at - 1] !== '\n' ? eol : '';
    const tomlKey = /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
    return { start: at, end: at, newText: `${needsBreak}${tomlKey} = ${render(target, value, isDate ? 'plain' : style)}${eol}` };
  }
  const firstField = parsed.fields[0];
  const yamlKey = yamlPlainSafe(key, false) ? key : JSON.stringify(key);
  const flowOpen = isFlowBlock(target);
  if (flowOpen) {
    const literal = value.kind === 'string' ? stringLiteral(value.value, 'yaml', style, true) : render(target, value, style);
    const member = `${yamlKey}: ${literal}`;
    if (!firstField) return { start: parsed.contentStart + flowOpen[0].length, end: parsed.contentStart + flowOpen[0].length, newText: ` ${member} ` };
    const last = parsed.fields[parsed.fields.length - 1];
    return first ? { start: firstField.keyStart, end: firstField.keyStart, newText: `${member}, ` } : { start: last.value.end, end: last.value.end, newText: `, ${member}` };
  }
  const indent = firstField ? ' '.repeat(firstField.keyStart - lineStartOf(text, firstField.keyStart)) : '';
  const at = first ? parsed.contentStart : parsed.contentEnd;
  const needsBreak = at > 0 && text[at - 1] !== '\n' ? eol : '';
  return { start: at, end: at, newText: `${needsBreak}${indent}${yamlKey}: ${render(target, value, style)}${eol}` };
}

function insertJsonField(target: EditTarget, key: string, value: NewValue, eol: string, first: boolean): TextEdit {
  const { text, parsed } = target;
  const member = `${JSON.stringify(key)}: ${value.kind === 'literal' ? value.value : JSON.stringify(value.value)}`;
  const fields = parsed.fields;
  if (fields.length === 0) {
    // An empty object: replace whatever blank space is between its braces.
    return { start: parsed.contentStart + 1, end: parsed.contentEnd - 1, newText: `${eol}  ${member}${eol}` };
  }
  const anchor = first ? fields[0] : fields[fields.length - 1];
  const multiline = text.lastIndexOf('\n', anchor.keyStart) > parsed.blockStart;
  const indent = multiline ? text.slice(lineStartOf(text, anchor.keyStart), anchor.keyStart) : '';
  const gap = multiline ? `${eol}${indent}` : ' ';
  if (first) return { start: anchor.keyStart, end: anchor.keyStart, newText: `${member},${gap}` };
  return { start: anchor.value.end, end: anchor.value.end, newText: `,${gap}${member}` };
}
