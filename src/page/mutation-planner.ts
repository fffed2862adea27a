/**
 * Turns the page's changes (MutationRecords) into jobs: only what changed is
 * read again, the blocks whose own text changed, and subtrees that are new.
 * The observer callback only hands records here; they are planned later, in
 * sliced work. Changes that are not text go to whoever asked for them: a new
 * page title (the article context), a hiding attribute (the hidden watch).
 */
import { blockOf } from './display';
import { isInOwnUi, ownExclusionOf } from './exclusions';
import { isElement } from './flat-tree';
import type { JobQueue } from './job-queue';
import { isBlockTag } from './tags';

/** Mutation records planned between two chances to yield. */
const RECORDS_PER_STEP = 32;
const TEXT_NODE = 3;

/** What the planner reports besides jobs. */
export interface PlannerEvents {
  /** The page's `<title>` changed (a single-page site moved to another article): every article's context changes. */
  titleChanged(): void;
  /** A hiding attribute changed (`hidden`, `class`, `style`...): content hidden before may be shown now. */
  attributesChanged(): void;
}

/** Collects mutation records and plans the jobs they call for. */
export class MutationPlanner {
  private records: MutationRecord[] = [];

  constructor(
    private readonly root: Element,
    private readonly queue: JobQueue,
    private readonly events: PlannerEvents,
  ) {}

  /** Whether records wait to be planned. */
  get hasRecords(): boolean {
    return this.records.length > 0;
  }

  /** Keeps records for the next `plan()` (the observer callback: nothing else happens here). */
  receive(batch: readonly MutationRecord[]): void {
    for (let index = 0; index < batch.length; index += 1) this.records.push(batch[index] as MutationRecord);
  }

  /** Forgets records not planned yet. */
  clear(): void {
    this.records = [];
  }

  /** Plans the records received so far into jobs, popped in page order; yields every few records. */
  *plan(): Generator<void, void> {
    const batch = this.records;
    this.records = [];
    const since = this.queue.size;
    const added = new Set<Node>();
    for (let index = 0; index < batch.length; index += 1) {
      if (index % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
      const record = batch[index] as MutationRecord;
      const target = record.target;
      if (!target.isConnected || isInOwnUi(target)) continue;
      if (isInTitle(target)) {
        this.events.titleChanged();
        continue;
      }
      if (record.type === 'attributes') {
        this.events.attributesChanged();
      } else if (record.type === 'characterData') {
        this.rereadBlockOf(target, null);
      } else {
        // Indexed loops: Firefox content scripts cannot always iterate page objects.
        const { addedNodes, removedNodes } = record;
        for (let node = 0; node < addedNodes.length; node += 1) this.planAdded(addedNodes[node] as Node, target, added);
        let heldText = false;
        for (let node = 0; node < removedNodes.length && !heldText; node += 1) heldText = mayHaveHeldText(removedNodes[node] as Node);
        if (heldText) this.rereadBlockOf(target, null);
      }
    }
    this.queue.inPageOrder(since);
  }

  /** Plans reading a node that appeared under `parent`. */
  private planAdded(node: Node, parent: Node, added: Set<Node>): void {
    if (node.nodeType === TEXT_NODE) return this.rereadBlockOf(parent, null);
    if (!isElement(node) || !node.isConnected) return;
    if (ownExclusionOf(node) === 'skipped') return;
    added.add(node);
    if (!isBlockTag(node.localName)) return this.rereadBlockOf(parent, added);
    this.queue.add({ block: node, deep: true, added: null, verified: false, flat: false });
    // A block dropped into running text splits that text, so the text around it is read again.
    if (hasInlineNeighbour(node)) this.rereadBlockOf(parent, null);
  }

  /** Re-reads the own text of the block around `node`. */
  private rereadBlockOf(node: Node, added: Set<Node> | null): void {
    this.queue.add({ block: blockOf(node, this.root), deep: false, added, verified: false, flat: false });
  }
}

/** Whether an element has running text beside it: a sibling that is non-blank text or an inline element that may be read. */
export function hasInlineNeighbour(element: Element): boolean {
  for (const sibling of [element.previousSibling, element.nextSibling]) {
    if (!sibling) continue;
    if (sibling.nodeType === TEXT_NODE && /\S/.test((sibling as Text).data)) return true;
    if (isElement(sibling) && ownExclusionOf(sibling) === null && !isBlockTag(sibling.localName)) return true;
  }
  return false;
}

/** Whether a node is the page's `<title>` or inside it. */
function isInTitle(node: Node): boolean {
  const element = isElement(node) ? node : node.parentElement;
  return element?.localName === 'title';
}

/** Whether a removed node may have been part of its parent's running text. */
function mayHaveHeldText(node: Node): boolean {
  if (node.nodeType === TEXT_NODE) return /\S/.test((node as Text).data);
  return isElement(node) && ownExclusionOf(node) !== 'skipped';
}
