/**
 * How a post's terms count: a post counts once per term and once per spelling, however often it
 * repeats them. The post index, the CLI and "Check All Posts" all tally terms by this one rule.
 */

/** What an earlier term of the same list already wrote: the same spelling, or only the same key. */
export type TermRepeat = 'spelling' | 'key' | undefined;

/**
 * Goes through one list of terms (a post's terms of one taxonomy) in order and tells, for each,
 * whether an earlier one repeats it. Linear: each spelling and key met is stamped with the number
 * of its list, so a post of 20,000 tags costs 20,000 look-ups, not the 200 million of comparing
 * each term with the earlier ones. `reset` starts the next list by bumping the number: clearing
 * sets instead allocated new tables for every post (twice the time of comparing on 10k posts).
 * The stamps keep one entry per spelling and key ever met, as the index's key cache does.
 */
export class TermRepeats {
  private list = 0;
  private readonly spellings = new Map<string, number>();
  private readonly keys = new Map<string, number>();

  /** Starts a new list. */
  reset(): void {
    this.list++;
  }

  /** Records the next term of the list (`key` is its term key) and says what it repeats. */
  next(spelling: string, key: string): TermRepeat {
    // One spelling has one key: a spelling met before is a key met before.
    if (this.spellings.get(spelling) === this.list) return 'spelling';
    this.spellings.set(spelling, this.list);
    if (this.keys.get(key) === this.list) return 'key';
    this.keys.set(key, this.list);
    return undefined;
  }
}
