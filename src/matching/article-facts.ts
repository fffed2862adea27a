/**
 * The words of one article that context rules count, summed over its blocks
 * (and the page title and main heading). Blocks come and go on a live page,
 * so a block's facts are added when it is read and taken away when it is
 * read again or removed.
 */
export class ArticleFacts {
  readonly counts: Int32Array;

  constructor(size: number) {
    this.counts = new Int32Array(size);
  }

  /** Adds (or with `sign` -1 takes away) one block's facts; says whether any count changed. */
  add(facts: ArrayLike<number> | null, sign: 1 | -1 = 1): boolean {
    if (!facts) return false;
    let changed = false;
    for (let index = 0; index < facts.length; index++) {
      const amount = facts[index]!;
      if (amount === 0) continue;
      this.counts[index] = this.counts[index]! + sign * amount;
      changed = true;
    }
    return changed;
  }

  /** Whether nothing is counted. */
  get empty(): boolean {
    for (let index = 0; index < this.counts.length; index++) if (this.counts[index] !== 0) return false;
    return true;
  }
}
