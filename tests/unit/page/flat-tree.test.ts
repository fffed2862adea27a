// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { compareTreeOrder, flatParent } from '@/src/page/flat-tree';
import { mountDiv } from '../support/reading';

describe('flat tree', () => {
  it('orders nodes across shadow trees by their hosts', () => {
    const block = mountDiv('<p id="before">before</p><x-host></x-host><p id="after">after</p>');
    const host = block.querySelector('x-host') as HTMLElement;
    const inside = new Text('inside');
    host.attachShadow({ mode: 'open' }).append(inside);
    const before = block.querySelector('#before')?.firstChild as Node;
    const after = block.querySelector('#after')?.firstChild as Node;
    expect(compareTreeOrder(before, inside)).toBeLessThan(0);
    expect(compareTreeOrder(inside, after)).toBeLessThan(0);
    expect(compareTreeOrder(after, inside)).toBeGreaterThan(0);
    expect(compareTreeOrder(inside, inside)).toBe(0);
    expect(flatParent(inside)).toBe(host);
    expect(flatParent(host.shadowRoot as ShadowRoot)).toBe(host);
  });
});
