import type { FieldNode, ParsedFrontMatter, ValueNode } from '../frontmatter';
import { forEachShortcode, type ShortcodeTag } from '../render/shortcodes/syntax';
import { bundleFileFor, type PageUrl } from '../site/permalinks';
import type { ValidationConfig } from './config';
import type { FrontMatterDiagnostic } from './types';

/** A path to a file that a post refers to, with where it is written. */
export interface FileReference {
  /** As written (`/images/a.png`, `diagram.svg`). */
  path: string;
  start: number;
  end: number;
  /** Where it came from, for messages: `cover`, `images`, `figure`. */
  source: string;
}

/** Front matter fields that hold image paths (Hugo's `images`, themes' `cover`/`image`). */
const IMAGE_FIELDS = new Set(['cover', 'images', 'image']);

/**
 * Every local file the post points at: `cover` (text, or a theme's `cover.image`), `image`,
 * `images`, and `src` of `figure` shortcodes in the body. URLs and template code are left out.
 */
export function fileReferences(text: string, parsed: ParsedFrontMatter): FileReference[] {
  const refs: FileReference[] = [];
  const add = (node: ValueNode | undefined, source: string) => {
    if (!node || node.kind !== 'scalar' || typeof node.value !== 'string') return;
    const inner = node.quoted ? { start: node.start + 1, end: node.end - 1 } : { start: node.start, end: node.end };
    if (isLocalPath(node.value)) refs.push({ path: node.value, source, ...inner });
  };
  for (const field of parsed.fields) {
    const key = field.key.toLowerCase();
    if (!IMAGE_FIELDS.has(key)) continue;
    const v = field.value;
    if (v.kind === 'sequence') for (const item of v.items ?? []) add(item, key);
    else if (v.kind === 'mapping') add(entry(v, 'image'), `${key}.image`);
    else add(v, key);
  }
  forEachShortcode(text, parsed.bodyStart, (tag) => {
    // {{< figure src="x" >}}, {{% figure src=`x` %}} or src=x; the first `src` written counts.
    const src = isFigure(tag) ? tag.params.find((p) => p.name === 'src') : undefined;
    if (src && isLocalPath(src.value)) refs.push({ path: src.value, source: 'figure', start: src.start, end: src.end });
  });
  return refs;
}

/**
 * Whether a tag runs Hugo's `figure` (the name as written: shortcode templates are files). An
 * escaped shortcode (`{{</*` … `*` + `/>}}`) is not run by Hugo, and is a comment here.
 */
export function isFigure(tag: ShortcodeTag): boolean {
  return tag.kind === 'open' && tag.name === 'figure';
}

function entry(map: ValueNode, key: string): ValueNode | undefined {
  return map.entries?.find((e: FieldNode) => e.key.toLowerCase() === key)?.value;
}

function isLocalPath(p: string): boolean {
  const v = p.trim();
  return v !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(v) && !v.startsWith('//') && !v.startsWith('#') && !v.includes('{{');
}

/** Where a post lives: its own path and the Hugo site root above it (both absolute, forward slashes). */
export interface FileLocation {
  filePath: string;
  siteRoot: string;
  /** The post's own URL: a site-absolute path under it names a file of the post's bundle. */
  page?: PageUrl;
}

/** Joins and normalizes forward-slash paths (`a/b/../c` → `a/c`) without touching the disk. */
export function joinPath(...parts: string[]): string {
  // Empty parts are left out; the parts after the first lose their leading slashes.
  let joined: string | undefined;
  for (const part of parts) {
    if (!part) continue;
    if (joined === undefined) {
      joined = part;
      continue;
    }
    let k = 0;
    while (part.charCodeAt(k) === 47) k++;
    joined += `/${k === 0 ? part : part.slice(k)}`;
  }
  joined ??= '';
  // The common case (no `.`/`..` segments, no doubled slashes) needs no segment walk.
  if (!/\/\.{1,2}(\/|$)|\/\/|^\.{1,2}(\/|$)/.test(joined)) return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '..') {
      if (out.length > 1 || (out.length === 1 && out[0] !== '')) out.pop();
    } else if (seg !== '.' && (seg !== '' || out.length === 0)) out.push(seg);
  }
  return out.join('/') || '/';
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/**
 * The places Hugo would look for a referenced file: the page bundle (beside the post) for a
 * relative path or a site-absolute one under the page's own URL, the static and assets folders,
 * and for a site-absolute path also the content folders (a bundle's files are published at their
 * content path).
 */
export function candidatePaths(ref: string, location: FileLocation, config: Pick<ValidationConfig, 'staticDirs'> & Partial<Pick<ValidationConfig, 'contentDirs'>>): string[] {
  let p = ref.trim().replace(/[?#].*$/, '');
  try {
    p = decodeURI(p);
  } catch {
    // Keep it as written.
  }
  const { siteRoot } = location;
  const contentDirs = config.contentDirs ?? ['content'];
  // Both kinds of list are built alike (pushed one by one), which keeps optimized callers on one shape.
  const absolute = p.startsWith('/');
  const candidates: string[] = [];
  if (!absolute) candidates.push(joinPath(dirname(location.filePath), p));
  const inBundle = absolute ? bundleFileFor(p, location.filePath, location.page) : undefined;
  if (inBundle !== undefined) candidates.push(inBundle);
  for (const d of config.staticDirs) candidates.push(joinPath(siteRoot, d, p));
  if (absolute) for (const d of contentDirs) candidates.push(joinPath(siteRoot, d, p));
  return candidates;
}

/**
 * `fm/missing-file`: references that exist in none of the places Hugo looks. `fileExists` is the
 * caller's I/O (the CLI's node fs, the extension's workspace fs), so this stays pure.
 */
export async function checkFileReferences(
  refs: readonly FileReference[],
  location: FileLocation,
  config: ValidationConfig,
  fileExists: (absolutePath: string) => boolean | Promise<boolean>,
): Promise<FrontMatterDiagnostic[]> {
  const severity = config.severities['fm/missing-file'];
  if (severity === 'off') return [];
  const out: FrontMatterDiagnostic[] = [];
  for (const ref of refs) {
    const candidates = candidatePaths(ref.path, location, config);
    let found = false;
    for (const c of candidates) {
      const exists = fileExists(c);
      if (exists === true || (exists !== false && (await exists))) {
        found = true;
        break;
      }
    }
    if (found) continue;
    const shown = candidates.map((c) => relativeTo(location.siteRoot, c));
    out.push({
      code: 'fm/missing-file',
      severity,
      message: `${ref.source}: "${ref.path}" not found (looked for ${shown.join(', ')})`,
      start: ref.start,
      end: ref.end,
      fixes: [],
    });
  }
  return out;
}

function relativeTo(root: string, path: string): string {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
