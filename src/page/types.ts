/**
 * What the page scanner publishes for the rest of the content script (hover
 * card, keyboard navigation, popup requests). The card never reaches into the
 * scanner's internals; it reads marks through this interface.
 */

/** One marked mention on the page. */
export interface MarkedMention {
  /** Stable for the life of the mark; unique on the page. */
  id: number;
  /** Topic ids this span names (usually one). */
  topics: string[];
  /** The data term that matched. */
  term: string;
  /** The exact page text matched. */
  text: string;
  /** Live range over the page text; never attached to the DOM. */
  range: Range;
}

/** Read access to the marks on the page, in document order. */
export interface MarkRegistry {
  /** Marks whose range contains this text position (a caret position from `caretPositionFromPoint`). */
  marksAt(node: Node, offset: number): MarkedMention[];
  /** All current marks in document order, optionally of one topic. */
  marks(topic?: string): MarkedMention[];
  /** Mention counts per topic, most mentioned first. */
  topicCounts(): Array<{ topic: string; count: number }>;
  /** Calls `listener` after marks change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}
