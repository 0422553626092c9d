import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeUtf8, looksBinary, type FileSystem } from '../core/fs';
import { contentRoots, dirname, listMarkdownFiles, PostRenderer, relativePath, resolveResources, type PostLocation } from '../core/render';
import { highlightCode } from '../core/render/highlight/highlighter';
import { escapeHtml } from '../core/render/escape';
import { relativeHref } from '../core/render/links';
import { HugoSiteLocator, postUrl } from '../core/site';
import { parseArgs, UsageError } from './args';
import { toPosix } from './posts';

export const RENDER_HELP = `Usage: devops-notes render <file.md> [--standalone] [--no-highlight]

Prints the HTML the preview shows for a post: the front matter card and the body,
with Hugo shortcodes rendered, links checked and code highlighted. Images and
ref/relref links are resolved the way Hugo does (page bundle, the static and
content folders the site's Hugo config names, workspace) and printed as paths
relative to the post; a missing image becomes a placeholder
that names the path.

Options:
  --standalone    print a whole HTML page (the preview's styles included, in
                  the light theme) instead of the preview's fragment
  --no-highlight  leave code unhighlighted (as the preview receives it before
                  highlighting blocks in the browser)
  -h, --help      this help
`;

export async function runRender(argv: readonly string[], fs: FileSystem, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, { switches: ['no-highlight', 'standalone'] });
  if (args.flags.has('help')) {
    out(RENDER_HELP);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('give exactly one Markdown file');
  const cwd = toPosix(process.cwd());
  const postPath = toPosix(path.resolve(cwd, args.positionals[0]));
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(postPath);
  } catch (e) {
    // A path that is not there is a usage mistake, as in `check`; other read failures are problems.
    if ((e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new UsageError(`no such file: ${args.positionals[0]}`);
    err(`devops-notes render: cannot read ${args.positionals[0]}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (looksBinary(bytes)) {
    err(`devops-notes render: ${args.positionals[0]} is a binary file, not a Markdown post\n`);
    return 1;
  }
  const renderer = new PostRenderer();
  const prepared = renderer.prepare(decodeUtf8(bytes));
  const sites = new HugoSiteLocator(fs);
  const site = await sites.siteOf(postPath);
  const page = site ? await postUrl(fs, sites, postPath, prepared.frontMatter.data) : undefined;
  const postDir = dirname(postPath);
  const where: PostLocation = { postPath, siteRoot: site?.root, staticDirs: site?.dirs.staticDirs, contentDirs: site?.dirs.contentDirs, workspaceRoot: cwd, page };
  const postRoots = site ? contentRoots(where) : [postDir];
  const resources = await resolveResources(prepared.needs, {
    fs,
    ...where,
    allowedRoots: [site?.root ?? postDir, cwd],
    toUrl: (file) => relativeHref(relativePath(postDir, file)),
    siteUrls: site?.urls,
    // Content folders may nest (`content` and a language's `content/en`): list each post once.
    listPosts: async () => [...new Set((await Promise.all(postRoots.map((root) => listMarkdownFiles(fs, root)))).flat())],
  });
  // The HTML of a trusted workspace's preview (the "send to terminal" buttons enabled).
  const rendered = renderer.render(prepared, resources, {
    terminalAllowed: true,
    page,
    highlighter: args.flags.has('no-highlight') ? undefined : highlightCode,
  });
  out(args.flags.has('standalone') ? standalonePage(rendered.html, rendered.title ?? path.basename(postPath)) : rendered.html);
  return 0;
}

/**
 * The preview's stylesheet with the theme colours VS Code would give it (Light Modern's), so the
 * page reads the same in a browser. The buttons need the webview's script: a page has none.
 */
const STANDALONE_THEME = `:root {
  --vscode-font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', sans-serif;
  --vscode-editor-font-family: ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace;
  --vscode-foreground: #3b3b3b; --vscode-editor-foreground: #3b3b3b; --vscode-editor-background: #ffffff;
  --vscode-descriptionForeground: #717171; --vscode-textLink-foreground: #005fb8;
  --vscode-textPreformat-foreground: #3b3b3b; --vscode-textPreformat-background: #0000001a;
  --vscode-textCodeBlock-background: #f8f8f8; --vscode-editorWidget-background: #f8f8f8;
  --vscode-panel-border: #e5e5e5; --vscode-badge-background: #cccccc; --vscode-badge-foreground: #3b3b3b;
  --vscode-errorForeground: #f85149; --vscode-editorWarning-foreground: #bf8803;
}
body { max-width: 52rem; margin: 0 auto; padding: 1rem 1.5rem; }
.dn-code-button { display: none; }
`;

function standalonePage(html: string, title: string): string {
  // dist/cliRender.js sits beside media/ in the package; the source file two folders down.
  const css = readFileSync(path.join(__dirname, __filename.endsWith('.js') ? '..' : path.join('..', '..'), 'media', 'preview.css'), 'utf8');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src * data:;">
<title>${escapeHtml(title)}</title>
<style>
${STANDALONE_THEME}
${css}
</style>
</head>
<body class="vscode-light">
<main class="dn-content">
${html}</main>
</body>
</html>
`;
}
