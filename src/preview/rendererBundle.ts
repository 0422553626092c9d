/**
 * Entry of `dist/renderer.js`, the bundle the preview loads on its first render: markdown-it
 * and the renderer stay out of `dist/extension.js`, so VS Code does not load them at startup
 * (and the extension bundle stays within its size budget).
 */
export { MarkdownRenderer } from '../core/render/markdownRenderer';
