/**
 * The post index: which posts a workspace has and their taxonomy terms, read from front matter
 * only, kept up to date one post at a time. Shared by the tag tree, the CLI and the benchmarks.
 */
export { DEFAULT_TAXONOMIES, indexFiles, indexFolders, readerFor, type BulkPostReader, type IndexFilesOptions, type IndexFoldersOptions, type PathClaims, type PathOutcome } from './buildIndex';
export { compileGlobs, type GlobSet } from './glob';
export { displaySpelling, PostIndex, samePost, type IndexSnapshot, type TermInfo } from './postIndex';
export { MAX_DESCRIPTION, type PostData } from './postData';
export { describeReadFailure, INITIAL_PREFIX_BYTES, MAX_FRONT_MATTER_BYTES, PostReader, type ReadPostOutcome } from './readPost';
export { ALWAYS_SKIPPED_FOLDERS, DEFAULT_EXCLUDE, DEFAULT_INCLUDE, findPostFiles, isPostPath, type FindPostsOptions } from './scanner';
export { forEachLimited, TimeSlicer, yieldToEventLoop } from './timeSlicer';
