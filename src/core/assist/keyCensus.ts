import { locateFrontMatter } from '../frontmatter/locate';

/**
 * The top-level front matter keys of a post's text (its first bytes are enough), as written.
 * A line scan, not a parse: it runs once per post in the background, and a key the scan misses
 * only means one suggestion less. `undefined` when the front matter does not end in `text`.
 */
export function topLevelKeys(text: string, complete = true): string[] | undefined {
  const at = locateFrontMatter(text, complete);
  if (at.kind === 'none') return [];
  if (at.kind === 'needMore') return undefined;
  // A block opened on a line with more text (`--- x`) is left out, like a broken one.
  if (at.kind !== 'closed' || (at.format !== 'json' && text[at.contentStart - 1] !== '\n')) return [];
  const block = text.slice(at.contentStart, at.contentEnd);
  if (at.format === 'json') {
    try {
      const data: unknown = JSON.parse(block);
      return data && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data) : [];
    } catch {
      return [];
    }
  }
  const out: string[] = [];
  for (const line of block.split('\n')) {
    if (at.format === 'toml' && /^\s*\[/.test(line)) break;
    const m = at.format === 'yaml' ? /^([A-Za-z_][\w.-]*)\s*:(?:\s|$)/.exec(line) : /^\s*([A-Za-z_][\w-]*)\s*=/.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}

/**
 * How many posts write each top-level key, and how: lowercased key → spelling → posts. Kept up
 * to date one post at a time (O(keys of that post)).
 */
export class KeyCensus {
  private readonly byPost = new Map<string, readonly string[]>();
  readonly counts = new Map<string, Map<string, number>>();

  get size(): number {
    return this.byPost.size;
  }

  has(post: string): boolean {
    return this.byPost.has(post);
  }

  set(post: string, keys: readonly string[]): void {
    this.delete(post);
    const unique = [...new Set(keys)];
    this.byPost.set(post, unique);
    for (const k of unique) {
      const lower = k.toLowerCase();
      let spellings = this.counts.get(lower);
      if (!spellings) this.counts.set(lower, (spellings = new Map()));
      spellings.set(k, (spellings.get(k) ?? 0) + 1);
    }
  }

  delete(post: string): void {
    const old = this.byPost.get(post);
    if (!old) return;
    this.byPost.delete(post);
    for (const k of old) {
      const lower = k.toLowerCase();
      const spellings = this.counts.get(lower)!;
      const n = (spellings.get(k) ?? 1) - 1;
      if (n > 0) spellings.set(k, n);
      else spellings.delete(k);
      if (spellings.size === 0) this.counts.delete(lower);
    }
  }

  /** The counts without one post's own keys (what "other posts" use). */
  without(post: string): ReadonlyMap<string, ReadonlyMap<string, number>> {
    const own = this.byPost.get(post);
    if (!own) return this.counts;
    const out = new Map<string, Map<string, number>>();
    for (const [k, s] of this.counts) out.set(k, new Map(s));
    for (const k of own) {
      const s = out.get(k.toLowerCase())!;
      const n = (s.get(k) ?? 1) - 1;
      if (n > 0) s.set(k, n);
      else s.delete(k);
      if (s.size === 0) out.delete(k.toLowerCase());
    }
    return out;
  }
}
