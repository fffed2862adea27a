/**
 * The text of one block, built from its text nodes, with the map back from
 * an offset in that text to a (text node, offset) position. Breaks (a `<br>`,
 * a nested block, a skipped element, a shadow-tree boundary) are kept in the
 * text as a newline so context reads naturally, but no mention may span one.
 */

/** A position inside a text node. */
export interface TextPosition {
  node: Text;
  offset: number;
}

/** The character that stands for a break; it maps to no node. */
export const BREAK = '\n';

/**
 * Whether a text node's data is only white space (the markup's indentation between tags, often
 * three text nodes in four, and long): both readers make it one gap. White space is what
 * `String.prototype.trim` removes (ASCII spaces and line breaks, no-break and other Unicode
 * spaces), which the engine checks natively at about twice the speed of a loop over the
 * characters here; nearly all other text nodes say no at their first character.
 */
export function isBlank(data: string): boolean {
  const first = data.charCodeAt(0);
  // Below U+1680 the only white space is tab, the line breaks, space and no-break space.
  if (first > 32 && first < 0x1680 && first !== 160) return false;
  return data.trim().length === 0;
}

/** One block's text and where each piece of it came from. */
export class BlockText {
  /** Text nodes in reading order. */
  readonly nodes: Text[] = [];
  private parts: string[] = [];
  private starts: number[] = [];
  /** Node lengths when read, to notice nodes edited since. */
  private lengths: number[] = [];
  private breaks: number[] = [];
  private chars = 0;
  private joined: string | null = '';

  /** Characters so far, breaks and gaps included. */
  get length(): number {
    return this.chars;
  }

  /** Appends a text node's data (`data`, when the caller has read it already: each read is a call into the DOM). */
  appendNode(node: Text, data: string = node.data): void {
    if (data === '') return;
    this.nodes.push(node);
    this.starts.push(this.chars);
    this.lengths.push(data.length);
    this.parts.push(data);
    this.chars += data.length;
    this.joined = null;
  }

  /**
   * Stands for blank text nodes between two pieces of text (the spaces and
   * newlines of the markup): one space that maps to no node but, unlike a
   * break, may sit inside a mention ("<b>mutual</b>\n<i>defense</i>").
   */
  appendGap(): void {
    if (this.chars === 0 || this.lastCode() <= 32) return;
    this.parts.push(' ');
    this.chars += 1;
    this.joined = null;
  }

  /** The last text node appended, if the text still ends with it (no gap or break after it). */
  get lastNode(): Text | undefined {
    const start = this.starts[this.starts.length - 1];
    const length = this.lengths[this.lengths.length - 1];
    if (start === undefined || length === undefined || start + length !== this.chars) return undefined;
    return this.nodes[this.nodes.length - 1];
  }

  private lastCode(): number {
    const part = this.parts[this.parts.length - 1] ?? '';
    return part.charCodeAt(part.length - 1);
  }

  /** Marks a break; repeated breaks collapse into one. */
  appendBreak(): void {
    if (this.chars === 0 || this.breaks[this.breaks.length - 1] === this.chars - 1) return;
    this.breaks.push(this.chars);
    this.parts.push(BREAK);
    this.chars += 1;
    this.joined = null;
  }

  /** The whole text, breaks included. */
  get text(): string {
    // Most blocks are one text node: their text is that node's, with nothing to join.
    this.joined ??= this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    return this.joined;
  }

  /** Whether [start, end) contains a break. */
  spansBreak(start: number, end: number): boolean {
    const index = upperBound(this.breaks, start - 1);
    const next = this.breaks[index];
    return next !== undefined && next < end;
  }

  /**
   * The node position for a text offset: as a range start (the node the
   * character at `offset` is in) or as a range end (the node the character
   * before `offset` is in). Null at a break, or when the node has since been
   * edited (the mutation that edited it brings a rescan).
   */
  positionAt(offset: number, edge: 'start' | 'end'): TextPosition | null {
    const probe = edge === 'start' ? offset : offset - 1;
    const index = upperBound(this.starts, probe) - 1;
    const node = this.nodes[index];
    const start = this.starts[index];
    const length = this.lengths[index];
    if (node === undefined || start === undefined || length === undefined) return null;
    if (probe < start || probe >= start + length || node.length !== length) return null;
    return { node, offset: offset - start };
  }

  /** The text offset of a node position (the inverse of `positionAt`), or -1 for a node not in this text. */
  offsetOf(position: TextPosition): number {
    const index = this.nodes.indexOf(position.node);
    return index < 0 ? -1 : (this.starts[index] as number) + position.offset;
  }

  /** The text nodes that [start, end) touches, in order. */
  nodesBetween(start: number, end: number): Text[] {
    const first = upperBound(this.starts, start) - 1;
    const last = upperBound(this.starts, end - 1) - 1;
    return this.nodes.slice(Math.max(first, 0), last + 1);
  }
}

/** Index of the first element of sorted `values` greater than `target`. */
function upperBound(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] as number) <= target) low = middle + 1;
    else high = middle;
  }
  return low;
}
