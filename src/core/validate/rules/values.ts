import type { FieldNode, ValueNode } from '../../frontmatter';
import { describeValue, isEmptyValue, type RuleContext } from '../context';
import { replaceScalar, stringToList } from '../edits';
import { canonicalKeyName, type FieldSpec } from '../schema';
import { compileLinearRegex } from '../../text/linearRegex';
import { closestMatch } from '../suggest';
import type { QuickFix } from '../types';
import { checkDateValue } from './dateRules';

/** Go's strconv.ParseBool, which Hugo uses for booleans written as text. */
const GO_BOOL_TEXT = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
const YES = /^(?:yes|y|on)$/i;
const NO = /^(?:no|n|off)$/i;

/** `fm/type`, `fm/enum`, `fm/pattern`, `fm/empty-value` and date checks for every top-level field. */
export function checkFieldValues(ctx: RuleContext): void {
  for (const field of ctx.parsed.fields) {
    const key = field.key.toLowerCase();
    if (isEmptyValue(field.value)) {
      // Required fields report emptiness themselves; taxonomies and the rest here.
      if (!ctx.config.requiredFields.some((r) => r.toLowerCase() === key)) reportEmpty(ctx, field);
      continue;
    }
    if (ctx.isTaxonomy(key)) continue; // see taxonomies.ts
    const spec = ctx.specOf(key);
    if (spec) checkValue(ctx, field, field.value, spec, field.key);
  }
}

function reportEmpty(ctx: RuleContext, field: FieldNode): void {
  const { start, end } = field.value.end > field.value.start ? field.value : { start: field.keyStart, end: field.keyEnd };
  ctx.report('fm/empty-value', start, end, `"${field.key}" is empty: give it a value or remove the line`);
}

function checkValue(ctx: RuleContext, field: FieldNode, node: ValueNode, spec: FieldSpec, name: string): void {
  if (!checkType(ctx, field, node, spec, name)) return;
  if (node.kind === 'mapping' && spec.properties) {
    for (const entry of node.entries ?? []) {
      const inner = spec.properties[entry.key.toLowerCase()];
      if (inner && !isEmptyValue(entry.value)) checkValue(ctx, entry, entry.value, inner, `${name}.${entry.key}`);
    }
  }
  const scalars = node.kind === 'sequence' ? (node.items ?? []).filter((i) => i.kind === 'scalar') : node.kind === 'scalar' ? [node] : [];
  for (const item of scalars) {
    if (item.value === null || item.value === undefined) continue;
    if (spec.enum) checkEnum(ctx, item, spec.enum, name);
    if (spec.pattern && typeof item.value === 'string') checkPattern(ctx, item, spec.pattern, name);
  }
}

/** Reports a value of the wrong type; returns whether the value has the expected shape. */
function checkType(ctx: RuleContext, field: FieldNode, node: ValueNode, spec: FieldSpec, name: string): boolean {
  switch (spec.type) {
    case 'any':
      return true;
    case 'string':
      return node.kind === 'scalar' ? true : wrongType(ctx, node, name, 'text');
    case 'boolean':
      return checkBoolean(ctx, node, name);
    case 'integer':
    case 'number': {
      const n = node.kind === 'scalar' ? numberOf(node.value) : undefined;
      if (n === undefined) return wrongType(ctx, node, name, spec.type === 'integer' ? 'a whole number' : 'a number');
      if (spec.type === 'integer' && !Number.isInteger(n)) return wrongType(ctx, node, name, 'a whole number', [], `: Hugo drops the fraction and reads ${Math.trunc(n)}`);
      return true;
    }
    case 'date':
      if (node.kind !== 'scalar' || node.scalarType === 'boolean') return wrongType(ctx, node, name, 'a date such as 2024-03-14 or 2024-03-14T09:30:00+01:00');
      checkDateValue(ctx, field, node, name);
      return true;
    case 'string-list':
      return checkStringList(ctx, field, node, name);
    case 'map':
      return node.kind === 'mapping' ? true : wrongType(ctx, node, name, 'a mapping of keys to values');
    case 'map-or-boolean':
      return node.kind === 'mapping' || node.scalarType === 'boolean' ? true : wrongType(ctx, node, name, 'a mapping of keys to values');
    case 'map-list':
      return node.kind === 'sequence' ? checkItemsAreMappings(ctx, node, name) : wrongType(ctx, node, name, 'a list of mappings');
    case 'map-or-map-list':
      if (node.kind === 'mapping') return true;
      return node.kind === 'sequence' ? checkItemsAreMappings(ctx, node, name) : wrongType(ctx, node, name, 'a mapping or a list of mappings');
    case 'string-or-map':
      return node.kind === 'sequence' ? wrongType(ctx, node, name, 'text or a mapping') : true;
    case 'menus':
      if (node.kind === 'sequence') return checkItemsAreScalars(ctx, node, name);
      return true;
  }
}

