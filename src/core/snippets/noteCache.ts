import { harvestPost, mergeHarvested, type HarvestedSnippet } from './harvest';

/**
 * What the note cache needs from the live post index. `PostSource` (src/workspace/postSource.ts)
 * fits it with `vscode.Uri` as the post type; tests pass plain objects.
 */
export interface PostFeed<P extends { toString(): string }> {
  ready(): Promise<void>;
  posts(): readonly P[];
  onDidChangePosts(listener: (e: { changed: readonly P[]; removed: readonly P[] }) => unknown): { dispose(): void };
}

/** How many posts to read at once. */
const READ_CONCURRENCY = 16;

/**
 * The command blocks of the workspace's posts, kept fresh by the post index. Nothing is read
 * until someone asks; then every post is harvested once and cached per post, and afterwards only
 * the posts the index reports as changed are read and harvested again.
 */
export class NoteSnippetCache<P extends { toString(): string }> {
  private readonly perPost = new Map<string, HarvestedSnippet[]>();
  private readonly known = new Map<string, P>();
  private readonly stale = new Map<string, P>();
  private merged: HarvestedSnippet[] | undefined;
  private pending: Promise<HarvestedSnippet[]> | undefined;
  private started = false;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly feed: PostFeed<P>,
    /** The post's current text, or undefined to skip it (binary, too big). */
    private readonly read: (post: P) => Promise<string | undefined>,
    /** A title for posts whose front matter has none. */
    private readonly titleOf: (post: P) => string,
    private readonly onError: (post: P, err: unknown) => void = () => undefined,
  ) {
    this.subscription = feed.onDidChangePosts(({ changed, removed }) => {
      if (!this.started) return; // the first harvest reads every post anyway
      for (const post of removed) {
        const key = post.toString();
        this.known.delete(key);
        this.stale.delete(key);
        this.perPost.delete(key);
      }
      for (const post of changed) {
        this.known.set(post.toString(), post);
        this.stale.set(post.toString(), post);
      }
      if (removed.length || changed.length) this.merged = undefined;
    });
  }

  /**
   * Marks a post whose text changed as stale, when it is one of the index's posts. For changes
   * the index does not report because they leave its data alike (an edit below the front matter).
   * Cheap: the post is read again only when the snippets are next asked for.
   */
  markChanged(post: P): void {
    const key = post.toString();
    if (!this.started || !this.known.has(key)) return;
    this.stale.set(key, post);
    this.merged = undefined;
  }

  /** Every harvested snippet, harvesting first what is new or changed. */
  snippets(): Promise<HarvestedSnippet[]> {
    if (this.merged) return Promise.resolve(this.merged);
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** The snippets when they are current; otherwise undefined, and a refresh starts. */
  peek(): HarvestedSnippet[] | undefined {
    if (!this.merged) this.snippets().catch(() => undefined);
    return this.merged;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async refresh(): Promise<HarvestedSnippet[]> {
    if (!this.started) {
      this.started = true;
      await this.feed.ready();
      for (const post of this.feed.posts()) {
        this.known.set(post.toString(), post);
        this.stale.set(post.toString(), post);
      }
    }
    // Posts that change while a batch is read are picked up before the result is published.
    while (this.stale.size) {
      const batch = [...this.stale.entries()].slice(0, READ_CONCURRENCY);
      for (const [key] of batch) this.stale.delete(key);
      const results = await Promise.all(batch.map(([, post]) => this.harvest(post)));
      batch.forEach(([key], i) => {
        // A post removed while it was being read stays removed.
        if (this.known.has(key)) this.perPost.set(key, results[i]);
      });
    }
    const keys = [...this.perPost.keys()].sort();
    this.merged = mergeHarvested(keys.map((k) => this.perPost.get(k)!));
    return this.merged;
  }

  private async harvest(post: P): Promise<HarvestedSnippet[]> {
    try {
      const text = await this.read(post);
      return text === undefined ? [] : harvestPost(text, post.toString(), this.titleOf(post));
    } catch (err) {
      // One unreadable post (deleted meanwhile, no permission) must not hide the others.
      this.onError(post, err);
      return [];
    }
  }
}
