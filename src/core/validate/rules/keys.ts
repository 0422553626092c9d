import { formatRfc3339 } from '../dates';
import { insertField, renameKey, type NewValue } from '../edits';
import { foldKey, type FieldNode } from '../../frontmatter';
import { isEmptyValue, type RuleContext } from '../context';
import { canonicalKeyName, COMMON_THEME_FIELDS, DATE_FIELDS, HUGO_FIELDS, KEY_SYNONYMS } from '../schema';
import { closestMatch } from '../suggest';
import type { ValidationConfig } from '../config';
import type { QuickFix } from '../types';
import { rendersNever } from '../../site/pages';

/** `fm/required`: every required field is present and not empty. */
export function checkRequired(ctx: RuleContext): void {
  // A block that does not parse says nothing about which fields are missing.
  if (!ctx.isEnabled('fm/required') || ctx.parsed.errors.length > 0) return;
  // A page Hugo does not publish (an include snippet, a headless bundle) needs no title or date.
  if (rendersNever(ctx.parsed.fields)) return;
  const isListPage = /(^|\/)_index\.[^/]+$/.test(ctx.options.filePath ?? '');
  const open = ctx.parsed.blockStart;
  const openEnd = ctx.parsed.format === 'json' ? open + 1 : open + 3;
  for (const name of ctx.config.requiredFields) {
    const key = name.toLowerCase();
    // Section list pages (`_index.md`) rarely carry a date; Hugo does not need one there.
    if (isListPage && key === 'date') continue;
    const field = ctx.byKey.get(key);
    if (!field) {
      ctx.report('fm/required', open, openEnd, `Missing required field "${name}"`, addFieldFixes(ctx, name));
    } else if (isEmptyValue(field.value)) {
      const { start, end } = field.value.end > field.value.start ? field.value : { start: field.keyStart, end: field.keyEnd };
      ctx.report('fm/required', start, end, `Required field "${field.key}" is empty`);
    }
  }
}

function addFieldFixes(ctx: RuleContext, name: string): QuickFix[] {
  const key = name.toLowerCase();
  const spec = ctx.specOf(key);
  let value: NewValue;
  let shown: string;
  if (key === 'title') {
    const title = titleFromBody(ctx.text.slice(ctx.parsed.bodyStart)) ?? titleFromPath(ctx.options.filePath);
    if (title === undefined) return [];
    value = { kind: 'string', value: title };
    shown = `"${title}"`;
  } else if (spec?.type === 'date' || DATE_FIELDS.has(key)) {
    const now = ctx.options.now ?? new Date();
    const offset = ctx.options.utcOffsetMinutes ?? -now.getTimezoneOffset();
    value = { kind: 'date', value: formatRfc3339(now, offset) };
    shown = value.value;
  } else if (spec?.enum?.length) {
    value = typeof spec.enum[0] === 'string' ? { kind: 'string', value: spec.enum[0] } : { kind: 'literal', value: String(spec.enum[0]) };
    shown = String(spec.enum[0]);
  } else {
    // A taxonomy is a list of terms even when no field spec says so: `tags: []`, not `tags: ""`.
    const empty = emptyLiteral(ctx.isTaxonomy(key) ? 'string-list' : spec?.type, ctx.parsed.format);
    value = empty ?? { kind: 'string', value: '' };
    shown = empty?.value ?? '""';
  }
  const displayName = HUGO_FIELDS[key] ? canonicalKeyName(key) : name;
  return [{ title: `Add ${displayName}: ${shown}`, edits: [insertField(ctx.target, displayName, value, key === 'title')], isPreferred: true }];
}

function emptyLiteral(type: string | undefined, format: string): NewValue | undefined {
  switch (type) {
    case 'boolean':
      return { kind: 'literal', value: 'false' };
    case 'integer':
    case 'number':
      return { kind: 'literal', value: '0' };
    case 'string-list':
      return { kind: 'literal', value: '[]' };
    case 'map':
      return format === 'yaml' || format === 'json' ? { kind: 'literal', value: '{}' } : undefined;
    default:
      return undefined;
  }
}

/** The text of the first level-1 heading of the body (ATX `# x` or setext `x\n===`), outside code fences. */
export function titleFromBody(body: string): string | undefined {
  const lines = body.split(/\r?\n/);
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1][0];
      else if (f[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    const atx = /^ {0,3}#(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx && atx[1]?.trim()) return atx[1].trim();
    if (line.trim() && /^ {0,3}=+[ \t]*$/.test(lines[i + 1] ?? '')) return line.trim();
  }
  return undefined;
}

/** A title from the file name: `kubectl-port-forward.md` → "Kubectl port forward"; bundles use their folder. */
export function titleFromPath(filePath: string | undefined): string | undefined {
  if (!filePath) return undefined;
  const parts = filePath.split('/').filter(Boolean);
  let name = parts.pop() ?? '';
  if (/^_?index\.[^.]+$/.test(name)) name = parts.pop() ?? name;
  const words = name
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return words ? words[0].toUpperCase() + words.slice(1) : undefined;
}

