import * as path from 'node:path';
import { decodeUtf8, looksBinary, type FileSystem } from '../core/fs';
import { contentRoots, dirname, listMarkdownFiles, PostRenderer, relativePath, resolveResources, type PostLocation } from '../core/render';
import { highlightCode } from '../core/render/highlight/highlighter';
import { relativeHref } from '../core/render/links';
import { HugoSiteLocator } from '../core/site';
import { parseArgs, UsageError } from './args';
import { toPosix } from './posts';

export const RENDER_HELP = `Usage: devops-notes render <file.md> [--no-highlight]

Prints the HTML the preview shows for a post: the front matter card and the body,
with Hugo shortcodes rendered, links checked and code highlighted. Images and
ref/relref links are resolved the way Hugo does (page bundle, the static and
content folders the site's Hugo config names, workspace) and printed as paths
relative to the post; a missing image becomes a placeholder
that names the path.

Options:
  --no-highlight  leave code unhighlighted (as the preview receives it before
                  highlighting blocks in the browser)
  -h, --help      this help
`;

export async function runRender(argv: readonly string[], fs: FileSystem, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, { switches: ['no-highlight'] });
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
    err(`devops-notes render: cannot read ${args.positionals[0]}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (looksBinary(bytes)) {
    err(`devops-notes render: ${args.positionals[0]} is a binary file, not a Markdown post\n`);
    return 1;
  }
  const renderer = new PostRenderer();
  const prepared = renderer.prepare(decodeUtf8(bytes));
  const site = await new HugoSiteLocator(fs).siteOf(postPath);
  const postDir = dirname(postPath);
  const where: PostLocation = { postPath, siteRoot: site?.root, staticDirs: site?.dirs.staticDirs, contentDirs: site?.dirs.contentDirs, workspaceRoot: cwd };
  const postRoots = site ? contentRoots(where) : [postDir];
  const resources = await resolveResources(prepared.needs, {
    fs,
    ...where,
    allowedRoots: [site?.root ?? postDir, cwd],
    toUrl: (file) => relativeHref(relativePath(postDir, file)),
    // Content folders may nest (`content` and a language's `content/en`): list each post once.
    listPosts: async () => [...new Set((await Promise.all(postRoots.map((root) => listMarkdownFiles(fs, root)))).flat())],
  });
  // The HTML of a trusted workspace's preview (the "send to terminal" buttons enabled).
  const rendered = renderer.render(prepared, resources, {
    terminalAllowed: true,
    highlighter: args.flags.has('no-highlight') ? undefined : highlightCode,
  });
  out(rendered.html);
  return 0;
}
