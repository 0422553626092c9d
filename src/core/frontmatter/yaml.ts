import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { FieldNode, FrontMatterSyntaxError, ValueNode } from './types';
import { checkTomlDate } from '../validate/dates';

/** An alias may not expand into more nodes than this (a "billion laughs" guard). */
const MAX_ALIAS_COUNT = 100;

export interface FormatParseResult {
  fields: FieldNode[];
  errors: FrontMatterSyntaxError[];
  /** Set when the block parsed but its top level is not a key/value mapping. */
  notAMapping?: { start: number; end: number };
}

/** Which YAML a Hugo version reads front matter as (see `HugoRules.yaml`). */
export type YamlVersion = '1.1' | '1.2';

/**
 * YAML 1.1's tags as gopkg.in/yaml.v2 resolves plain scalars (Hugo up to 0.151): booleans, octal
 * and `_` numbers; not the `1:20` sexagesimal numbers yaml.v2 never read, and dates stay text as
 * in 1.2 (the date rules read them).
 */
const yaml11Tags = (tags: { tag: string; format?: string }[]) => tags.filter((t) => t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME');

/** Parses YAML front matter `content` that begins at absolute offset `base`. */
export function parseYamlFrontMatter(content: string, base: number, version: YamlVersion = '1.2'): FormatParseResult {
  const errors: FrontMatterSyntaxError[] = [];
  // uniqueKeys off: duplicates are a validation rule of ours (Hugo compares keys lowercased).
  const doc =
    version === '1.1'
      ? parseDocument(content, { uniqueKeys: false, prettyErrors: false, strict: true, version: '1.1', customTags: yaml11Tags as never })
      : parseDocument(content, { uniqueKeys: false, prettyErrors: false, strict: true });
  for (const e of doc.errors) {
    // Errors "at the end" (an unclosed bracket) point past the content; keep them inside the block.
    const end = Math.min(Math.max(e.pos[1], e.pos[0] + 1), content.length);
    const start = Math.max(0, Math.min(e.pos[0], end - 1));
    errors.push({ code: 'syntax', message: cleanMessage(e.message), start: base + start, end: base + end });
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { fields: [], errors };
  if (!isMap(root)) {
    const [s, , e] = root.range ?? [0, 0, content.length];
    return { fields: [], errors, notAMapping: { start: base + s, end: base + e } };
  }
  const budget = { aliases: 0 };
  const fields = mapEntries(root, doc, base, content, budget, errors);
  return { fields, errors };
}

function cleanMessage(message: string): string {
  // The yaml package appends " at line N, column M" plus a code frame; we report positions ourselves.
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
}

function mapEntries(
  map: YamlNode,
  doc: Document,
  base: number,
  content: string,
  budget: { aliases: number },
  errors: FrontMatterSyntaxError[],
): FieldNode[] {
  const out: FieldNode[] = [];
  if (!isMap(map)) return out;
  for (const pair of map.items) {
    const keyNode = pair.key as YamlNode | null;
    if (keyNode === null || keyNode === undefined) continue;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode.toString());
    const [ks, ke] = keyNode.range ?? [0, 0];
    const valueNode = pair.value as YamlNode | null;
    const value = valueNode
      ? toValueNode(valueNode, doc, base, content, budget, errors)
      : // `key:` with nothing after it: an empty value that sits right after the colon.
        emptyValueAt(base + ke, content, ke);
    out.push({ key, keyStart: base + ks, keyEnd: base + ke, value });
  }
  return out;
}

function emptyValueAt(absKeyEnd: number, content: string, relKeyEnd: number): ValueNode {
  const colon = content.indexOf(':', relKeyEnd);
  const at = colon === -1 ? absKeyEnd : absKeyEnd + (colon - relKeyEnd) + 1;
  return { kind: 'scalar', value: null, scalarType: 'null', start: at, end: at };
}

function toValueNode(
  node: YamlNode,
  doc: Document,
  base: number,
  content: string,
  budget: { aliases: number },
  errors: FrontMatterSyntaxError[],
): ValueNode {
  const [s, e] = node.range ?? [0, 0];
  const start = base + s;
  const end = base + e;
  if (isScalar(node)) {
    const v = node.value;
    // `!!timestamp 2024-03-01`: a date, as Hugo's YAML reader gives it (a time.Time), kept as written when it reads as one.
    if (v instanceof Date) {
      const written = typeof node.source === 'string' ? node.source.trim() : '';
      const value = checkTomlDate(written).ok ? written : Number.isNaN(v.getTime()) ? written : v.toISOString().replace('.000Z', 'Z');
      return { kind: 'scalar', value, scalarType: 'date', start, end };
    }
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const scalarType =
      v === null ? 'null' : typeof v === 'number' || typeof v === 'bigint' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
    return { kind: 'scalar', value: typeof v === 'bigint' ? Number(v) : v, scalarType, quoted, start, end };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => toValueNode(item as YamlNode, doc, base, content, budget, errors));
    return { kind: 'sequence', value: items.map((i) => i.value), items, start, end };
  }
  if (isMap(node)) {
    const entries = mapEntries(node, doc, base, content, budget, errors);
    const value: Record<string, unknown> = {};
    for (const f of entries) value[f.key] = f.value.value;
    return { kind: 'mapping', value, entries, start, end };
  }
  if (isAlias(node)) {
    let value: unknown = null;
    budget.aliases++;
    if (budget.aliases <= MAX_ALIAS_COUNT) {
      try {
        value = node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
      } catch (err) {
        errors.push({ code: 'syntax', message: `Alias *${node.source} cannot be expanded: ${(err as Error).message}`, start, end });
        // One alias that explodes means a bomb: say so once, and expand no further alias.
        budget.aliases = MAX_ALIAS_COUNT + 1;
      }
    } else if (budget.aliases === MAX_ALIAS_COUNT + 1) {
      errors.push({ code: 'syntax', message: `Too many aliases (more than ${MAX_ALIAS_COUNT}); the rest are not expanded`, start, end });
    }
    return { kind: 'scalar', value, scalarType: value === null ? 'null' : typeof value === 'string' ? 'string' : undefined, start, end };
  }
  return { kind: 'scalar', value: null, scalarType: 'null', start, end };
}
