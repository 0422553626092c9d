import { keptFields, foldKey, parseFrontMatter, type FieldNode, type FrontMatterFormat, type ParsedFrontMatter, type ValueNode, type YamlVersion } from '../frontmatter';
import { termKey, type TermKeyStyle } from './termKey';
import { formatTerm } from './termFormat';

/** Replace `[start, end)` of the original text with `newText` (UTF-16 offsets). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * A change to one taxonomy term in a post. `rename` also merges: renaming `docker` to an
 * existing `Docker` just unifies them. Terms are matched the way Hugo merges them (by
 * {@link termKey}), so every spelling of the term is changed.
 */
export type TermChange =
  | { kind: 'rename'; taxonomy: string; from: string; to: string }
  | { kind: 'remove'; taxonomy: string; term: string };

/** The edits for one document, or why it was left alone (`edits` is then empty). */
export interface TermEditResult {
  edits: TextEdit[];
  skipped?: string;
}

/**
 * Computes the edits that apply `change` to the front matter of `text`, touching only the values
 * of that taxonomy's field: quoting style, line endings, indentation, comments and flow vs block
 * lists stay as they were. Removing an item from a block list removes its whole line; from a flow
 * list, the item and one separator; a list left empty becomes `[]`. When the target term is
 * already in the post, the renamed items are dropped instead of duplicated. The result is
 * re-parsed before it is returned; anything unexpected leaves the document untouched.
 */
export function computeTermEdits(text: string, change: TermChange, hugo: { termKeys: TermKeyStyle; yaml: YamlVersion } = { termKeys: 'lowercased', yaml: '1.2' }): TermEditResult {
  const parsed = parseFrontMatter(text, { yaml: hugo.yaml });
  const termKey = (term: string) => keyOf(term, hugo.termKeys);
  if (parsed.format === null) return { edits: [] };
  if (parsed.errors.length > 0) return { edits: [], skipped: `its front matter has an error (${parsed.errors[0].message}); fix it first` };
  const field = taxonomyField(parsed, change.taxonomy);
  if (!field) return { edits: [] };
  const items = termItems(field.value, termKey);
  if (!items) return { edits: [] };

  const fromKey = termKey(change.kind === 'rename' ? change.from : change.term);
  const matching = items.filter((it) => it.key === fromKey);
  if (matching.length === 0) return { edits: [] };

  const format = parsed.format;
  let edits: TextEdit[];
  let expected: string[];
  if (change.kind === 'remove') {
    edits = removeItems(text, format, field, new Set(matching));
    expected = items.filter((it) => it.key !== fromKey).map((it) => it.text);
  } else {
    const toKey = termKey(change.to);
    const targetPresent = toKey !== fromKey && items.some((it) => it.key === toKey);
    // Keep the first matching item (renamed) unless the post already has the target term.
    const keep = targetPresent ? undefined : matching[0];
    const drop = new Set(matching.filter((it) => it !== keep));
    edits = removeItems(text, format, field, drop);
    if (keep && keep.text !== change.to) {
      edits.push({ start: keep.node.start, end: keep.node.end, newText: formatTerm(change.to, format, text, keep.node, field.value) });
    }
    expected = items.filter((it) => !drop.has(it)).map((it) => (it === keep ? change.to : it.text));
  }
  if (edits.length === 0) return { edits: [] };
  edits.sort((a, b) => a.start - b.start);
  const problem = verify(applyEdits(text, edits), change.taxonomy, expected, field.value.kind === 'scalar', hugo.yaml);
  return problem ? { edits: [], skipped: problem } : { edits };
}

/** Applies non-overlapping edits (any order) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

interface TermItem {
  node: ValueNode;
  text: string;
  key: string;
}

/** The taxonomy's field whose value Hugo keeps (`Tags` over `tags`), as in the index. */
function taxonomyField(parsed: ParsedFrontMatter, taxonomy: string): FieldNode | undefined {
  return keptFields(parsed.fields).get(foldKey(taxonomy));
}

const keyOf = termKey;

/** The term items of a list or single-term value (other shapes hold no terms we can edit). */
function termItems(value: ValueNode, termKey: (term: string) => string): TermItem[] | undefined {
  const nodes = value.kind === 'sequence' ? (value.items ?? []) : value.kind === 'scalar' ? [value] : [];
  const out: TermItem[] = [];
  for (const node of nodes) {
    if (node.kind !== 'scalar') continue;
    const v = node.value;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    out.push({ node, text: String(v), key: termKey(String(v)) });
  }
  return out;
}

