import { dirname, joinPath, relativePath } from './images';

/**
 * Hugo's `ref`/`relref` lookup, as a pure function over the list of post files. Hugo page
 * paths are case-insensitive; a target is tried as written (`/posts/a.md`), without the
 * extension (`/posts/a`), as a bundle folder (`/posts/a/` → `index.md` or `_index.md`),
 * first from the current page's folder, then from each content folder, and finally by its file name
 * anywhere in the site when that name is unique.
 */
export interface RefLookup {
  /** The resolved post file (absolute path), or a problem. */
  path?: string;
  /** `#anchor` part of the target, kept for the link. */
  anchor: string;
  problem?: string;
}

export function splitRefTarget(target: string): { path: string; anchor: string } {
  const hash = target.indexOf('#');
  return hash === -1 ? { path: target.trim(), anchor: '' } : { path: target.slice(0, hash).trim(), anchor: target.slice(hash) };
}

/** `contentRoots`: the site's content folders (absolute), where a `/`-rooted target starts. */
export function lookupRef(target: string, postPath: string, contentRoots: readonly string[], posts: readonly string[]): RefLookup {
  const { path, anchor } = splitRefTarget(target);
  if (!path) return { path: postPath, anchor };
  const byLower = new Map<string, string>();
  for (const p of posts) byLower.set(p.toLowerCase(), p);
  const tryBase = (base: string): string | undefined => {
    const clean = base.replace(/\/+$/, '');
    for (const candidate of [clean, `${clean}.md`, `${clean}/index.md`, `${clean}/_index.md`]) {
      const hit = byLower.get(candidate.toLowerCase());
      if (hit) return hit;
    }
    return undefined;
  };
  const fromContent = contentRoots.map((root) => joinPath(root, path));
  const bases = path.startsWith('/') ? fromContent : [joinPath(dirname(postPath), path), ...fromContent];
  for (const base of bases) {
    const hit = tryBase(base);
    if (hit) return { path: hit, anchor };
  }
  // Last resort, as Hugo does: a unique logical name anywhere in the site.
  const name = logicalName(path);
  if (name && !path.includes('/')) {
    const matches = posts.filter((p) => logicalName(p) === name);
    if (matches.length === 1) return { path: matches[0], anchor };
    if (matches.length > 1) return { anchor, problem: `"${path}" matches ${matches.length} posts; give its path from the content folder` };
  }
  return { anchor, problem: `No post found for "${path}"` };
}

/** `posts/a.md` → `a`; `posts/a/index.md` → `a`. */
function logicalName(path: string): string {
  const parts = path.replace(/\/+$/, '').split('/');
  let last = parts.pop() ?? '';
  if (/^_?index\.md$/i.test(last)) last = parts.pop() ?? '';
  return last.replace(/\.md$/i, '').toLowerCase();
}

/** The href for a resolved ref, relative to the current post's folder. */
export function refHref(postPath: string, targetPath: string, anchor: string): string {
  return relativePath(dirname(postPath), targetPath) + anchor;
}
