import * as vscode from 'vscode';
import { readVersionSetting } from '../core/site';
import { readConfigLayer, type ConfigLayer, type ConfigProblem } from '../core/validate';
import { readTagsConfig } from './tags';
import { uriOfPath } from '../workspace/uris';

export const FRONT_MATTER_SECTION = 'devopsNotes.frontMatter';

/** The `devopsNotes.frontMatter.*` settings for one resource, as a validation config layer. */
export interface FrontMatterSettings {
  /** Check front matter while typing (the "Check All Posts" command works regardless). */
  validate: boolean;
  /** What the settings say; `.devops-notes.json` is applied over it (see docs/front-matter.md). */
  layer: ConfigLayer;
  /** Settings that could not be used, with why. */
  problems: ConfigProblem[];
}

/**
 * Reads the settings for a document's folder. The taxonomies come from `devopsNotes.tags.taxonomies`,
 * which the tag tree uses too, so both features agree on what a term is.
 */
export function readFrontMatterSettings(scope?: vscode.ConfigurationScope): FrontMatterSettings {
  const c = vscode.workspace.getConfiguration(FRONT_MATTER_SECTION, scope ?? null);
  const section = {
    // Only a list the user set: otherwise each Hugo site's own convention decides (see configForPage).
    requiredFields: explicitValue(c, 'requiredFields'),
    fields: c.get<unknown>('fields'),
    allowedTags: emptyToUndefined(c.get<unknown>('allowedTags')),
    severity: c.get<unknown>('severity'),
    unknownKeys: c.get<unknown>('unknownKeys'),
    // Only a value the user set: otherwise the package default would hide the site's Hugo config.
    staticDirs: explicitValue(c, 'staticDirs'),
  };
  const { layer, problems } = readConfigLayer(section, [FRONT_MATTER_SECTION]);
  // Only a taxonomy list the user set adds to Hugo's (or the site config's) own.
  const t = vscode.workspace.getConfiguration('devopsNotes.tags').inspect('taxonomies');
  if (t && (t.globalValue ?? t.workspaceValue ?? t.workspaceFolderValue) !== undefined) layer.taxonomies = [...readTagsConfig(scope).taxonomies];
  const version = readVersionSetting(explicitValue(vscode.workspace.getConfiguration(HUGO_SECTION, scope), 'version'));
  if (version.version) layer.hugoVersion = { version: version.version, source: `setting ${HUGO_SECTION}.version` };
  if (version.problem) problems.push({ path: [HUGO_SECTION, 'version'], message: version.problem });
  return { validate: c.get<boolean>('validate', true) !== false, layer, problems };
}

export const HUGO_SECTION = 'devopsNotes.hugo';

/** The settings layer of a site root, for `HugoSiteLocator`: page URLs follow `devopsNotes.hugo.version` too. */
export function siteSettings(siteRoot: string): ConfigLayer {
  return readFrontMatterSettings(uriOfPath(siteRoot)).layer;
}

/** A setting's value when some scope sets it, else undefined (never the contributed default). */
function explicitValue(c: vscode.WorkspaceConfiguration, key: string): unknown {
  const i = c.inspect(key);
  return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
}

/** An empty allowed-tags setting means "any tag", not "no tag". */
function emptyToUndefined(v: unknown): unknown {
  if (Array.isArray(v) && v.length === 0) return undefined;
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return undefined;
  return v;
}

/** True when a configuration change can change front matter diagnostics. */
export function affectsFrontMatter(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(FRONT_MATTER_SECTION) || e.affectsConfiguration('devopsNotes.tags.taxonomies') || e.affectsConfiguration(HUGO_SECTION);
}
