import { configValue } from './hugoConfig';
import { parseVersion } from './hugoVersion';

/**
 * Whether a site's `disableKinds` turns off term pages (`/tags/docker/`): Hugo then builds none and
 * collects no terms (`.Site.Taxonomies` is empty; checked with Hugo 0.111.3). The legacy kind
 * `taxonomyTerm` meant different things over time: up to 0.111 it disabled term pages when
 * `taxonomy` was listed too (`newSite` in hugolib/site.go), in 0.112-0.115 it meant `term`
 * (config/allconfig/allconfig.go), and from 0.116 it means `taxonomy`, the list of terms
 * (`kinds.IsDeprecatedAndReplacedWith`). Returns the entries that do it, or undefined.
 */
/** The `disableKinds` list of a Hugo config (empty when it has none). */
export function disableKindsOf(configData: Record<string, unknown> | undefined): string[] {
  const raw = configValue(configData, 'disableKinds');
  return Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string') : [];
}

export function termPagesDisabledBy(disableKinds: readonly string[], hugoVersion: string): string[] | undefined {
  const kinds = [...disableKinds];
  const lower = kinds.map((k) => k.toLowerCase());
  const v = parseVersion(hugoVersion) ?? [1, 0, 0];
  const minor = v[0] > 0 ? Infinity : v[1];
  const by = kinds.filter((_k, i) => {
    if (lower[i] === 'term') return true;
    if (lower[i] !== 'taxonomyterm') return false;
    if (minor <= 111) return lower.includes('taxonomy');
    return minor <= 115;
  });
  if (by.length === 0) return undefined;
  // Up to 0.111 `taxonomyTerm` disabled terms only together with `taxonomy`: name both.
  if (minor <= 111 && by.some((k) => k.toLowerCase() === 'taxonomyterm')) by.unshift(...kinds.filter((k) => k.toLowerCase() === 'taxonomy'));
  return by;
}
