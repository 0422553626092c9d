export { validateDocument, validateFrontMatter, type FileCheckOptions } from './validate';
export type { ValidateOptions } from './context';
export {
  DEFAULT_SEVERITIES,
  PROJECT_CONFIG_FILE,
  defaultValidationConfig,
  parseProjectConfig,
  readConfigLayer,
  resolveValidationConfig,
  withoutPatterns,
  type ConfigLayer,
  type ConfigProblem,
  type ProjectConfigProblem,
  type ValidationConfig,
} from './config';
export { applyEdits } from './edits';
export { checkFileReferences, fileReferences, isFigure, type FileReference } from './files';
export { spellingProblem, termOccurrences, type TermOccurrence } from './rules/taxonomies';
export { dominantSpelling, termKey } from './terms';
export { checkHugoDate, formatRfc3339 } from './dates';
export { HUGO_FIELDS, COMMON_THEME_FIELDS } from './schema';
export * from './types';
export { RULE_INFO, type RuleInfo } from './ruleInfo';
export { findSiteRoot, hugoConfigTaxonomies, isSiteRoot, loadSiteConfig, type SiteConfig } from './siteConfig';
export { SpellingPass, type WrittenTerm } from './spellingPass';
export { checkPost, decodePost, unreadableProblems, type CheckedPost, type DecodedPost, type PostCheckOptions, type PostContent } from './checkPost';
