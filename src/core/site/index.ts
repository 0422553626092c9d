/** What a Hugo site's configuration says about where its files are, shared by every feature. */
export { findSiteRoot, HUGO_CONFIG_DIR, HUGO_CONFIG_FILES, HUGO_VERSION_FILES, isSiteRoot, MODULE_CONFIG_FILES, parseHugoConfig, readHugoConfig, SITE_CONFIG_GLOB, type HugoConfig } from './hugoConfig';
export { DEFAULT_SITE_DIRS, HugoSiteLocator, loadSiteDirs, namedSiteDirs, siteDirsFrom, siteHugoVersion, siteRelativeDir, type HugoSite, type SiteDirs } from './siteDirs';
export { contentFolderGlob, siteContentFolders, siteContentGlobs } from './contentGlobs';
export { bundleFileFor, goLower, makePathSanitized, pageUrlOf, NEWEST_HUGO_FOR_URLS, pageUrl, siteUrlConfig, unknownTokens, versionNumber, type PageKind, type PageUrl, type PageUrlInput, type SiteUrlConfig } from './permalinks';
export { postUrl } from './postUrl';
export { disableKindsOf, termPagesDisabledBy } from './disableKinds';
export { DEFAULT_HUGO_VERSION, detectHugoVersion, hugoRules, NEWEST_HUGO, normalizeVersion, readVersionSetting, type HugoRules, type HugoVersion } from './hugoVersion';
