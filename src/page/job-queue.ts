/**
 * The page marker's work list: blocks waiting to be read. One job per block
 * (a second request for a queued block is merged into the first), popped in
 * page order: the queue is a stack, so a batch of jobs added in page order is
 * flipped to pop in that order, and a block read now has its nested blocks
 * read right after it.
 */

/** A block to read. */
export interface Job {
  block: Element;
  /** Read nested blocks too (a subtree nobody read yet). */
  deep: boolean;
  /** Nodes added since the last read of `block`: nested blocks inside them are read too. */
  added: Set<Node> | null;
  /** Already known to be markable (found by reading its parent block just now). */
  verified: boolean;
  /**
   * Read over the flat tree (`readBlock`) although the block is in the light DOM: its text runs through
   * a component. Blocks in a shadow tree or hosting one are read that way anyway (see `BlockMarker`).
   */
  flat: boolean;
}

/** Blocks waiting to be read, at most one job each. */
export class JobQueue {
  private readonly jobs: Job[] = [];
  private readonly queued = new Map<Element, Job>();

  /** How many jobs wait. */
  get size(): number {
    return this.jobs.length;
  }

  /** Queues `job`, or merges it into the job already queued for its block (asking for the most work either asks for). */
  add(job: Job): void {
    const existing = this.queued.get(job.block);
    if (!existing) {
      this.queued.set(job.block, job);
      this.jobs.push(job);
      return;
    }
    existing.deep ||= job.deep;
    existing.verified &&= job.verified;
    existing.flat ||= job.flat;
    if (job.added) {
      if (existing.added) for (const node of job.added) existing.added.add(node);
      else existing.added = job.added;
    }
  }

  /** Takes the next job, or undefined when none waits. */
  next(): Job | undefined {
    const job = this.jobs.pop();
    if (job) this.queued.delete(job.block);
    return job;
  }

  /**
   * Jobs are popped from the end: makes those added since the queue held
   * `since` jobs (added in page order) pop in the order they were added,
   * before the jobs queued earlier.
   */
  inPageOrder(since: number): void {
    const added = this.jobs.splice(since).reverse();
    for (const job of added) this.jobs.push(job);
  }

  /** Drops every job. */
  clear(): void {
    this.jobs.length = 0;
    this.queued.clear();
  }
}
