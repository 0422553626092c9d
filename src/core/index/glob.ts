import { compileLinearRegex } from '../text/linearRegex';

/**
 * Glob patterns over workspace-relative paths with `/` separators, in the dialect VS Code
 * settings use: `**` matches any number of folders (a whole segment only), `*` and `?` stay inside
 * one segment, `[abc]` / `[!abc]` match one character, `{a,b}` alternatives may span segments.
 * A pattern without `/` matches at the top level only (`*.md` does not match `notes/a.md`).
 */
export interface GlobSet {
  /** True when the relative path matches one of the patterns. */
  matches(relPath: string): boolean;
  /** True when some path below the folder `relDir` could match (used to prune the walk). */
  couldMatchBelow(relDir: string): boolean;
  readonly isEmpty: boolean;
}

const GLOBSTAR = Symbol('**');
type Segment = { test(text: string): boolean } | typeof GLOBSTAR;

/**
 * Patterns with more wildcards than this run on the linear-time engine (see linearRegex.ts): a
 * backtracking engine takes time exponential in their count on a path that almost matches
 * (`*a*a*a*a*a*a*a*a*a*a*a*a` on a long file name ran for minutes). The usual patterns, with a
 * few, keep the faster native engine.
 */
const MAX_NATIVE_WILDCARDS = 3;

function wildcardCount(pattern: string): number {
  return (pattern.match(/\*+|\?/g) ?? []).length;
}

/** A compiled expression: native when `source` cannot backtrack badly, else linear-time. */
function compileSource(source: string, ignoreCase: boolean, linear: boolean): { test(text: string): boolean } {
  if (linear) {
    const re = compileLinearRegex(source, { ignoreCase });
    if (re.ok) return re;
  }
  return new RegExp(source, ignoreCase ? 'i' : '');
}

/** Compiles patterns once; bad patterns (an unclosed `[` or `{`) match literally. */
export function compileGlobs(patterns: readonly string[], options: { ignoreCase?: boolean } = {}): GlobSet {
  const ignoreCase = options.ignoreCase === true;
  const compiled: Segment[][] = [];
  const whole: string[] = [];
  const wholeLinear: string[] = [];
  for (const raw of patterns) {
    const pattern = raw.trim().replace(/^\.\//, '').replace(/^\/+/, '');
    if (!pattern) continue;
    for (const expanded of expandBraces(pattern)) {
      // `**/**` means `**`; kept apart, each `**` tries every depth and matching takes exponential time.
      const parts = expanded.split('/').filter((s, i, all) => s !== '' && !(s === '**' && all[i - 1] === '**'));
      compiled.push(parts.map((s) => compileSegment(s, ignoreCase)));
      (wildcardCount(expanded) > MAX_NATIVE_WILDCARDS ? wholeLinear : whole).push(pathSource(parts));
    }
  }
  // The walk tests every file it meets: one expression for all patterns, not a search per pattern.
  const all = whole.length > 0 ? new RegExp(`^(?:${whole.join('|')})$`, ignoreCase ? 'i' : '') : undefined;
  const allLinear = wholeLinear.length > 0 ? compileSource(`^(?:${wholeLinear.join('|')})$`, ignoreCase, true) : undefined;
  const split = (p: string): string[] => p.split('/').filter((s) => s !== '');
  return {
    isEmpty: compiled.length === 0,
    matches: (relPath) => {
      const path = /^\/|\/\/|\/$/.test(relPath) ? split(relPath).join('/') : relPath;
      return (all !== undefined && all.test(path)) || (allLinear !== undefined && allLinear.test(path));
    },
    couldMatchBelow: (relDir) => {
      const parts = split(relDir);
      return compiled.some((segs) => matchSegments(segs, 0, parts, 0, true, new Set()));
    },
  };
}

/**
 * Matches pattern segments against path parts. With `partial`, running out of path parts
 * while pattern segments remain counts as a match: a deeper path could still match.
 */
function matchSegments(segs: Segment[], si: number, parts: string[], pi: number, partial: boolean, failed: Set<number>): boolean {
  while (si < segs.length) {
    const seg = segs[si];
    if (seg === GLOBSTAR) {
      if (si === segs.length - 1) return true;
      // Each (segment, part) pair is tried once: several `**` would otherwise retry every depth for each other.
      const state = si * (parts.length + 1) + pi;
      if (failed.has(state)) return false;
      for (let k = pi; k <= parts.length; k++) {
        if (matchSegments(segs, si + 1, parts, k, partial, failed)) return true;
      }
      failed.add(state);
      return false;
    }
    if (pi >= parts.length) return partial;
    if (!seg.test(parts[pi])) return false;
    si++;
    pi++;
  }
  return pi === parts.length;
}

function compileSegment(segment: string, ignoreCase: boolean): Segment {
  return segment === '**' ? GLOBSTAR : compileSource(`^${segmentSource(segment)}$`, ignoreCase, wildcardCount(segment) > MAX_NATIVE_WILDCARDS);
}

/** A whole pattern as one expression: `**` spans any number of folders, none included. */
function pathSource(parts: string[]): string {
  let re = '';
  let needSlash = false;
  parts.forEach((part, k) => {
    if (part !== '**') {
      re += (needSlash ? '/' : '') + segmentSource(part);
      needSlash = true;
    } else if (k === parts.length - 1) {
      re += needSlash ? '(?:/.*)?' : '.*';
    } else {
      re += needSlash ? '(?:/[^/]+)*/' : '(?:[^/]+/)*';
      needSlash = false;
    }
  });
  return re;
}

/** One segment's pattern as expression source, without anchors. */
function segmentSource(segment: string): string {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      // `**` inside a segment (`a**b`) means the same as `*`.
      while (segment[i + 1] === '*') i++;
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      re += `[${negated ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else {
      re += c.replace(/[.+^${}()|\\\]/]/g, '\\$&');
    }
  }
  return re;
}

/** More alternatives than this (`{a,b}` thirty times is a billion) leave the pattern literal. */
const MAX_BRACE_EXPANSIONS = 1024;

/**
 * `{a,b}/x{1,2}` → `a/x1`, `a/x2`, `b/x1`, `b/x2`. Nested braces are expanded from the inside out.
 * A pattern that would expand to more than {@link MAX_BRACE_EXPANSIONS} patterns is kept as written.
 */
export function expandBraces(pattern: string): string[] {
  const out = new Set<string>();
  return expandInto(pattern, out) ? [...out] : [pattern];
}

function expandInto(pattern: string, out: Set<string>): boolean {
  const open = innermostBrace(pattern);
  if (!open) {
    out.add(pattern);
    return out.size <= MAX_BRACE_EXPANSIONS;
  }
  const [start, end] = open;
  const head = pattern.slice(0, start);
  const tail = pattern.slice(end + 1);
  return pattern
    .slice(start + 1, end)
    .split(',')
    .every((o) => expandInto(head + o + tail, out));
}

function innermostBrace(pattern: string): [number, number] | undefined {
  let start = -1;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '{') start = i;
    else if (pattern[i] === '}' && start !== -1) return [start, i];
  }
  return undefined;
}
