import { own, type PostData } from './postData';
import { termKey, termUrlSegment, type TermKeyStyle } from '../tags/termKey';
import { TermRepeats } from '../tags/termTally';

/** One taxonomy term as Hugo sees it: every spelling that lowercases/urlizes to `key`. */
export interface TermInfo {
  readonly taxonomy: string;
  /** Hugo's key for the term (lowercased, spaces as `-`): also its URL segment. */
  readonly key: string;
  /** How many posts carry the term. */
  readonly postCount: number;
  /**
   * Paths of the posts that carry the term. Gathered from the posts the first time they are
   * asked for (a tag opened in the tree, say), then kept up to date: a cold index only counts.
   */
  readonly posts: ReadonlySet<string>;
  /** Each spelling written, with the number of posts that write it that way. */
  readonly spellings: ReadonlyMap<string, number>;
}

/**
 * A term of the index. Its posts are counted as posts come and go; their paths are gathered
 * only on demand, since building a set of paths for every term of 10k posts was a tenth of a
 * cold index, and the tree shows a term's posts only when it is opened.
 */
class MutableTerm implements TermInfo {
  postCount = 0;
  readonly spellings = new Map<string, number>();
  /** The posts' paths, once gathered (kept up to date from then on). */
  gathered: Set<string> | undefined;

  constructor(
    readonly taxonomy: string,
    readonly key: string,
    private readonly gather: (term: MutableTerm) => Set<string>,
  ) {}

  get posts(): ReadonlySet<string> {
    return (this.gathered ??= this.gather(this));
  }
}

/** After this many terms of a taxonomy had their posts gathered one by one, all are gathered at once. */
const GATHER_ONE_BY_ONE = 4;

/** What changed in one call that modifies the index. */
export interface IndexChange {
  /** Posts added or whose data changed. */
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/**
 * The posts of a workspace and their taxonomy terms, kept up to date one post at a time.
 * Every change costs O(terms of that post): the index removes the post's old contribution and
 * adds the new one, never recomputing other posts. Terms merge by {@link termKey}.
 */
export class PostIndex {
  private readonly byPath = new Map<string, PostData>();
  /** Per taxonomy (same order as `taxonomies`): term key → term. */
  private readonly termMaps: Map<string, MutableTerm>[];
  /** Per taxonomy: posts without any term in it (the tree's "Untagged" node). */
  private readonly without: Set<string>[];
  private readonly strings = new Map<string, string>();
  private readonly keys = new Map<string, string>();
  /** Per taxonomy: terms whose posts were gathered one at a time (see {@link gather}). */
  private readonly gatheredOneByOne: number[];
  /** Which terms of a post repeat earlier ones (one, reset per list). */
  private readonly repeats = new TermRepeats();

  /**
   * @param taxonomies front matter keys that hold terms, e.g. `['tags', 'categories']`.
   * @param hugo how the site's Hugo version merges terms and reads YAML (default: the newest Hugo's).
   */
  constructor(
    readonly taxonomies: readonly string[],
    readonly hugo: { termKeys: TermKeyStyle; yaml: '1.1' | '1.2' } = { termKeys: 'lowercased', yaml: '1.2' },
  ) {
    this.termMaps = taxonomies.map(() => new Map());
    this.without = taxonomies.map(() => new Set());
    this.gatheredOneByOne = taxonomies.map(() => 0);
  }

  /** Number of posts. */
  get size(): number {
    return this.byPath.size;
  }

  /**
   * The shared copy of a term spelling. Posts hold interned strings, so 10k posts that say
   * `Kubernetes` keep one string, and it is a fresh copy (not a view into a file's text).
   */
  readonly intern = (s: string): string => {
    let v = this.strings.get(s);
    if (v === undefined) {
      v = own(s) ?? s;
      this.strings.set(v, v);
    }
    return v;
  };

