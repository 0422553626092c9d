import type { PageInfo, SitePages } from '../site/pages';
import type { ValidationConfig } from './config';

/** Per site configuration, the configurations made for its sections and page roles. */
const derived = new WeakMap<ValidationConfig, Map<string, ValidationConfig>>();

/**
 * The configuration a file of a Hugo site is checked with. Pages Hugo does not publish
 * (headless, `build: {render: never}`, directly or by `cascade`), leaf bundle resources and files
 * outside the content folders need no fields. A page needs the fields the site's convention
 * asks of its section (see `conventionFor`) unless the settings or `.devops-notes.json` list
 * `requiredFields`, plus the fields marked `"required": true`. Made once per site and section.
 */
export function configForPage(config: ValidationConfig, pages: SitePages | undefined, info: PageInfo | undefined): ValidationConfig {
  const needsNothing = info !== undefined && info.role !== 'page' && info.role !== 'list';
  const byConvention = pages !== undefined && info !== undefined && !needsNothing && (config.requiredByConvention || pages.learned);
  if (!needsNothing && !byConvention) return config;
  const cacheKey = needsNothing ? '\0none' : `s:${info!.section}`;
  let forSite = derived.get(config);
  if (!forSite) derived.set(config, (forSite = new Map()));
  let out = forSite.get(cacheKey);
  if (!out) {
    const convention = needsNothing ? undefined : pages!.convention(info!.section);
    const required = !convention ? [] : config.requiredByConvention ? [...convention.required] : [...config.requiredFields];
    if (convention && config.requiredByConvention) for (const name of config.alsoRequired) if (!required.includes(name.toLowerCase())) required.push(name);
    out = { ...config, requiredFields: required, conventionalKeys: convention?.commonKeys };
    forSite.set(cacheKey, out);
  }
  return out;
}
