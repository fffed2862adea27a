// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HighlightLayer, highlightName, paintKeyOf } from '@/src/page/highlights';
import { highlightRegistry, installHighlightApi } from '../support/highlight-api';

let uninstall: () => void;
beforeEach(() => {
  uninstall = installHighlightApi();
});
afterEach(() => uninstall());

function rangeOver(text: string): Range {
  const node = document.createTextNode(text);
  document.body.append(node);
  const range = document.createRange();
  range.selectNodeContents(node);
  return range;
}

/** Two imported topic ids that share a colour slot. */
function idsSharingASlot(): [string, string] {
  const first = 'pack-a/topic-0';
  for (let n = 1; n < 500; n += 1) {
    const other = `pack-b/topic-${n}`;
    if (paintKeyOf(other) === paintKeyOf(first)) return [first, other];
  }
  throw new Error('no two ids share a slot');
}

describe('highlight layer', () => {
  it("paints imported topics under their slot, merging topics that share it, and unregisters the slot when both leave", () => {
    const layer = new HighlightLayer();
    const [a, b] = idsSharingASlot();
    const first = rangeOver('first');
    const second = rangeOver('second');
    layer.sync(new Map([[a, [first]], [b, [second]]]));
    const name = highlightName('underline', a);
    expect(name).toMatch(/^policy-lens-u-pack-\d+$/);
    expect([...(highlightRegistry().get(name) ?? [])]).toEqual([first, second]);

    layer.sync(new Map([[b, [second]]]));
    expect([...(highlightRegistry().get(name) ?? [])]).toEqual([second]);
    layer.sync(new Map());
    expect(highlightRegistry().has(name)).toBe(false);
  });

  it('keeps the bundled topics under their own names', () => {
    const layer = new HighlightLayer();
    const range = rangeOver('treaty');
    layer.sync(new Map([['mutual-defense-treaty', [range]]]));
    expect([...highlightRegistry().keys()]).toEqual(['policy-lens-u-mutual-defense-treaty']);
  });
});
