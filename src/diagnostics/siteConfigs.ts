import * as vscode from 'vscode';
import { readFrontMatterSettings } from '../config/frontMatter';
import type { FileSystem } from '../core/fs';
import { readHugoConfig } from '../core/site';
import { loadSitePages, type SitePages } from '../core/site/pages';
import { findSiteRoot, loadSiteConfig, resolveValidationConfig, withoutPatterns, type ConfigProblem, type ProjectConfigProblem, type ValidationConfig } from '../core/validate';
import { dirname } from '../core/validate/files';
import { configForPage } from '../core/validate/pageConfig';
import { corePathOf, isWorkspaceFileUri } from '../workspace/uris';

/** The configuration a document is checked with, and the site it belongs to. */
export interface DocumentSite {
  config: ValidationConfig;
  /** Absolute path (forward slashes) of the Hugo site root; undefined outside any site. */
  siteRoot?: string;
  /** Absolute path of the document, when it is a file on disk. */
  filePath?: string;
  /** Whether live checking is on for this document (devopsNotes.frontMatter.validate). */
  live: boolean;
  /** Set when the file is not a page of its Hugo site (an archetype, a bundle's resource): it is not checked. */
  notAPage?: 'outside' | 'resource';
}

export { SITE_CONFIG_GLOB } from '../core/site';

/**
 * Finds each document's site root and builds its validation configuration: defaults, the Hugo
 * config's taxonomies, the VS Code settings, then `.devops-notes.json` (the file wins, so the
 * editor agrees with the CLI in CI). Cached per folder until a config file or a setting changes.
 */
export class SiteConfigCache {
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly sites = new Map<string, ReturnType<typeof loadSiteConfig>>();
  private readonly pages = new Map<string, Promise<SitePages | undefined>>();

  constructor(
    private readonly fs: FileSystem,
    /** Told about the problems of a `.devops-notes.json` each time it is (re)read. */
    private readonly onProjectFile: (path: string, text: string, problems: ProjectConfigProblem[]) => void,
    /** Told about settings that could not be used (a pattern the engine cannot take), for the document `uri`. */
    private readonly onSettingsProblems?: (uri: vscode.Uri, problems: ConfigProblem[]) => void,
  ) {}

  /** Forgets everything (a config file or a setting changed). */
  clear(): void {
    this.roots.clear();
    this.sites.clear();
    this.pages.clear();
  }

  async forDocument(uri: vscode.Uri): Promise<DocumentSite> {
    const settings = readFrontMatterSettings(uri);
    if (settings.problems.length) this.onSettingsProblems?.(uri, settings.problems);
    if (!isWorkspaceFileUri(uri)) return { config: resolveValidationConfig(settings.layer), live: settings.validate };
    const filePath = corePathOf(uri);
    const siteRoot = await this.rootOf(dirname(filePath));
    if (!siteRoot) return { config: resolveValidationConfig(settings.layer), filePath, live: settings.validate };
    const site = await this.siteConfig(siteRoot);
    // The workspace's own file is untrusted input in Restricted Mode (see withoutPatterns).
    const project = vscode.workspace.isTrusted ? site.project : withoutPatterns(site.project);
    const config = resolveValidationConfig(site.hugo, settings.layer, project);
    const pages = await this.pagesOf(siteRoot);
    const info = pages?.pageInfo(filePath);
    if (info && (info.role === 'outside' || info.role === 'resource')) return { config, siteRoot, filePath, live: settings.validate, notAPage: info.role };
    return { config: configForPage(config, pages, info), siteRoot, filePath, live: settings.validate };
  }

  /**
   * The site's pages and the fields its sections' pages carry, read once per site (the start of
   * every page) until a config file or a setting changes. Undefined when they cannot be read.
   */
  private pagesOf(root: string): Promise<SitePages | undefined> {
    let pages = this.pages.get(root);
    if (!pages) {
      pages = readHugoConfig(this.fs, root)
        .then((hugo) => loadSitePages(this.fs, root, hugo?.data, { learnUsage: true }))
        .catch(() => undefined);
      this.pages.set(root, pages);
    }
    return pages;
  }

  private rootOf(dir: string): Promise<string | undefined> {
    let root = this.roots.get(dir);
    if (!root) {
      root = findSiteRoot(this.fs, dir);
      this.roots.set(dir, root);
    }
    return root;
  }

  private siteConfig(root: string): ReturnType<typeof loadSiteConfig> {
    let site = this.sites.get(root);
    if (!site) {
      site = loadSiteConfig(this.fs, root).then((s) => {
        if (s.projectFile) this.onProjectFile(s.projectFile.path, s.projectFile.text, s.projectFile.problems);
        return s;
      });
      this.sites.set(root, site);
    }
    return site;
  }
}
