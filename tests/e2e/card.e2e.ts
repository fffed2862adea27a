/**
 * The hover card, end to end, on a fixture article served as a built-in news site: the pointer
 * rests on a mention and the card shows its topic with cited findings; a pointer only passing
 * over opens nothing; the pointer can travel onto the card; a click pins it; Escape closes it;
 * the keyboard path (the mention shortcuts) opens cards with focus inside, Tab stays in the card
 * and Escape gives focus back; the card follows the light and dark colour schemes.
 *
 * The card lives in a closed shadow root: tests read it through the automation protocol
 * (`evaluateInShadowRoot`), never through page scripts.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { getFindingsForTopic, getReport, getTopic } from '../../src/data';
import type { TestPage } from './support/browser';
import {
  CARD_HOST,
  cardSnapshot,
  centreOf,
  glide,
  letPageTimePass,
  mentionBoxes,
  sendNavigateMention,
  waitForClosedCard,
  waitForMention,
  waitForOpenCard,
  type MentionBox,
  type Point,
} from './support/mentions';
import { FIXTURE_HOSTS } from './support/server';
import { FAILURE_SCREENSHOT_DIR, forEachBrowser } from './support/suite';

const ARTICLE = '/card-article.html';
/** How many findings a closed-up card lists (src/card/CardView.tsx FINDINGS_SHOWN). */
const FINDINGS_SHOWN = 3;
/** Well past the default hover delay (300 ms) and grace period (350 ms), for "nothing happened" checks. */
const LONGER_THAN_DELAYS_MS = 1000;
/** A pointer move that took this long after the one before may have let the pointer rest (the hover delay is 300 ms). */
const STALLED_MOVE_MS = 150;
/** Passes over a mention tried before a pass without a stalled move is given up on. */
const PASS_ATTEMPTS = 4;
/** Where the screenshots of the card in each colour scheme go. */
const SCREENSHOT_DIR = join(FAILURE_SCREENSHOT_DIR, '..', 'card');

/** A point in the page's left margin, level with `box`: no text and no mark there. */
function marginBeside(box: MentionBox): Point {
  return { x: 40, y: box.y + box.height / 2 };
}

