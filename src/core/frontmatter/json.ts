import { createScanner, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { FieldNode, ValueNode } from './types';
import type { FormatParseResult } from './yaml';

// jsonc-parser's SyntaxKind is a const enum, which isolated-module builds cannot inline.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const EOF = 17;

/**
 * Finds where Hugo's bare JSON front matter object ends: the `}` matching the first `{`.
 * Returns the offset just past it, or -1 when the object never closes. Like Hugo's lexer it
 * counts only braces outside strings: a stray `]` must not end the block early.
 */
export function findJsonObjectEnd(text: string, start: number): number {
  const scanner = createScanner(text.slice(start), false);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE) depth++;
    else if (kind === CLOSE_BRACE) {
      depth--;
      if (depth === 0) return start + scanner.getTokenOffset() + 1;
    }
  }
  return -1;
}

/** Parses a JSON front matter object `content` that begins at absolute offset `base`. */
export function parseJsonFrontMatter(content: string, base: number): FormatParseResult {
  const problems: ParseError[] = [];
  const root = parseTree(content, problems, { disallowComments: true, allowTrailingComma: false });
  // jsonc-parser often reports two errors at one spot (a trailing comma: "property name expected"
  // and "value expected"); the first says it best.
  const firstPerOffset = problems.filter((p, i) => problems.findIndex((q) => q.offset === p.offset) === i);
  // Errors "at the end" (a missing close brace) point past the object; keep them on its last character.
  const errors = firstPerOffset.map((p) => {
    const end = Math.min(p.offset + Math.max(1, p.length), content.length);
    const start = Math.max(0, Math.min(p.offset, end - 1));
    return { code: 'syntax' as const, message: describe(printParseErrorCode(p.error)), start: base + start, end: base + end };
  });
  if (!root || root.type !== 'object') return { fields: [], errors };
  return { fields: properties(root, base), errors };
}

function describe(code: string): string {
  // jsonc-parser names errors like "PropertyNameExpected"; make them read as sentences.
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON: ${words}`;
}

function properties(obj: JsonNode, base: number): FieldNode[] {
  const out: FieldNode[] = [];
  for (const prop of obj.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode) continue;
    const value: ValueNode = valueNode
      ? toValueNode(valueNode, base)
      : { kind: 'scalar', value: null, scalarType: 'null', start: base + keyNode.offset + keyNode.length, end: base + keyNode.offset + keyNode.length };
    out.push({ key: String(keyNode.value), keyStart: base + keyNode.offset, keyEnd: base + keyNode.offset + keyNode.length, value });
  }
  return out;
}

function toValueNode(node: JsonNode, base: number): ValueNode {
  const start = base + node.offset;
  const end = start + node.length;
  switch (node.type) {
    case 'object': {
      const entries = properties(node, base);
      const value: Record<string, unknown> = {};
      for (const f of entries) value[f.key] = f.value.value;
      return { kind: 'mapping', value, entries, start, end };
    }
    case 'array': {
      const items = (node.children ?? []).map((c) => toValueNode(c, base));
      return { kind: 'sequence', value: items.map((i) => i.value), items, start, end };
    }
    case 'string':
      return { kind: 'scalar', value: node.value, scalarType: 'string', quoted: true, start, end };
    case 'number':
      return { kind: 'scalar', value: node.value, scalarType: 'number', start, end };
    case 'boolean':
      return { kind: 'scalar', value: node.value, scalarType: 'boolean', start, end };
    default:
      return { kind: 'scalar', value: null, scalarType: 'null', start, end };
  }
}
