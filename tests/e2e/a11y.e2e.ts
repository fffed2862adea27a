/**
 * Accessibility in real browsers: axe-core (WCAG 2.x A and AA rules, colour contrast on) finds no
 * violation in the popup, the options page, the welcome page and the hover card, in the light and
 * the dark colour scheme.
 *
 * The card's shadow root is closed, and axe (a page script) cannot look into it, nor can it
 * compute colours there. So the test copies the open card's rendered tree, styles included, into
 * an open shadow root at the same place, closes the original and audits the copy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/browsers';
import type { TestPage } from './support/browser';
import type { ColorScheme } from './support/driver';
import { CARD_HOST, centreOf, glide, waitForClosedCard, waitForMention, waitForOpenCard } from './support/mentions';
import { FIXTURE_HOSTS } from './support/server';
import { forEachBrowser } from './support/suite';
import { clickByText, openPopupFor } from './support/ui-pages';

const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
/** WCAG 2.0–2.2 level A and AA rules; colour contrast is among them and stays on. */
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  rules: { 'color-contrast': { enabled: true } },
  resultTypes: ['violations'],
};
/** Where the audited copy of the card lives (an open shadow root). */
const CARD_COPY_ID = 'pl-axe-card-copy';
const SCHEMES: readonly ColorScheme[] = ['light', 'dark'];

/** One axe violation, reduced to what a failure message needs. */
interface Violation {
  rule: string;
  help: string;
  nodes: string[];
}

/** What one axe run found. */
interface Audit {
  violations: Violation[];
  /** Colour contrast was measured and passed somewhere (so the run looked at real, visible text). */
  contrastPassed: boolean;
}

/**
 * Runs axe over the whole document, or the element with id `within`, and returns its violations
 * (after checking that contrast was really measured).
 */
async function audit(page: TestPage, within?: string): Promise<Violation[]> {
  await page.addScript(AXE_SOURCE);
  const result = await page.evaluate(
    async ({ id, options }: { id: string | null; options: object }): Promise<Audit> => {
      type Result = { id: string; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> };
      type Run = { violations: Result[]; passes: Result[] };
      const axe = (window as unknown as { axe: { run(context: unknown, options: object): Promise<Run> } }).axe;
      // A scheme switch starts colour transitions: measure the colours they end on, not a frame between.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
      await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
      const { violations, passes } = await axe.run(id === null ? document : document.getElementById(id), options);
      return {
        violations: violations.map((violation) => ({
          rule: violation.id,
          help: violation.help,
          nodes: violation.nodes.map((node) => `${JSON.stringify(node.target)}: ${node.failureSummary ?? ''}`),
        })),
        contrastPassed: passes.some((rule) => rule.id === 'color-contrast'),
      };
    },
    { id: within ?? null, options: AXE_OPTIONS },
  );
  expect(result.contrastPassed, 'axe measured colour contrast').toBe(true);
  return result.violations;
}

forEachBrowser(({ kind, driver, server }) => {
  /** Runs `check` once per colour scheme, leaving the browser light (Firefox sets it browser-wide). */
  async function inEachScheme(page: TestPage, check: (scheme: ColorScheme) => Promise<void>): Promise<void> {
    try {
      for (const scheme of SCHEMES) {
        await page.emulateColorScheme(scheme);
        await check(scheme);
      }
    } finally {
      await page.emulateColorScheme('light');
    }
  }

  it('finds no violation in the popup: topics with findings open, and search results', async () => {
    const article = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, '/popup-article.html?a11y'));
    await waitForMention(article, 'Abraham Accords');
    const popup = await openPopupFor(driver(), article);
    await popup.waitForFunction(() => document.querySelector('section[aria-labelledby="pl-page-topics"] .pl-topic') !== null);
    await clickByText(popup, 'section[aria-labelledby="pl-page-topics"] .pl-topic__expand', 'Abraham Accords');
    await popup.waitForFunction(() => document.querySelector('.pl-topic__panel:not([hidden]) .pl-finding') !== null);

    await inEachScheme(popup, async (scheme) => {
      expect(await audit(popup), `popup with a topic open, ${scheme}`).toEqual([]);
    });

    await popup.click('#pl-search');
    await popup.type('treaty');
    await popup.waitForFunction(() => document.querySelectorAll('[role="option"]').length > 1);
    await popup.press('ArrowDown');
    await inEachScheme(popup, async (scheme) => {
      expect(await audit(popup), `popup search results, ${scheme}`).toEqual([]);
    });
  });

  it('finds no violation on the options page', async () => {
    const options = await driver().newPage(driver().extensionPageUrl('options.html'));
    await options.waitForFunction(() => document.querySelector('input[name="highlight-style"]:checked') !== null);
    await inEachScheme(options, async (scheme) => {
      expect(await audit(options), `options page, ${scheme}`).toEqual([]);
    });
  });

  it('finds no violation on the welcome page', async () => {
    const welcome = await driver().newPage(driver().extensionPageUrl('welcome.html'));
    await welcome.waitForFunction(() => (document.getElementById('app')?.childElementCount ?? 0) > 0);
    await inEachScheme(welcome, async (scheme) => {
      expect(await audit(welcome), `welcome page, ${scheme}`).toEqual([]);
    });
  });

  it("finds no violation in the hover card (an exact copy of its shadow root's tree)", async () => {
    const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, '/card-article.html?a11y'));
    const mention = await waitForMention(page, 'Abraham Accords');
    await inEachScheme(page, async (scheme) => {
      await glide(page, { x: 40, y: centreOf(mention).y }, centreOf(mention));
      await waitForOpenCard(page, 'Abraham Accords');

      const copied = await page.evaluateInShadowRoot(
        CARD_HOST,
        (root, id: string) => {
          document.getElementById(id)?.remove();
          const host = document.createElement('div');
          host.id = id;
          document.body.append(host);
          const copy = host.attachShadow({ mode: 'open' });
          for (const child of Array.from(root.childNodes)) copy.append(child.cloneNode(true));
          // The original is in the top layer; the copy is a plain fixed box at the same place.
          const layer = copy.querySelector<HTMLElement>('.pl-layer');
          layer?.removeAttribute('popover');
          if (layer) layer.hidden = false;
          // Shown as it ends up, not fading in again (a half-transparent card would skew contrast).
          copy.querySelector<HTMLElement>('.pl-card')?.style.setProperty('animation', 'none');
          return copy.querySelectorAll('.pl-finding').length;
        },
        CARD_COPY_ID,
      );
      expect(copied, `${kind}: findings copied from the card`).toBeGreaterThan(0);
      await page.press('Escape');
      await waitForClosedCard(page);
      await glide(page, centreOf(mention), { x: 40, y: centreOf(mention).y });

      expect(await audit(page, CARD_COPY_ID), `hover card, ${scheme}`).toEqual([]);
      await page.evaluate((id: string) => document.getElementById(id)?.remove(), CARD_COPY_ID);
    });
  });
});
