/**
 * Helpers for tests of the page readers: mount markup, run a reader to the
 * end, and show what it read.
 */
import { readBlock, readSubtree, type BlockRead, type BlockText, type SubtreeBlock } from '@/src/page/reading';

/** Runs a generator that only yields to pause, and returns its result. */
export function drain<T>(generator: Generator<void, T>): T {
  for (;;) {
    const step = generator.next();
    if (step.done) return step.value;
  }
}

/** A `<div>` holding trusted test markup, as the only child of the body. */
export function mountDiv(html: string): HTMLElement {
  const element = document.createElement('div');
  element.innerHTML = html;
  document.body.replaceChildren(element);
  return element;
}

/** One block's own text over the flat tree (`readBlock`), read to the end. */
export function readFlat(block: Element, deep = true, added: Set<Node> | null = null): BlockRead {
  return drain(readBlock(block, { deep, added, onShadowRoot: () => undefined }));
}

/** Every block the light-DOM reader hands out. */
export function readLight(root: Element, deep = true, added: Set<Node> | null = null): SubtreeBlock[] {
  const blocks: SubtreeBlock[] = [];
  for (const batch of readSubtree(root, { deep, added })) blocks.push(...batch);
  return blocks;
}

/** Every block the light-DOM reader hands out, as "tag: text" (text null shown as "-"). */
export function readAll(root: Element, deep = true, added: Set<Node> | null = null): string[] {
  return readLight(root, deep, added).map(({ block, text, components }) =>
    components ? `${block.localName}: via ${components.map((host) => host.localName).join(',')}` : `${block.localName}: ${text?.text ?? '-'}`,
  );
}

/**
 * A block's text with what maps to no node made visible: `|` for a break,
 * `_` for a gap (blank markup between two pieces of text).
 */
export function showBreaksAndGaps(text: BlockText): string {
  let shown = '';
  for (let offset = 0; offset < text.length; offset += 1) {
    if (text.spansBreak(offset, offset + 1)) shown += '|';
    else if (text.positionAt(offset, 'start') === null) shown += '_';
    else shown += text.text[offset];
  }
  return shown;
}
