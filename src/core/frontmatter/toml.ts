import { parseTOML } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';
import type { FieldNode, ValueNode } from './types';
import type { FormatParseResult } from './yaml';

/** Parses TOML front matter `content` that begins at absolute offset `base`. */
export function parseTomlFrontMatter(content: string, base: number): FormatParseResult {
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(content);
  } catch (err) {
    const e = err as { message: string; index?: number };
    let rel = typeof e.index === 'number' ? Math.min(e.index, content.length) : 0;
    if (/multiple times/.test(e.message)) {
      // A key defined twice is reported where its second definition starts: mark that key.
      const key = /^\[*\s*[^\s=\]]+/.exec(content.slice(rel))?.[0] ?? ' ';
      return { fields: [], errors: [{ code: 'syntax', message: firstLine(e.message), start: base + rel, end: base + Math.min(rel + key.length, content.length) }] };
    }
    // The parser reports "value missing at end of line" at the start of the next line; an error
    // right after a line break belongs to the line that break ends.
    while (rel > 0 && (content[rel - 1] === '\n' || content[rel - 1] === '\r')) rel--;
    const at = base + rel;
    return { fields: [], errors: [{ code: 'syntax', message: firstLine(e.message), start: at, end: Math.min(at + 1, base + content.length) }] };
  }
  const fields: FieldNode[] = [];
  const top = ast.body[0];
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      fields.push(keyValueField(item, content, base));
    } else {
      // [table] or [[array.of.tables]]: the first key segment is the top-level field.
      const keys = item.key.keys;
      const first = keys[0];
      const entries = item.body.map((kv) => keyValueField(kv, content, base));
      let value: ValueNode = mapping(entries, base + item.range[0], base + item.range[1]);
      // `[[a.b]]` appends to the list at the last key (`a.b`), at any depth; the merge below
      // concatenates one-item lists, so repeated headers build the whole list.
      if (item.kind === 'array') value = { kind: 'sequence', value: [value.value], items: [value], start: value.start, end: value.end };
      for (let i = keys.length - 1; i >= 1; i--) {
        value = mapping([{ key: keyName(keys[i]), keyStart: base + keys[i].range[0], keyEnd: base + keys[i].range[1], value }], value.start, value.end);
      }
      fields.push({ key: keyName(first), keyStart: base + first.range[0], keyEnd: base + first.range[1], value });
    }
  }
  return { fields, errors: [] };
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

function keyName(k: AST.TOMLBare | AST.TOMLQuoted): string {
  return k.type === 'TOMLBare' ? k.name : k.value;
}

function keyValueField(kv: AST.TOMLKeyValue, content: string, base: number): FieldNode {
  const keys = kv.key.keys;
  let value = toValueNode(kv.value, content, base);
  // Dotted keys (`params.author = "x"`) become nested mappings under the first segment.
  for (let i = keys.length - 1; i >= 1; i--) {
    value = mapping([{ key: keyName(keys[i]), keyStart: base + keys[i].range[0], keyEnd: base + keys[i].range[1], value }], value.start, value.end);
  }
  return { key: keyName(keys[0]), keyStart: base + keys[0].range[0], keyEnd: base + keys[0].range[1], value };
}

function mapping(entries: FieldNode[], start: number, end: number): ValueNode {
  const value: Record<string, unknown> = {};
  for (const f of entries) value[f.key] = mergeValue(value[f.key], f.value.value);
  return { kind: 'mapping', value, entries, start, end };
}

function mergeValue(existing: unknown, next: unknown): unknown {
  if (isPlainObject(existing) && isPlainObject(next)) {
    const out: Record<string, unknown> = { ...existing };
    for (const [k, v] of Object.entries(next)) out[k] = mergeValue(out[k], v);
    return out;
  }
  if (Array.isArray(existing) && Array.isArray(next)) return [...existing, ...next];
  return next;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toValueNode(node: AST.TOMLContentNode, content: string, base: number): ValueNode {
  const start = base + node.range[0];
  const end = base + node.range[1];
  switch (node.type) {
    case 'TOMLArray': {
      const items = node.elements.map((e) => toValueNode(e, content, base));
      return { kind: 'sequence', value: items.map((i) => i.value), items, start, end };
    }
    case 'TOMLInlineTable':
      return mapping(node.body.map((kv) => keyValueField(kv, content, base)), start, end);
    case 'TOMLValue': {
      if (node.kind === 'string') return { kind: 'scalar', value: node.value, scalarType: 'string', quoted: true, start, end };
      if (node.kind === 'boolean') return { kind: 'scalar', value: node.value, scalarType: 'boolean', start, end };
      if (node.kind === 'integer' || node.kind === 'float') {
        return { kind: 'scalar', value: Number(node.value), scalarType: 'number', start, end };
      }
      // Dates and times stay as written, like unquoted YAML dates do.
      return { kind: 'scalar', value: content.slice(node.range[0], node.range[1]), scalarType: 'date', start, end };
    }
  }
}

/** Builds top-level data from TOML fields, merging `[params]`-style tables the way TOML does. */
export function tomlFieldsToData(fields: FieldNode[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fields) data[f.key] = mergeValue(data[f.key], f.value.value);
  return data;
}
