/**
 * Server-rendered apps hydrate by comparing the DOM with what they rendered, node for node, and
 * complain about any difference. Policy Lens marks with CSS highlights and so leaves nothing to
 * complain about: the fixture's React-style hydration check finds no mismatch with the extension
 * installed. A control shows the check is real: the change a DOM-wrapping highlighter makes
 * (a <mark> around a mention) is reported.
 */
import { expect, it } from 'vitest';
import type { TestPage } from './support/browser';
import { hoverMark, readMarks, waitForMarks } from './support/marks';
import { FIXTURE_HOSTS } from './support/server';
import { forEachBrowser } from './support/suite';

const FIXTURE = '/hydration-article.html';
/** Mentions in the fixture, sorted: one across a <b>, one with a curly apostrophe, one in the headline. */
const MENTIONS = ['Abraham Accords', 'Iran’s nuclear program', 'JINSA', 'mutual defense treaty', 'treaty with Israel'];

interface Hydration {
  done: boolean;
  mismatches: number;
  likes: number;
  policyLensHighlightsAtHydration: number;
}

function readHydration(page: TestPage): Promise<Hydration> {
  return page.evaluate(() => ({ ...(window as unknown as { __hydration: Hydration }).__hydration }));
}

async function waitForHydration(page: TestPage): Promise<Hydration> {
  await page.waitForFunction(() => (window as unknown as { __hydration: Hydration }).__hydration.done, undefined, {
    message: 'the fixture app to hydrate',
  });
  return readHydration(page);
}

function hydrationErrors(messages: readonly string[]): string[] {
  return messages.filter((message) => message.includes('Hydration mismatch'));
}

forEachBrowser(({ driver, server }) => {
  it('hydrates without a mismatch on a page Policy Lens marks (300 ms after load)', async () => {
    const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, FIXTURE));
    const hydration = await waitForHydration(page);
    await waitForMarks(page, MENTIONS.length);

    expect(hydration.mismatches).toBe(0);
    expect((await readMarks(page)).map((mark) => mark.text).sort()).toEqual(MENTIONS);
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
  });

  it('hydrates without a mismatch after the page was marked and a card was opened', async () => {
    const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, `${FIXTURE}?hydrate=manual`));
    await waitForMarks(page, MENTIONS.length);
    expect(await hoverMark(page, 'JINSA')).toContain("JINSA's treaty work and people");

    await page.evaluate(() => (window as unknown as { __hydrate(): void }).__hydrate());
    const hydration = await waitForHydration(page);
    expect(hydration.policyLensHighlightsAtHydration).toBeGreaterThan(0);
    expect(hydration.mismatches).toBe(0);
    // The hydrated app works: its handler updates the text node it owns.
    await page.click('button.like');
    expect(await page.evaluate(() => document.querySelector('button.like')?.textContent)).toBe('Likes: 1');
    expect(hydrationErrors((await page.errors()).console)).toEqual([]);
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
  });

  it('control: the hydration check reports a DOM-wrapping highlighter', async () => {
    const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, `${FIXTURE}?hydrate=manual`));
    await waitForMarks(page, MENTIONS.length);
    // What a highlighter that edits the page does: wrap the mention in an element.
    await page.evaluate(() => {
      const text = document.querySelector('p.accords')?.firstChild as Text;
      const start = text.data.indexOf('Abraham Accords');
      const mention = text.splitText(start);
      mention.splitText('Abraham Accords'.length);
      const mark = document.createElement('mark');
      mention.replaceWith(mark);
      mark.append(mention);
    });

    await page.evaluate(() => (window as unknown as { __hydrate(): void }).__hydrate());
    const hydration = await waitForHydration(page);
    expect(hydration.mismatches).toBeGreaterThan(0);
    const reported = hydrationErrors((await page.errors()).console);
    expect(reported.length).toBe(hydration.mismatches);
    expect(reported[0]).toContain('Gulf partners who joined the Abraham Accords are watching closely.');
  });
});