/**
 * `fm/duplicate-key`: a key set twice, or twice in different case. Hugo lowercases keys and keeps
 * one value (see `hugoKeeps`): the message is put on the spelling Hugo drops and names the one it
 * keeps. A key repeated exactly is a YAML syntax error from Hugo 0.152 (goccy/go-yaml,
 * `validateMapKey` in parser/parser.go); Hugo 0.151 and older read YAML with gopkg.in/yaml.v2,
 * which keeps the last value (checked with Hugo 0.111.3).
 */
export function checkDuplicateKeys(ctx: RuleContext): void {
  // Every field its own kept field: no key is written twice (most posts; no map to build).
  if (!ctx.isEnabled('fm/duplicate-key') || ctx.byKey.size === ctx.parsed.fields.length) return;
  const firsts = new Map<string, FieldNode>();
  for (const field of ctx.parsed.fields) {
    const k = foldKey(field.key);
    const first = firsts.get(k);
    if (!first) firsts.set(k, field);
    if (ctx.parsed.format === 'json' && first && first.key === field.key) {
      // Hugo reads JSON with Go's encoding/json (parser/metadecoders/decoder.go, UnmarshalTo):
      // a repeated key is no error, the last value wins (Hugo 0.111.3 builds it so).
      const message = `Key "${field.key}" is set again (first on line ${ctx.lineOf(first.keyStart)}): Hugo keeps the last value and drops the first`;
      ctx.report('fm/duplicate-key', field.keyStart, field.keyEnd, message, [], 'warning');
      continue;
    }
    const kept = ctx.byKey.get(k)!;
    if (kept === field) continue;
    // In TOML the parser already rejects a key set twice; the same key again is a table merge.
    if (ctx.parsed.format === 'toml' && kept.key === field.key) continue;
    const line = ctx.lineOf(kept.keyStart);
    if (kept.key !== field.key) {
      const message = `Key "${field.key}" is ignored: Hugo lowercases keys, and "${kept.key}" (line ${line}) overwrites it`;
      ctx.report('fm/duplicate-key', field.keyStart, field.keyEnd, message);
    } else if (ctx.parsed.format === 'yaml') {
      duplicateYamlKey(ctx, field, kept, line);
    }
    // JSON, the same spelling again: reported above, on the repeat.
  }
}

function duplicateYamlKey(ctx: RuleContext, field: FieldNode, kept: FieldNode, keptLine: number): void {
  if (ctx.config.hugo.yaml === '1.2') {
    // goccy/go-yaml names the second one ("mapping key already defined"): report it there.
    const [first, second] = field.keyStart < kept.keyStart ? [field, kept] : [kept, field];
    const message = `Duplicate key "${second.key}" (first set on line ${ctx.lineOf(first.keyStart)}): ${ctx.hugoName} (YAML 1.2, from Hugo 0.152) stops the build on a key set twice`;
    ctx.report('fm/duplicate-key', second.keyStart, second.keyEnd, message);
    return;
  }
  const message = `Key "${field.key}" is set again on line ${keptLine}: ${ctx.hugoName} (YAML 1.1) keeps only the last value and ignores this one`;
  ctx.report('fm/duplicate-key', field.keyStart, field.keyEnd, message, [], 'warning');
}

/** `fm/unknown-key`: a key that is probably a misspelling of a known one (or any unknown key, if configured). */
export function checkUnknownKeys(ctx: RuleContext): void {
  if (!ctx.isEnabled('fm/unknown-key')) return;
  const { known, knownLower } = knownKeys(ctx);
  for (const field of ctx.parsed.fields) {
    const k = field.key.toLowerCase();
    if (knownLower.has(k)) continue;
    const synonym = KEY_SYNONYMS[k];
    const suggestion = synonym && knownLower.has(synonym.toLowerCase()) ? synonym : closestMatch(field.key, known);
    if (!suggestion && ctx.config.unknownKeys !== 'all') continue;
    const fixes: QuickFix[] = [];
    if (suggestion && !ctx.byKey.has(suggestion.toLowerCase())) {
      fixes.push({ title: `Rename "${field.key}" to "${suggestion}"`, edits: [renameKey(ctx.target, field, suggestion)], isPreferred: true });
    }
    const message = suggestion
      ? `Unknown key "${field.key}": did you mean "${suggestion}"?`
      : `Unknown key "${field.key}": not a Hugo field or a configured one (Hugo keeps it as a page parameter)`;
    ctx.report('fm/unknown-key', field.keyStart, field.keyEnd, message, fixes);
  }
}

/** Known key names per configuration, built once (a check of 10k posts shares one configuration). */
const knownKeysCache = new WeakMap<ValidationConfig, { known: string[]; knownLower: Set<string> }>();

function knownKeys(ctx: RuleContext): { known: string[]; knownLower: Set<string> } {
  let entry = knownKeysCache.get(ctx.config);
  if (!entry) {
    const known = [
      ...Object.keys(HUGO_FIELDS).map(canonicalKeyName),
      ...ctx.config.taxonomies,
      ...Object.keys(COMMON_THEME_FIELDS),
      ...Object.keys(ctx.config.fields),
      ...ctx.config.requiredFields,
      ...(ctx.config.conventionalKeys ?? []),
    ];
    entry = { known, knownLower: new Set(known.map((k) => k.toLowerCase())) };
    knownKeysCache.set(ctx.config, entry);
  }
  return entry;
}