/** Relative luminance (0 black … 1 white) of a CSS `rgb()`/`rgba()` colour. */
function luminance(color: string | null): number {
  const channels = (color ?? '').match(/[\d.]+/g)?.slice(0, 3).map(Number);
  if (channels?.length !== 3) throw new Error(`Not an rgb() colour: ${color}`);
  const [r, g, b] = channels.map((value) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Rests the pointer on a mention, coming from the margin, and waits for its card. */
async function restOn(page: TestPage, mention: MentionBox) {
  await glide(page, marginBeside(mention), centreOf(mention));
  return waitForOpenCard(page, mention.text);
}

/** Whether the page's focused element is the card's host (focus is then inside the card). */
function focusIsInCard(page: TestPage): Promise<boolean> {
  return page.evaluate((host: string) => document.activeElement?.localName === host, CARD_HOST);
}

forEachBrowser(({ kind, driver, server }) => {
  async function openArticle(query = ''): Promise<TestPage> {
    const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, `${ARTICLE}${query}`));
    await page.waitForContentScript();
    return page;
  }

  async function expectNoErrors(page: TestPage): Promise<void> {
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
    expect(driver().extensionErrors()).toEqual([]);
  }

  it('opens on a mention the pointer rests on, showing its topic and cited findings', async () => {
    const page = await openArticle();
    const mention = await waitForMention(page, 'Abraham Accords');
    expect(mention.topic).toBe('abraham-accords-normalization');

    const card = await restOn(page, mention);

    const topic = getTopic(mention.topic)!;
    const expected = getFindingsForTopic(topic.id).slice(0, FINDINGS_SHOWN);
    expect(card.title).toBe(topic.label);
    expect(card.matched).toBe('Abraham Accords');
    expect(card.findings.map((finding) => finding.text)).toEqual(expected.map((finding) => finding.text));
    card.findings.forEach((shown, index) => {
      const report = getReport(expected[index]!.citation.report)!;
      expect(shown.citation).toContain(report.shortTitle);
      expect(shown.citation).toContain(expected[index]!.citation.part);
      expect(shown.sourceHref).toMatch(/^https:\/\//);
    });
    expect(card.sources.join('\n')).toContain('JINSA');
    // The card sits in the viewport, beside the mention rather than over it.
    const rect = card.rect!;
    expect(rect.x).toBeGreaterThanOrEqual(0);
    expect(rect.y).toBeGreaterThanOrEqual(0);
    expect(rect.x + rect.width).toBeLessThanOrEqual(1280);
    expect(rect.y + rect.height).toBeLessThanOrEqual(800);
    const overlaps =
      rect.x < mention.x + mention.width && mention.x < rect.x + rect.width &&
      rect.y < mention.y + mention.height && mention.y < rect.y + rect.height;
    expect(overlaps).toBe(false);
    await expectNoErrors(page);
  });

  it('opens nothing when the pointer only passes over a mention', async () => {
    // A pass counts only if no move waited anywhere near the hover delay (300 ms): on a loaded
    // machine one move can wait that long, and then the pointer truly rested on the mention.
    const passes = async (): Promise<{ page: TestPage; mention: MentionBox; start: Point } | null> => {
      const page = await openArticle();
      const mention = await waitForMention(page, 'mutual defense treaty');
      const start = marginBeside(mention);
      // Straight across the line in 30 px steps: each step moves too far to count as resting.
      const longestGapMs = await glide(page, start, { x: 1240, y: start.y }, 40);
      if (longestGapMs < STALLED_MOVE_MS) return { page, mention, start };
      console.log(`[card e2e] ${kind}: a move waited ${Math.round(longestGapMs)} ms, so the pointer may have rested; passing over again`);
      await page.close();
      return null;
    };
    let pass = await passes();
    for (let attempt = 1; pass === null && attempt < PASS_ATTEMPTS; attempt += 1) pass = await passes();
    expect(pass, `no pass over the mention without a stalled move in ${PASS_ATTEMPTS} attempts`).not.toBeNull();
    const { page, mention, start } = pass!;
    await letPageTimePass(page, LONGER_THAN_DELAYS_MS);

    // The card's host is only created for the first card, so no host means no card ever opened.
    expect(await page.evaluate((host: string) => document.querySelector(host) === null, CARD_HOST)).toBe(true);
    // The same mention does open once the pointer rests on it.
    await glide(page, { x: 1240, y: start.y }, centreOf(mention));
    expect((await waitForOpenCard(page, 'mutual defense treaty')).open).toBe(true);
    await expectNoErrors(page);
  });

  it('stays open while the pointer travels onto it, and closes after the pointer leaves', async () => {
    const page = await openArticle();
    const mention = await waitForMention(page, 'mutual defense treaty');
    const card = await restOn(page, mention);

    const onCard = centreOf(card.rect!);
    await glide(page, centreOf(mention), onCard, 10);
    await letPageTimePass(page, LONGER_THAN_DELAYS_MS);
    const stillOpen = await cardSnapshot(page);
    expect(stillOpen.open).toBe(true);
    expect(stillOpen.matched).toBe('mutual defense treaty');

    await glide(page, onCard, { x: 40, y: onCard.y }, 10);
    await waitForClosedCard(page);
    await expectNoErrors(page);
  });

  it('pins the card on a click, keeps it open after the pointer leaves, and closes it on Escape', async () => {
    const page = await openArticle();
    const mention = await waitForMention(page, 'war in Ukraine');

    await page.mouseClick(centreOf(mention).x, centreOf(mention).y);
    const card = await waitForOpenCard(page, 'war in Ukraine');
    expect(card.pinned).toBe(true);
    expect(card.title).toBe(getTopic('ukraine-war')!.label);

    await glide(page, centreOf(mention), marginBeside(mention));
    await letPageTimePass(page, LONGER_THAN_DELAYS_MS);
    expect((await cardSnapshot(page)).open).toBe(true);

    await page.press('Escape');
    await waitForClosedCard(page);
    // A pointer-opened card never took focus, so there is none to give back.
    expect(await focusIsInCard(page)).toBe(false);
    await expectNoErrors(page);
  });

  it('opens cards from the keyboard shortcuts with focus inside, keeps Tab in the card, and gives focus back on Escape', async () => {
    // The shortcuts are manifest `commands` (Alt+Shift+N / Alt+Shift+P). Neither browser delivers
    // synthetic key presses to extension commands, so the OS-level shortcut itself is not testable
    // headless; the test sends the tab the exact message the background's command handler sends.
    console.info(`[card e2e] ${kind}: Alt+Shift+N/P (manifest commands) cannot be pressed headless; sending navigateMention as the background does.`);
    const page = await openArticle('?keyboard');
    await waitForMention(page, 'war in Ukraine');
    const mentions = await mentionBoxes(page);
    expect(mentions.map((mention) => mention.text)).toEqual(['Abraham Accords', 'mutual defense treaty', 'war in Ukraine']);
    await page.click('#share');
    const tabId = await driver().tabIdOf(page);

    expect(await sendNavigateMention(driver(), tabId, 'next')).toBe(true);
    await page.bringToFront();
    const card = await waitForOpenCard(page, 'Abraham Accords');
    expect(card.pinned).toBe(true);
    expect(await focusIsInCard(page)).toBe(true);
    expect(card.focused).toMatch(/^section\.pl-card:/);

    // Tab walks the card's controls and wraps around; focus never leaves the card.
    expect(card.focusables.length).toBeGreaterThanOrEqual(4);
    const visited: Array<string | null> = [];
    for (let step = 0; step <= card.focusables.length; step += 1) {
      await page.press('Tab');
      visited.push((await cardSnapshot(page)).focused);
      expect(await focusIsInCard(page)).toBe(true);
    }
    expect(visited).toEqual([...card.focusables, card.focusables[0]]);
    await page.press('Shift+Tab');
    expect((await cardSnapshot(page)).focused).toBe(card.focusables.at(-1));

    await page.press('Escape');
    await waitForClosedCard(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('share');

    // Next and previous walk the mentions in document order, focus staying in the card.
    expect(await sendNavigateMention(driver(), tabId, 'next')).toBe(true);
    await waitForOpenCard(page, 'Abraham Accords');
    expect(await sendNavigateMention(driver(), tabId, 'next')).toBe(true);
    await waitForOpenCard(page, 'mutual defense treaty');
    expect(await sendNavigateMention(driver(), tabId, 'previous')).toBe(true);
    await waitForOpenCard(page, 'Abraham Accords');
    await page.bringToFront();
    expect(await focusIsInCard(page)).toBe(true);
    await page.press('Escape');
    await waitForClosedCard(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('share');
    await expectNoErrors(page);
  });

  it('follows the light and dark colour schemes (screenshots of both)', async () => {
    const page = await openArticle('?themes');
    const mention = await waitForMention(page, 'Abraham Accords');
    try {
      await page.emulateColorScheme('light');
      const light = await restOn(page, mention);
      expect(luminance(light.background)).toBeGreaterThan(0.8);
      await page.screenshot(join(SCREENSHOT_DIR, `${kind}-card-light.png`));

      await page.press('Escape');
      await waitForClosedCard(page);
      await glide(page, centreOf(mention), marginBeside(mention));
      await page.emulateColorScheme('dark');
      const dark = await restOn(page, mention);
      expect(luminance(dark.background)).toBeLessThan(0.1);
      await page.screenshot(join(SCREENSHOT_DIR, `${kind}-card-dark.png`));
    } finally {
      // Firefox sets the scheme for the whole browser.
      await page.emulateColorScheme('light');
    }
    await expectNoErrors(page);
  });
});
