import { parseFrontMatter, type FrontMatterFormat, type ParsedFrontMatter } from '../frontmatter';
import { defaultValidationConfig } from './config';
import { RuleContext, type ValidateOptions } from './context';
import { pageUrlOf, siteUrlConfig, type SiteUrlConfig } from '../site/permalinks';
import { checkFileReferences, dirname, fileReferences } from './files';
import { checkDuplicateKeys, checkRequired, checkUnknownKeys } from './rules/keys';
import { checkDateOrder } from './rules/dateRules';
import { checkSyntax } from './rules/syntax';
import { checkTaxonomies } from './rules/taxonomies';
import { checkFieldValues } from './rules/values';
import { checkUrlProtocols } from './rules/urls';
import type { FrontMatterDiagnostic } from './types';

/**
 * Checks a document's front matter against Hugo's rules and the configured schema. Pure and
 * synchronous: everything except `fm/missing-file` (see `validateDocument`). A document without
 * front matter has nothing to check.
 */
export function validateFrontMatter(text: string, options: ValidateOptions = {}): FrontMatterDiagnostic[] {
  const config = options.config ?? defaultValidationConfig();
  const parsed = options.parsed ?? parseFrontMatter(text, { yaml: config.hugo.yaml });
  if (parsed.format === null) return [];
  const ctx = new RuleContext(text, parsed as ParsedFrontMatter & { format: FrontMatterFormat }, config, options);
  checkSyntax(ctx);
  checkRequired(ctx);
  checkDuplicateKeys(ctx);
  checkUnknownKeys(ctx);
  checkFieldValues(ctx);
  checkDateOrder(ctx);
  checkTaxonomies(ctx);
  checkUrlProtocols(ctx);
  return finish(text, ctx.diagnostics);
}

/** What `validateDocument` needs to look for referenced files. */
export interface FileCheckOptions {
  /** The Hugo site root (holds `content/`, `static/`); without it file checks are skipped. */
  siteRoot?: string;
  fileExists?: (absolutePath: string) => boolean | Promise<boolean>;
}

/** `validateFrontMatter` plus `fm/missing-file` through the caller's `fileExists`. */
export async function validateDocument(text: string, options: ValidateOptions & FileCheckOptions = {}): Promise<FrontMatterDiagnostic[]> {
  const parsed = options.parsed ?? parseFrontMatter(text, { yaml: (options.config ?? defaultValidationConfig()).hugo.yaml });
  const found = validateFrontMatter(text, { ...options, parsed });
  if (parsed.format === null || !options.fileExists || !options.filePath || !options.siteRoot) return found;
  const config = options.config ?? defaultValidationConfig();
  const refs = fileReferences(text, parsed);
  if (refs.length === 0) return found;
  // A site without a Hugo config still gets Hugo's default URLs.
  const page = pageUrlOf(config.siteUrls ?? (defaultSiteUrls ??= siteUrlConfig()), options.siteRoot, options.filePath, parsed.data);
  const missing = await checkFileReferences(refs, { filePath: options.filePath, siteRoot: options.siteRoot, page }, config, options.fileExists);
  return finish(text, [...found, ...missing]);
}

let defaultSiteUrls: SiteUrlConfig | undefined;

/**
 * Keeps every range inside the document, without the line break a YAML block value ends with,
 * and orders problems by position.
 */
function finish(text: string, diagnostics: FrontMatterDiagnostic[]): FrontMatterDiagnostic[] {
  for (const d of diagnostics) {
    d.start = Math.max(0, Math.min(d.start, text.length));
    d.end = Math.max(d.start, Math.min(d.end, text.length));
    while (d.end > d.start + 1 && /\s/.test(text[d.end - 1])) d.end--;
  }
  return diagnostics.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}

export { dirname };
