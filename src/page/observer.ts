/**
 * The one MutationObserver of the content script. Its callback only hands the
 * records on; all interpretation happens later, in sliced work. The same
 * observer also watches every open shadow root the scanner enters, since a
 * document-wide observer does not see inside them.
 */

/** Attributes that can show content we skipped as hidden. */
export const REVEALING_ATTRIBUTES = ['hidden', 'aria-hidden', 'class', 'style', 'open'];

const OBSERVE_OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: REVEALING_ATTRIBUTES,
};

/** Watches the page and its open shadow roots for changes. */
export class PageObserver {
  private readonly observer: MutationObserver;
  private observed = new WeakSet<Node>();

  constructor(onRecords: (records: MutationRecord[]) => void) {
    this.observer = new MutationObserver(onRecords);
  }

  /** Starts watching a subtree (the document's root or a shadow root); watching twice is a no-op. */
  observe(target: Node): void {
    if (this.observed.has(target)) return;
    this.observed.add(target);
    this.observer.observe(target, OBSERVE_OPTIONS);
  }

  /** Records not yet delivered to the callback. */
  takeRecords(): MutationRecord[] {
    return this.observer.takeRecords();
  }

  /** Stops watching everything. */
  disconnect(): void {
    this.observer.disconnect();
    this.observed = new WeakSet();
  }
}
