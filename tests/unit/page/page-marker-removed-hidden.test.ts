// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { markTexts, setBody, startMarker, usePageTestEnvironment } from '../support/page';

usePageTestEnvironment();

/** More hidden elements than the marker remembers for a later look (MAX_HIDDEN_REMEMBERED). */
const MANY = 2500;

function hiddenBox(text: string): HTMLElement {
  const box = document.createElement('aside');
  box.hidden = true;
  box.textContent = text;
  return box;
}

describe('hidden content the page removes', () => {
  it('is let go, so content hidden later is still marked once the page shows it', async () => {
    setBody('<main id="app"></main>');
    const app = document.getElementById('app') as HTMLElement;
    const { marker } = await startMarker();

    // A single-page site swaps its article on each navigation; each had a box the reader never opened.
    const old = Array.from({ length: MANY }, (_, index) => hiddenBox(`Related story ${index}`));
    app.append(...old);
    await marker.settled();
    for (const box of old) box.remove();
    await marker.settled();

    const current = hiddenBox('Related: the Abraham Accords, explained.');
    app.append(current);
    await marker.settled();
    expect(markTexts(marker)).toEqual([]);

    current.hidden = false;
    await marker.settled();
    expect(markTexts(marker)).toEqual(['Abraham Accords']);
  });
});
