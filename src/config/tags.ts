import * as vscode from 'vscode';
import { DEFAULT_INCLUDE, DEFAULT_TAXONOMIES } from '../core/index';

/** The `devopsNotes.tags.*` settings, read in one place. */
export interface TagsConfig {
  /** Globs (relative to each workspace folder) of the files that are posts. */
  include: readonly string[];
  /** True when nobody set `include`: the globs then also follow each Hugo site's content folders. */
  includeIsDefault: boolean;
  /** Globs of files and folders that are not, on top of the always-skipped ones. */
  exclude: readonly string[];
  /** Front matter keys whose values are taxonomy terms, lowercased, in tree order. */
  taxonomies: readonly string[];
  /** Reveal the active post's terms in the tree when the editor changes. */
  revealActivePost: boolean;
}

export const TAGS_SECTION = 'devopsNotes.tags';

/**
 * Reads the settings for one workspace folder (`include` and `exclude` may differ per folder;
 * the others are window-wide). Bad values fall back to the defaults rather than failing.
 */
export function readTagsConfig(scope?: vscode.ConfigurationScope): TagsConfig {
  // Window settings are read without a resource and folder settings with one (null: any folder);
  // VS Code logs a warning for a read the other way round.
  const window = vscode.workspace.getConfiguration(TAGS_SECTION);
  const c = vscode.workspace.getConfiguration(TAGS_SECTION, scope ?? null);
  const taxonomies = [...new Set(strings(window.get('taxonomies')).map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
  const include = strings(c.get('include'));
  const set = c.inspect<unknown>('include');
  const includeIsDefault = [set?.globalValue, set?.workspaceValue, set?.workspaceFolderValue].every((v) => v === undefined) || include.length === 0;
  return {
    include: include.length > 0 ? include : DEFAULT_INCLUDE,
    includeIsDefault,
    exclude: strings(c.get('exclude')),
    taxonomies: taxonomies.length > 0 ? taxonomies : DEFAULT_TAXONOMIES,
    revealActivePost: window.get<boolean>('revealActivePost', true) === true,
  };
}

/** True when a configuration change touches settings that decide which posts and terms exist. */
export function affectsPostSelection(e: vscode.ConfigurationChangeEvent): boolean {
  return ['include', 'exclude', 'taxonomies'].some((k) => e.affectsConfiguration(`${TAGS_SECTION}.${k}`));
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}
