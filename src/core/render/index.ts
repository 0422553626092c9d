/** The Hugo-aware markdown renderer shared by the preview, the CLI and the benchmarks. */
export { PostRenderer, type PreparedPost } from './renderer';
export { listMarkdownFiles, resolveResources, type ResourceContext } from './resources';
export { classifyLink, isExternalLink, type LinkKind } from './links';
export { commandTextForTerminal } from './terminalText';
export { relativePath, joinPath, dirname, contentRoots, type PostLocation } from './images';
export type { CardProblem, ImageResolution, PartialOptions, RefResolution, RenderedPost, RenderOptions, ResolvedResources } from './types';
export type { Highlighter } from './highlight/languages';