/** Reports a value that is not of the expected type (`fm/type`); false, for the caller to return. */
function wrongType(ctx: RuleContext, node: ValueNode, name: string, expected: string, fixes: QuickFix[] = [], extra = ''): false {
  ctx.report('fm/type', node.start, node.end, `"${name}" should be ${expected}, not ${describeValue(node)}${extra}`, fixes);
  return false;
}

function checkBoolean(ctx: RuleContext, node: ValueNode, name: string): boolean {
  if (node.kind !== 'scalar') return wrongType(ctx, node, name, 'true or false');
  if (node.scalarType === 'boolean' || node.scalarType === 'number') return true;
  const text = String(node.value);
  if (GO_BOOL_TEXT.has(text)) return true;
  const meant = YES.test(text) ? 'true' : NO.test(text) ? 'false' : undefined;
  const fixes: QuickFix[] = (meant ? [meant] : ['true', 'false']).map((v, i) => ({
    title: `Change "${name}" to ${v}`,
    edits: [{ start: node.start, end: node.end, newText: v }],
    isPreferred: meant !== undefined && i === 0,
  }));
  return wrongType(ctx, node, name, 'true or false', fixes, `: Hugo reads ${JSON.stringify(text)} as false`);
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) return Number(value);
  return undefined;
}

function checkStringList(
  ctx: RuleContext,
  field: FieldNode,
  node: ValueNode,
  name: string,
): boolean {
  if (node.kind === 'mapping') return wrongType(ctx, node, name, 'a list');
  if (node.kind === 'sequence') return checkItemsAreScalars(ctx, node, name);
  // One string works only as long as it is one word: Hugo splits it at spaces.
  if (typeof node.value === 'string' && /[\s,]/.test(node.value.trim()) && node === field.value) {
    const items = splitTerms(node.value);
    const fix: QuickFix = { title: `Convert "${name}" to a list`, edits: [stringToList(ctx.target, field, items)], isPreferred: true };
    return wrongType(ctx, node, name, 'a list', [fix], `: Hugo splits one string at spaces into ${hugoSplit(node.value)}`);
  }
  return true;
}

function checkItemsAreScalars(ctx: RuleContext, node: ValueNode, name: string): boolean {
  for (const item of node.items ?? []) {
    if (item.kind !== 'scalar') ctx.report('fm/type', item.start, item.end, `Each item of "${name}" should be text, not ${describeValue(item)}`);
    else if (isEmptyValue(item)) ctx.report('fm/empty-value', item.start, Math.max(item.end, item.start), `Empty item in "${name}"`);
  }
  return true;
}

function checkItemsAreMappings(ctx: RuleContext, node: ValueNode, name: string): boolean {
  for (const item of node.items ?? []) {
    if (item.kind !== 'mapping') ctx.report('fm/type', item.start, item.end, `Each item of "${name}" should be a mapping, not ${describeValue(item)}`);
  }
  return true;
}

/** Terms from one string: comma-separated when it has commas, else the whole string. */
export function splitTerms(value: string): string[] {
  const parts = value.includes(',') ? value.split(',') : [value];
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** How Hugo turns one string into a list (Go's strings.Fields), quoted for a message. */
export function hugoSplit(value: string): string {
  const words = value.split(/\s+/).filter(Boolean);
  return words.map((w) => JSON.stringify(w)).join(' and ').replace(/ and (?=.* and )/g, ', ');
}

function checkEnum(ctx: RuleContext, node: ValueNode, allowed: readonly (string | number | boolean)[], name: string): void {
  if (allowed.some((a) => a === node.value)) return;
  const closest = typeof node.value === 'string' ? closestMatch(node.value, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
  const choices = allowed.length <= 6 ? allowed : closest !== undefined ? [closest] : [];
  const fixes: QuickFix[] = choices.map((choice) => ({
    title: `Change to ${JSON.stringify(choice)}`,
    edits: [typeof choice === 'string' ? replaceScalar(ctx.target, node, { kind: 'string', value: choice }) : { start: node.start, end: node.end, newText: String(choice) }],
    isPreferred: choice === closest,
  }));
  ctx.report('fm/enum', node.start, node.end, `${JSON.stringify(node.value)} is not allowed for "${canonicalKeyName(name.toLowerCase())}": use one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, fixes);
}

function checkPattern(ctx: RuleContext, node: ValueNode, pattern: string, name: string): void {
  // Linear-time matching: the pattern comes from the workspace (see linearRegex.ts).
  const re = compileLinearRegex(pattern);
  if (re.ok && !re.test(String(node.value))) {
    ctx.report('fm/pattern', node.start, node.end, `${JSON.stringify(node.value)} does not match the pattern configured for "${name}": /${pattern}/`);
  }
}
