import { decodeUtf8, type FileSystem } from '../fs';
import { parseFrontMatter } from '../frontmatter';
import { pageUrlOf, type SiteUrlConfig } from '../site/permalinks';
import { classifyImageSource, contentRoots, imageCandidates, isInside, type PostLocation } from './images';
import { lookupRef, refHref } from './refs';
import type { ImageResolution, RefResolution, ResolvedResources } from './types';

/** What resolving a post's images and refs needs; the extension and the CLI each provide one. */
export interface ResourceContext extends PostLocation {
  fs: FileSystem;
  /** Turns a found local file into what the page loads (webview URI, or relative path). */
  toUrl(absolutePath: string): string;
  /** Folders images may come from; anything outside is refused. */
  allowedRoots: readonly string[];
  /** The site's post files, asked for only when the post has `ref`/`relref`. */
  listPosts(): Promise<readonly string[]>;
  /** The site's URL settings: a resolved ref also gets the URL Hugo prints for it. */
  siteUrls?: SiteUrlConfig;
}

/** Looks up every image and ref a post needs, through the injected file system. */
export async function resolveResources(needs: { images: readonly string[]; refs: readonly string[]; bundleImage?: boolean }, ctx: ResourceContext): Promise<ResolvedResources> {
  const images = new Map<string, ImageResolution>();
  await Promise.all(needs.images.map(async (src) => images.set(src, await resolveImage(src, ctx))));
  const refs = new Map<string, RefResolution>();
  if (needs.refs.length) {
    const posts = await ctx.listPosts();
    const roots = contentRoots(ctx);
    await Promise.all(
      needs.refs.map(async (target) => {
        const hit = lookupRef(target, ctx.postPath, roots, posts);
        if (!hit.path) {
          refs.set(target, { found: false, problem: hit.problem });
          return;
        }
        const data = await frontMatterOf(hit.path, ctx.fs);
        const title = typeof data?.title === 'string' && data.title.trim() ? data.title : undefined;
        const page = data && ctx.siteUrls && ctx.siteRoot ? pageUrlOf(ctx.siteUrls, ctx.siteRoot, hit.path, data) : undefined;
        const urls = page && !page.unpublished ? { permalink: page.permalink + hit.anchor, relPermalink: page.relPermalink + hit.anchor } : {};
        refs.set(target, { found: true, href: refHref(ctx.postPath, hit.path, hit.anchor), title, ...urls });
      }),
    );
  }
  const bundleImage = needs.bundleImage ? await findBundleImage(ctx) : undefined;
  return { images, refs, ...(bundleImage ? { bundleImage } : {}) };
}

const BUNDLE_INDEX = /^_?index(\.[\w-]+)?\.(md|markdown)$/i;
const IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|svg)$/i;

/**
 * A page bundle's image named like `*cover*` or `*feature*` (the names Hugo's own templates and
 * most themes look for when a page sets no `images`), first by name.
 */
async function findBundleImage(ctx: ResourceContext): Promise<ImageResolution | undefined> {
  const slash = ctx.postPath.lastIndexOf('/');
  if (!BUNDLE_INDEX.test(ctx.postPath.slice(slash + 1))) return undefined;
  const dir = ctx.postPath.slice(0, slash);
  if (!ctx.allowedRoots.some((root) => isInside(dir, root))) return undefined;
  const names = (await ctx.fs.readDirectory(dir))
    .filter((e) => e.isFile && IMAGE_FILE.test(e.name) && /cover|feature/i.test(e.name))
    .map((e) => e.name)
    .sort();
  return names.length ? { kind: 'found', url: ctx.toUrl(`${dir}/${names[0]}`) } : undefined;
}

async function resolveImage(src: string, ctx: ResourceContext): Promise<ImageResolution> {
  const classified = classifyImageSource(src);
  if (!('local' in classified)) return classified;
  for (const candidate of imageCandidates(classified.local, ctx)) {
    if (!ctx.allowedRoots.some((root) => isInside(candidate, root))) continue;
    try {
      const stat = await ctx.fs.stat(candidate);
      if (stat?.isFile) return { kind: 'found', url: ctx.toUrl(candidate) };
    } catch {
      // Unreadable counts as missing; the placeholder names the path.
    }
  }
  return { kind: 'missing', path: classified.local };
}

const TITLE_PREFIX_BYTES = 16 * 1024;

async function frontMatterOf(path: string, fs: FileSystem): Promise<Record<string, unknown> | undefined> {
  try {
    const { bytes } = await fs.readPrefix(path, TITLE_PREFIX_BYTES);
    return parseFrontMatter(decodeUtf8(bytes)).data;
  } catch {
    return undefined;
  }
}

/** Every `.md` file under `root` (symbolic links are not followed, so loops cannot trap us). */
export async function listMarkdownFiles(fs: FileSystem, root: string, maxDepth = 12): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > maxDepth) return;
    for (const entry of await fs.readDirectory(dir)) {
      if (entry.isSymbolicLink) continue;
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) await walk(path, depth + 1);
      else if (entry.isFile && /\.md$/i.test(entry.name)) out.push(path);
    }
  };
  await walk(root, 0);
  return out;
}