/** Edits that remove `drop` from the field's value (or empty it). */
function removeItems(text: string, format: FrontMatterFormat, field: FieldNode, drop: Set<TermItem>): TextEdit[] {
  if (drop.size === 0) return [];
  const value = field.value;
  if (value.kind === 'scalar') return [{ start: value.start, end: value.end, newText: '[]' }];
  const all = value.items ?? [];
  const removed = new Set([...drop].map((d) => d.node));
  const isFlow = text[value.start] === '[';
  if (removed.size === all.length) {
    if (isFlow) return [{ start: value.start, end: value.end, newText: '[]' }];
    // A block list: drop every item line and leave `key: []`.
    const colon = text.indexOf(':', field.keyEnd);
    return [...all.map((n) => blockItemLines(text, n)), { start: colon + 1, end: colon + 1, newText: ' []' }];
  }
  if (!isFlow) return all.filter((n) => removed.has(n)).map((n) => blockItemLines(text, n));
  return flowRemovals(text, format, all, removed);
}

/** The whole lines of a block list item, from the line with its `-` to its line end. */
function blockItemLines(text: string, node: ValueNode): TextEdit {
  let dash = node.start - 1;
  while (dash >= 0 && text[dash] !== '-') dash--;
  const start = text.lastIndexOf('\n', dash) + 1;
  const nl = text.indexOf('\n', node.end);
  return { start, end: nl === -1 ? text.length : nl + 1, newText: '' };
}

/**
 * Removals from a `[...]` list: each run of removed items goes with one separator. In a list
 * written one item per line, the items' whole lines go instead (their comments with them).
 */
function flowRemovals(text: string, format: FrontMatterFormat, all: ValueNode[], removed: Set<ValueNode>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let i = 0; i < all.length; i++) {
    if (!removed.has(all[i])) continue;
    let j = i;
    while (j + 1 < all.length && removed.has(all[j + 1])) j++;
    const last = j === all.length - 1;
    const lineStart = text.lastIndexOf('\n', all[i].start - 1) + 1;
    const ownLines = /^[ \t]*$/.test(text.slice(lineStart, all[i].start)) && restOfLineIsSeparator(text, all[j].end);
    if (ownLines) {
      const nl = text.indexOf('\n', all[j].end);
      edits.push({ start: lineStart, end: nl === -1 ? text.length : nl + 1, newText: '' });
      if (last && format === 'json') {
        // JSON allows no trailing comma: drop the one after the item that is now last.
        const comma = text.indexOf(',', all[i - 1].end);
        if (comma !== -1 && comma < lineStart) edits.push({ start: comma, end: comma + 1, newText: '' });
      }
    } else if (!last) {
      edits.push({ start: all[i].start, end: all[j + 1].start, newText: '' });
    } else {
      edits.push({ start: all[i - 1].end, end: all[j].end, newText: '' });
    }
    i = j;
  }
  return edits;
}

/** True when only blanks, one comma and a comment follow `from` on its line. */
function restOfLineIsSeparator(text: string, from: number): boolean {
  const nl = text.indexOf('\n', from);
  const rest = text.slice(from, nl === -1 ? text.length : nl).replace(/\r$/, '');
  return /^[ \t]*,?[ \t]*(?:#.*)?$/.test(rest);
}

/** Re-reads the edited text: no new error, and exactly the expected terms in order. */
function verify(edited: string, taxonomy: string, expected: string[], wasScalar: boolean, yaml: YamlVersion): string | undefined {
  const parsed = parseFrontMatter(edited, { yaml });
  if (parsed.errors.length > 0) return `the edit would break its front matter (${parsed.errors[0].message})`;
  const field = taxonomyField(parsed, taxonomy);
  const items = field ? termItems(field.value, (t) => t) : undefined;
  const got = items?.map((it) => it.text) ?? [];
  const ok = got.length === expected.length && got.every((t, i) => t === expected[i]);
  // A single-term value that is renamed stays a single term; removed, it becomes `[]`.
  if (!ok || (field?.value.kind === 'scalar' && !wasScalar)) return 'the edit did not come out as expected; the file was left as it is';
  return undefined;
}