  /** Hugo's key for a spelling, cached (spellings repeat across thousands of posts). */
  keyOf(spelling: string): string {
    let k = this.keys.get(spelling);
    if (k === undefined) {
      k = this.intern(termKey(spelling, this.hugo.termKeys));
      this.keys.set(this.intern(spelling), k);
    }
    return k;
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  get(path: string): PostData | undefined {
    return this.byPath.get(path);
  }

  /** Every post, in insertion order. */
  posts(): IterableIterator<PostData> {
    return this.byPath.values();
  }

  paths(): IterableIterator<string> {
    return this.byPath.keys();
  }

  /** The index of `taxonomy` in {@link taxonomies} (compared lowercased), or -1. */
  taxonomyIndex(taxonomy: string): number {
    const t = taxonomy.toLowerCase();
    return this.taxonomies.findIndex((x) => x.toLowerCase() === t);
  }

  /** The terms of one taxonomy (unordered). */
  terms(taxonomy: string): IterableIterator<TermInfo> {
    const i = this.taxonomyIndex(taxonomy);
    return (i === -1 ? new Map<string, MutableTerm>() : this.termMaps[i]).values();
  }

  termCount(taxonomy: string): number {
    const i = this.taxonomyIndex(taxonomy);
    return i === -1 ? 0 : this.termMaps[i].size;
  }

  /** A term by any of its spellings or its key. */
  term(taxonomy: string, spellingOrKey: string): TermInfo | undefined {
    const i = this.taxonomyIndex(taxonomy);
    return i === -1 ? undefined : this.termMaps[i].get(this.keyOf(spellingOrKey));
  }

  /**
   * Terms that are distinct to Hugo but get the same page URL (from Hugo 0.123 `C++` and `c++!`
   * are two terms, both published at `/tags/c++/`, one page over the other): URL → its terms.
   */
  urlCollisions(taxonomy: string): Map<string, TermInfo[]> {
    const byUrl = new Map<string, TermInfo[]>();
    for (const t of this.terms(taxonomy)) {
      const url = termUrlSegment(t.key);
      const list = byUrl.get(url);
      if (list) list.push(t);
      else byUrl.set(url, [t]);
    }
    for (const [url, list] of byUrl) if (list.length < 2) byUrl.delete(url);
    return byUrl;
  }

  /** Paths of the posts with no term in `taxonomy`. */
  postsWithout(taxonomy: string): ReadonlySet<string> {
    const i = this.taxonomyIndex(taxonomy);
    return i === -1 ? new Set(this.byPath.keys()) : this.without[i];
  }

  /** Adds a post or replaces its data. Returns false when nothing changed. */
  set(post: PostData): boolean {
    const old = this.byPath.get(post.path);
    if (old && samePost(old, post)) return false;
    if (old) this.unlink(old);
    this.byPath.set(post.path, post);
    this.link(post);
    return true;
  }

  /** Removes a post. Returns false when it was not indexed. */
  delete(path: string): boolean {
    const old = this.byPath.get(path);
    if (!old) return false;
    this.unlink(old);
    this.byPath.delete(path);
    return true;
  }

  /** Moves a post to a new path, keeping its data (a file rename). */
  rename(from: string, to: string): boolean {
    const old = this.byPath.get(from);
    if (!old || from === to) return false;
    this.delete(from);
    this.set({ ...old, path: to });
    return true;
  }

  /** Removes every post whose path starts with `prefix` (a deleted folder); returns their paths. */
  deleteUnder(prefix: string): string[] {
    const dir = prefix.endsWith('/') ? prefix : `${prefix}/`;
    const gone = [...this.byPath.keys()].filter((p) => p.startsWith(dir));
    for (const p of gone) this.delete(p);
    return gone;
  }

  clear(): void {
    this.byPath.clear();
    for (const m of this.termMaps) m.clear();
    for (const s of this.without) s.clear();
  }

  private link(post: PostData): void {
    const repeats = this.repeats;
    for (let i = 0; i < this.taxonomies.length; i++) {
      const terms = post.terms[i] ?? EMPTY;
      if (terms.length === 0) {
        this.without[i].add(post.path);
        continue;
      }
      const map = this.termMaps[i];
      repeats.reset();
      for (let j = 0; j < terms.length; j++) {
        const key = this.keyOf(terms[j]);
        let term = map.get(key);
        if (!term) {
          term = new MutableTerm(this.taxonomies[i], key, this.gather);
          map.set(key, term);
        }
        // A post counts once per term, and once per spelling, however often it repeats them.
        const seen = repeats.next(terms[j], key);
        if (seen === undefined) {
          term.postCount++;
          term.gathered?.add(post.path);
        }
        if (seen !== 'spelling') term.spellings.set(terms[j], (term.spellings.get(terms[j]) ?? 0) + 1);
      }
    }
  }

  private unlink(post: PostData): void {
    const repeats = this.repeats;
    for (let i = 0; i < this.taxonomies.length; i++) {
      const terms = post.terms[i] ?? EMPTY;
      if (terms.length === 0) {
        this.without[i].delete(post.path);
        continue;
      }
      const map = this.termMaps[i];
      repeats.reset();
      for (let j = 0; j < terms.length; j++) {
        const key = this.keyOf(terms[j]);
        const seen = repeats.next(terms[j], key);
        const term = map.get(key);
        if (!term) continue;
        if (seen === undefined) {
          term.postCount--;
          term.gathered?.delete(post.path);
        }
        if (seen !== 'spelling') {
          const n = (term.spellings.get(terms[j]) ?? 0) - 1;
          if (n > 0) term.spellings.set(terms[j], n);
          else term.spellings.delete(terms[j]);
        }
        if (term.postCount === 0) map.delete(key);
      }
    }
  }

  /**
   * The paths of a term's posts, from the posts themselves. The first few terms of a taxonomy
   * asked for are gathered alone (one pass over the posts each: a tag opened in the tree); after
   * that every term of the taxonomy is gathered in one pass, so a caller that goes through all
   * terms (a report, a snapshot) pays for one pass, not one per term.
   */
  private readonly gather = (term: MutableTerm): Set<string> => {
    const i = this.taxonomies.indexOf(term.taxonomy);
    if (++this.gatheredOneByOne[i] <= GATHER_ONE_BY_ONE) {
      const out = new Set<string>();
      for (const post of this.byPath.values()) {
        const terms = post.terms[i] ?? EMPTY;
        for (let j = 0; j < terms.length; j++) {
          if (this.keyOf(terms[j]) === term.key) {
            out.add(post.path);
            break;
          }
        }
      }
      return out;
    }
    // Terms gathered before are kept up to date already; only the others are filled.
    const map = this.termMaps[i];
    const fresh = new Map<MutableTerm, Set<string>>();
    for (const t of map.values()) if (!t.gathered) fresh.set(t, (t.gathered = new Set()));
    for (const post of this.byPath.values()) {
      const terms = post.terms[i] ?? EMPTY;
      for (let j = 0; j < terms.length; j++) fresh.get(map.get(this.keyOf(terms[j]))!)?.add(post.path);
    }
    return term.gathered!;
  };

  /**
   * A plain, sorted picture of the whole index: equal for two indexes that hold the same posts,
   * however they got there (used to check incremental updates against a rebuild).
   */
  snapshot(): IndexSnapshot {
    const posts = [...this.byPath.values()].sort((a, b) => cmp(a.path, b.path)).map((p) => ({ ...p, terms: p.terms.map((t) => [...t]) }));
    const taxonomies = this.taxonomies.map((taxonomy, i) => ({
      taxonomy,
      without: [...this.without[i]].sort(cmp),
      terms: [...this.termMaps[i].values()]
        .sort((a, b) => cmp(a.key, b.key))
        .map((t) => ({ key: t.key, posts: [...t.posts].sort(cmp), spellings: [...t.spellings].sort((a, b) => cmp(a[0], b[0])) })),
    }));
    return { posts, taxonomies };
  }
}

/** See {@link PostIndex.snapshot}. */
export interface IndexSnapshot {
  posts: PostData[];
  taxonomies: { taxonomy: string; without: string[]; terms: { key: string; posts: string[]; spellings: [string, number][] }[] }[];
}

/** The most used spelling of a term (ties: the one that sorts first), for labels. */
export function displaySpelling(term: TermInfo): string {
  let best = term.key;
  let count = -1;
  for (const [s, n] of term.spellings) {
    if (n > count || (n === count && s < best)) {
      best = s;
      count = n;
    }
  }
  return best;
}

const EMPTY: readonly string[] = [];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when two posts hold the same data (what the tree shows and the terms). */
export function samePost(a: PostData, b: PostData): boolean {
  if (a.path !== b.path) return false;
  if (a.title !== b.title || a.date !== b.date || a.draft !== b.draft || a.description !== b.description) return false;
  if (a.format !== b.format || a.problem !== b.problem || a.terms.length !== b.terms.length) return false;
  return a.terms.every((t, i) => t.length === b.terms[i].length && t.every((s, j) => s === b.terms[i][j]));
}
