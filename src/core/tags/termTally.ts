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
  /** Counts in steps of 4: the two low bits of a stamp say how the string was met in its list. */
  private list = 0;
  /** Spellings and keys share one table (a key is most often its own spelling): one look-up then. */
  private readonly stamps = new Map<string, number>();
  /** A list's first terms, compared one by one: cheaper than the table for the dozen most posts have. */
  private readonly firstSpellings: string[] = [];
  private readonly firstKeys: string[] = [];
  /** Terms of the list so far; past SHORT_LIST the list is in the table. */
  private size = 0;

  /** Starts a new list. */
  reset(): void {
    this.list += STEP;
    this.size = 0;
  }

  /** Records the next term of the list (`key` is its term key) and says what it repeats. */
  next(spelling: string, key: string): TermRepeat {
    if (this.size < SHORT_LIST) {
      let found: TermRepeat;
      for (let k = 0; k < this.size; k++) {
        if (this.firstKeys[k] !== key) continue;
        if (this.firstSpellings[k] === spelling) return 'spelling';
        found = 'key';
      }
      this.firstSpellings[this.size] = spelling;
      this.firstKeys[this.size] = key;
      this.size++;
      return found;
    }
    if (this.size === SHORT_LIST) {
      for (let k = 0; k < SHORT_LIST; k++) this.stamp(this.firstSpellings[k], this.firstKeys[k]);
      this.size++;
    }
    return this.stamp(spelling, key);
  }

  /** {@link next} through the table. */
  private stamp(spelling: string, key: string): TermRepeat {
    const met = this.metInList(spelling);
    // One spelling has one key: a spelling met before is a key met before.
    if (met & AS_SPELLING) return 'spelling';
    if (spelling === key) {
      this.stamps.set(spelling, this.list + (met | AS_SPELLING | AS_KEY));
      return met & AS_KEY ? 'key' : undefined;
    }
    this.stamps.set(spelling, this.list + (met | AS_SPELLING));
    const keyMet = this.metInList(key);
    this.stamps.set(key, this.list + (keyMet | AS_KEY));
    return keyMet & AS_KEY ? 'key' : undefined;
  }

  /** How `s` was met in the current list (AS_SPELLING, AS_KEY, both or neither). */
  private metInList(s: string): number {
    const stamp = this.stamps.get(s);
    return stamp !== undefined && stamp - (stamp & 3) === this.list ? stamp & 3 : 0;
  }
}

const SHORT_LIST = 16;
const STEP = 4;
const AS_SPELLING = 1;
const AS_KEY = 2;
