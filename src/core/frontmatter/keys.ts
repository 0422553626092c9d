import { goToLower } from '../text/goCase';
import type { FieldNode } from './types';

/** A front matter key as Hugo compares it: lowercased rune by rune, as Go does. */
export function foldKey(key: string): string {
  return goToLower(key);
}

/**
 * Whether Hugo keeps `field` over `other` (two spellings of one key). Hugo lowercases keys in
 * `maps.PrepareParams` (common/maps/params.go): a key written with capitals is stored again under
 * its lowercase form, overwriting what the lowercase spelling set, so `Tags: [a]` beside
 * `tags: [b]` gives `a` in either order. Between two spellings of the same kind the later one
 * stands (YAML 1.1 and JSON keep the last of a repeated key).
 */
export function hugoKeeps(field: FieldNode, other: FieldNode): boolean {
  const mixed = field.key !== foldKey(field.key);
  const otherMixed = other.key !== foldKey(other.key);
  if (mixed !== otherMixed) return mixed;
  return field.keyStart > other.keyStart;
}

/** Folded key → the top-level field whose value Hugo keeps (only keys in `wanted`, when given). */
export function keptFields(fields: readonly FieldNode[], wanted?: ReadonlySet<string>): Map<string, FieldNode> {
  const kept = new Map<string, FieldNode>();
  for (const f of fields) {
    const k = foldKey(f.key);
    if (wanted && !wanted.has(k)) continue;
    const before = kept.get(k);
    if (!before || hugoKeeps(f, before)) kept.set(k, f);
  }
  return kept;
}
