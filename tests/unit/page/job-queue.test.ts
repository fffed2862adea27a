// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { JobQueue, type Job } from '@/src/page/job-queue';

function job(block: Element, overrides: Partial<Job> = {}): Job {
  return { block, deep: false, added: null, verified: false, flat: false, ...overrides };
}

function blocks(count: number): HTMLElement[] {
  return Array.from({ length: count }, (_, index) => Object.assign(document.createElement('p'), { id: `b${index}` }));
}

/** Pops every job, as the ids of their blocks. */
function drainIds(queue: JobQueue): string[] {
  const ids: string[] = [];
  for (let next = queue.next(); next; next = queue.next()) ids.push(next.block.id);
  return ids;
}

describe('JobQueue', () => {
  it('keeps one job per block, merged to ask for the most work either asked for', () => {
    const [block] = blocks(1) as [HTMLElement];
    const first = new Text('first');
    const second = new Text('second');
    const queue = new JobQueue();
    queue.add(job(block, { verified: true, added: new Set([first]) }));
    queue.add(job(block, { deep: true, flat: true, added: new Set([second]) }));
    expect(queue.size).toBe(1);
    const merged = queue.next();
    expect(merged).toMatchObject({ block, deep: true, flat: true, verified: false });
    expect([...(merged?.added ?? [])]).toEqual([first, second]);
    expect(queue.next()).toBeUndefined();
  });

  it('takes the added nodes of a later job when the queued one had none, and stays verified only if both are', () => {
    const [block] = blocks(1) as [HTMLElement];
    const added = new Set<Node>([new Text('x')]);
    const queue = new JobQueue();
    queue.add(job(block, { verified: true }));
    queue.add(job(block, { verified: true, added }));
    expect(queue.next()).toMatchObject({ verified: true, added });
  });

  it('is a stack: the last job added runs first, so nested blocks run right after their parent', () => {
    const queue = new JobQueue();
    for (const block of blocks(3)) queue.add(job(block));
    expect(drainIds(queue)).toEqual(['b2', 'b1', 'b0']);
  });

  it('pops a batch added in page order in that order, before the jobs queued earlier', () => {
    const [early, ...batch] = blocks(4) as [HTMLElement, ...HTMLElement[]];
    const queue = new JobQueue();
    queue.add(job(early));
    const since = queue.size;
    for (const block of batch) queue.add(job(block));
    queue.inPageOrder(since);
    expect(drainIds(queue)).toEqual(['b1', 'b2', 'b3', 'b0']);
  });

  it('can queue a block again once its job was taken, and forgets everything on clear', () => {
    const [a, b] = blocks(2) as [HTMLElement, HTMLElement];
    const queue = new JobQueue();
    queue.add(job(a));
    expect(queue.next()?.block).toBe(a);
    queue.add(job(a, { deep: true }));
    expect(queue.next()).toMatchObject({ block: a, deep: true });
    queue.add(job(a));
    queue.add(job(b));
    queue.clear();
    expect(queue.size).toBe(0);
    queue.add(job(a));
    expect(queue.size).toBe(1);
  });
});
