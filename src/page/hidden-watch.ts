/**
 * The watch over hidden content: blocks whose mentions were hidden when read
 * (a closed dialog, a folded article, `display: none` by class) are
 * remembered, and when the page changes a hiding attribute they are checked
 * again, a moment later (pages toggle classes a lot), and read again if
 * their content is shown now.
 */
import type { JobQueue } from './job-queue';
import type { MentionChecker } from './mention-check';

/** Wait after a hiding attribute changes before looking for content it revealed. */
export const REVEAL_CHECK_DELAY_MS = 250;
/** Most blocks with hidden mentions remembered for a later look; beyond this, content revealed later stays unmarked. */
export const MAX_HIDDEN_REMEMBERED = 2000;
/** Remembered blocks checked between two chances to yield. */
const BLOCKS_PER_STEP = 32;

/** Remembers blocks with hidden mentions and queues them again once shown. */
export class HiddenWatch {
  /** Blocks with a mention that is hidden now, and a text node of it (null: the whole block was hidden). */
  private readonly hidden = new Map<Element, Text | null>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private checkDue = false;

  /** `onDue` is called when a check is due (ask for a batch of work; `planRevealed()` runs it). */
  constructor(
    private readonly checker: Pick<MentionChecker, 'isShownNow'>,
    private readonly queue: JobQueue,
    private readonly onDue: () => void,
    private readonly delayMs = REVEAL_CHECK_DELAY_MS,
  ) {}

  /** How many blocks are remembered. */
  get size(): number {
    return this.hidden.size;
  }

  /** Whether a check for revealed content is due now. */
  get due(): boolean {
    return this.checkDue;
  }

  /** Remembers that `block` has a hidden mention (at `node`; null when the whole block is hidden). */
  remember(block: Element, node: Text | null): void {
    if (this.hidden.size < MAX_HIDDEN_REMEMBERED || this.hidden.has(block)) this.hidden.set(block, node);
  }

  /**
   * Lets go of hidden content the page removed: a block kept here would keep its whole removed
   * subtree alive (a single-page site replaces its article on every navigation).
   */
  forgetRemoved(): void {
    for (const block of this.hidden.keys()) if (!block.isConnected) this.hidden.delete(block);
  }

  /** A hiding attribute changed: checks the remembered blocks after a short delay (once, however many changes). */
  scheduleCheck(): void {
    if (this.timer !== undefined || this.hidden.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.checkDue = true;
      this.onDue();
    }, this.delayMs);
  }

  /** Makes a scheduled check due now rather than after its delay; false if none was scheduled. */
  checkNow(): boolean {
    if (this.timer === undefined) return false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.checkDue = true;
    this.onDue();
    return true;
  }

  /**
   * Queues again the blocks whose hidden mentions are now shown (a closed dialog's page, an expanded article),
   * to be read in the order they were found (page order, as the page is read in that order).
   */
  *planRevealed(): Generator<void, void> {
    this.checkDue = false;
    const since = this.queue.size;
    let checked = 0;
    for (const [block, node] of [...this.hidden]) {
      checked += 1;
      if (checked % BLOCKS_PER_STEP === 0) yield;
      if (!block.isConnected) {
        this.hidden.delete(block);
        continue;
      }
      if (!this.checker.isShownNow(node?.isConnected ? node : block)) continue;
      this.hidden.delete(block);
      this.queue.add({ block, deep: node === null, added: null, verified: false, flat: false });
    }
    this.queue.inPageOrder(since);
  }

  /** Forgets every block and any scheduled check. */
  clear(): void {
    this.hidden.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.checkDue = false;
  }
}
