import { bundleFileFor, type PageUrl } from '../site/permalinks';
import { DEFAULT_SITE_DIRS } from '../site/siteDirs';
import { isRemoteImage } from './links';
import type { ImageResolution } from './types';

/** Where a post lives, for resolving its images and links the way Hugo does. */
export interface PostLocation {
  /** Absolute path of the post file, with forward slashes. */
  postPath: string;
  /** The Hugo site root (the folder holding its config, content and static folders), when known. */
  siteRoot?: string;
  /** The site's static folders, relative to `siteRoot`, in lookup order (default `static`). */
  staticDirs?: readonly string[];
  /** The site's content folders, relative to `siteRoot` (default `content`). */
  contentDirs?: readonly string[];
  /** The workspace folder (or current folder for the CLI) holding the post. */
  workspaceRoot?: string;
  /** The post's own URL: a site-absolute path under it names a file of the post's bundle. */
  page?: PageUrl;
}

/** The site's content folders as absolute paths (none outside a site). */
export function contentRoots(where: PostLocation): string[] {
  return where.siteRoot ? (where.contentDirs ?? DEFAULT_SITE_DIRS.contentDirs).map((d) => joinPath(where.siteRoot!, d)) : [];
}

/** Parses an image source into a local path to look up, or a decision that needs no lookup. */
export function classifyImageSource(src: string): { local: string } | ImageResolution {
  const trimmed = src.trim();
  if (!trimmed) return { kind: 'missing', path: '(empty image path)' };
  if (isRemoteImage(trimmed)) return { kind: 'remote', url: trimmed };
  if (/^http:\/\//i.test(trimmed)) return { kind: 'refused', reason: `Not loaded over plain http: ${trimmed}` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return { kind: 'refused', reason: `Image scheme not allowed: ${trimmed}` };
  let path = trimmed.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // Keep the text as written when it is not valid percent-encoding.
  }
  return { local: path };
}

/**
 * Files Hugo would serve for a local image path, in the order we look: a site-absolute
 * `/img/x.png` under the post's own URL in its bundle, in each static folder, then at its content
 * path (Hugo publishes a bundle's files there); a relative path beside the post (page bundle),
 * then in each static folder. Both fall back to the workspace root so notes outside a Hugo site
 * still show their images.
 */
export function imageCandidates(localPath: string, where: PostLocation): string[] {
  const out: string[] = [];
  const inBundle = where.siteRoot ? bundleFileFor(localPath, where.postPath, where.page) : undefined;
  if (inBundle !== undefined) out.push(inBundle);
  const inStatic = where.siteRoot ? (where.staticDirs ?? DEFAULT_SITE_DIRS.staticDirs).map((d) => joinPath(where.siteRoot!, d, localPath)) : [];
  if (localPath.startsWith('/')) out.push(...inStatic, ...contentRoots(where).map((root) => joinPath(root, localPath)));
  else out.push(joinPath(dirname(where.postPath), localPath), ...inStatic);
  if (where.workspaceRoot) out.push(joinPath(where.workspaceRoot, localPath));
  return [...new Set(out)];
}

/** True when `path` is `root` or inside it (both normalized absolute paths). */
export function isInside(path: string, root: string): boolean {
  const r = root.endsWith('/') ? root : root + '/';
  return path === root || path.startsWith(r);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Joins and normalizes posix path segments (`..` and `.` resolved, never above `/`). */
export function joinPath(...parts: string[]): string {
  const segments: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') segments.pop();
    else segments.push(part);
  }
  const joined = '/' + segments.join('/');
  // Keep Windows drive paths (`c:/x`) absolute without a leading slash.
  return /^\/[A-Za-z]:\//.test(joined + '/') && parts[0] && /^[A-Za-z]:/.test(parts[0]) ? joined.slice(1) : joined;
}

/** Relative path from folder `from` to file `to` (both absolute, forward slashes). */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const up = a.slice(common).map(() => '..');
  const rel = [...up, ...b.slice(common)].join('/');
  return rel || '.';
}
