// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { POLICY_LENS_UI_TAG } from '@/src/page';
import { JobQueue, type Job } from '@/src/page/job-queue';
import { hasInlineNeighbour, MutationPlanner } from '@/src/page/mutation-planner';
import { setBody } from '../support/page';

/** A childList record, as the observer would deliver it. */
function childList(target: Node, added: Node[], removed: Node[] = []): MutationRecord {
  return { type: 'childList', target, addedNodes: added, removedNodes: removed } as unknown as MutationRecord;
}

function record(type: 'characterData' | 'attributes', target: Node): MutationRecord {
  return { type, target, addedNodes: [], removedNodes: [] } as unknown as MutationRecord;
}

function setup() {
  const queue = new JobQueue();
  const events = { titleChanged: vi.fn(), attributesChanged: vi.fn() };
  const planner = new MutationPlanner(document.body, queue, events);
  const plan = (...records: MutationRecord[]): Job[] => {
    planner.receive(records);
    for (const _step of planner.plan());
    const jobs: Job[] = [];
    for (let next = queue.next(); next; next = queue.next()) jobs.push(next);
    return jobs;
  };
  return { planner, queue, events, plan };
}

const byId = (id: string) => document.getElementById(id) as HTMLElement;

beforeEach(() => document.body.replaceChildren());

describe('MutationPlanner', () => {
  it('re-reads the block around edited text', () => {
    setBody('<p id="p">The <b>mutual</b> defense treaty</p>');
    const { plan } = setup();
    const jobs = plan(record('characterData', byId('p').querySelector('b')?.firstChild as Text));
    expect(jobs).toEqual([{ block: byId('p'), deep: false, added: null, verified: false, flat: false }]);
  });

  it('reads an added block and everything in it, and the text around it when it splits running text', () => {
    setBody('<div id="d">Before <p id="new">new</p> after</div><div id="e"><p id="alone">alone</p></div>');
    const { plan } = setup();
    expect(plan(childList(byId('d'), [byId('new')])).map((job) => [job.block.id, job.deep])).toEqual([
      ['new', true],
      ['d', false],
    ]);
    expect(plan(childList(byId('e'), [byId('alone')])).map((job) => job.block.id)).toEqual(['alone']);
  });

  it('re-reads the block an inline element or text was added to, with the added nodes', () => {
    setBody('<p id="p">The mutual defense <b id="b">treaty</b></p>');
    const { plan } = setup();
    const [inline] = plan(childList(byId('p'), [byId('b')]));
    expect(inline?.block).toBe(byId('p'));
    expect([...(inline?.added ?? [])]).toEqual([byId('b')]);
    const text = byId('p').firstChild as Text;
    expect(plan(childList(byId('p'), [text]))).toMatchObject([{ block: byId('p'), added: null }]);
  });

  it('ignores added subtrees that are never read, and removals that held no text', () => {
    setBody('<p id="p">Text<code id="c">x</code></p>');
    const { plan } = setup();
    expect(plan(childList(byId('p'), [byId('c')]))).toEqual([]);
    expect(plan(childList(byId('p'), [], [new Text('  \n'), document.createElement('script')]))).toEqual([]);
    expect(plan(childList(byId('p'), [], [new Text('gone')])).map((job) => job.block)).toEqual([byId('p')]);
    expect(plan(childList(byId('p'), [], [document.createElement('span')])).map((job) => job.block)).toEqual([byId('p')]);
  });

  it('ignores changes in our own UI and in nodes that already left the page', () => {
    setBody(`<${POLICY_LENS_UI_TAG}><p id="ui">JINSA</p></${POLICY_LENS_UI_TAG}>`);
    const { plan } = setup();
    expect(plan(record('characterData', byId('ui').firstChild as Text))).toEqual([]);
    const gone = document.createElement('p');
    expect(plan(record('characterData', gone))).toEqual([]);
  });

  it('reports a new page title and hiding attributes instead of planning reads', () => {
    document.head.replaceChildren(Object.assign(document.createElement('title'), { textContent: 'Title' }));
    setBody('<p id="p">x</p>');
    const { plan, events } = setup();
    expect(plan(record('characterData', document.querySelector('title')?.firstChild as Text))).toEqual([]);
    expect(events.titleChanged).toHaveBeenCalledTimes(1);
    expect(plan(record('attributes', byId('p')))).toEqual([]);
    expect(events.attributesChanged).toHaveBeenCalledTimes(1);
  });

  it('hands out the jobs of one batch in page order, after merging those for the same block', () => {
    setBody('<p id="a">a</p><p id="b">b</p><p id="c">c</p>');
    const { plan } = setup();
    const text = (id: string) => byId(id).firstChild as Text;
    const jobs = plan(record('characterData', text('a')), record('characterData', text('b')), record('characterData', text('a')), record('characterData', text('c')));
    expect(jobs.map((job) => job.block.id)).toEqual(['a', 'b', 'c']);
  });

  it('yields every few dozen records, and keeps records that arrive meanwhile for the next plan', () => {
    setBody(Array.from({ length: 100 }, (_, index) => `<p id="p${index}">${index}</p>`).join(''));
    const { planner, queue } = setup();
    planner.receive(Array.from({ length: 100 }, (_, index) => record('characterData', byId(`p${index}`).firstChild as Text)));
    const steps = planner.plan();
    expect(steps.next().done).toBe(false);
    planner.receive([record('characterData', byId('p0').firstChild as Text)]);
    let pauses = 1;
    while (!steps.next().done) pauses += 1;
    expect(pauses).toBe(3);
    expect(queue.size).toBe(100);
    expect(planner.hasRecords).toBe(true);
    planner.clear();
    expect(planner.hasRecords).toBe(false);
  });
});

describe('hasInlineNeighbour', () => {
  it('sees running text or an inline element beside a block, not blank text, blocks or skipped elements', () => {
    setBody(
      '<div>text <p id="t">x</p></div><div><b>bold</b><p id="i">x</p></div><div>\n  <p id="blank">x</p>\n</div>' +
        '<div><p>x</p><p id="blocks">x</p><ul></ul></div><div><code>c</code><p id="skipped">x</p><span hidden>h</span></div>',
    );
    expect(hasInlineNeighbour(byId('t'))).toBe(true);
    expect(hasInlineNeighbour(byId('i'))).toBe(true);
    expect(hasInlineNeighbour(byId('blank'))).toBe(false);
    expect(hasInlineNeighbour(byId('blocks'))).toBe(false);
    expect(hasInlineNeighbour(byId('skipped'))).toBe(false);
  });
});
