/**
 * A small seeded pseudo-random generator (mulberry32) so synthetic sites are identical on every
 * machine and every run: benchmark figures from two machines then describe the same files.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks with a skew towards the start of the list (popular tags are popular). */
  pickSkewed<T>(items: readonly T[], skew = 2.2): T {
    return items[Math.floor(Math.pow(this.next(), skew) * items.length)];
  }
}

/** Mixes a site seed with a post number so each post can be generated on its own. */
export function postSeed(siteSeed: number, postNumber: number): number {
  let h = (siteSeed ^ Math.imul(postNumber + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
