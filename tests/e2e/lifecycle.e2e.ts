/**
 * Policy Lens over a tab's life: a single-page site that navigates 200 times is marked anew
 * each time and costs no memory that grows with it (Chromium measures through the DevTools
 * protocol); reloading (as an update does) or disabling the extension with the tab open leaves
 * no orphaned copy behind, no errors, and never marks a mention twice.
 *
 * What is right after an update: Chromium orphans the old content script in open tabs and does
 * not run the new one there until the page loads again (running it at once would need host
 * permissions for every news site, which Policy Lens does not ask for: content-script matches
 * do not allow `scripting.executeScript`). So the orphan stops itself and takes its marks away
 * (src/content/orphan-watch.ts), and the next page load is marked by the new version.
 * Firefox unloads the old copy and runs the new one in open tabs itself.
 */
import { expect, it } from 'vitest';
import type { TestPage } from './support/browser';
import type { MemoryUsage } from './support/driver';
import { HIGHLIGHT_PREFIX, readMarks, readMarksInPage, type PageMark } from './support/marks';
import { FIXTURE_HOSTS } from './support/server';
import { forEachBrowser } from './support/suite';

const SPA = '/spa-navigation.html';
const NAVIGATIONS = 200;
/** The heap may grow this much over all navigations (JIT code, caches), not with each one. */
const HEAP_GROWTH_LIMIT_BYTES = 5 * 1024 * 1024;
/** How often the page marker puts back highlights the page removed (src/page/page-marker.ts). */
const RESTORE_INTERVAL_MS = 1000;
const NO_ERRORS = { console: [], page: [], csp: [] };
/** 200 navigations, each waited on, on a loaded two-core machine. */
const NAVIGATIONS_TIMEOUT_MS = 240_000;
const MEMORY_SKIP_REASON = 'WebDriver BiDi has no heap or detached-node inspection (the DevTools protocol is Chromium only)';
const DISABLE_SKIP_REASON = 'Firefox automation can uninstall an add-on but not disable one (management.setEnabled is closed to it)';

/** The marks each story of the fixture must show, by element id (see tests/fixtures/spa-navigation.html). */
const STORY_MARKS: readonly Omit<PageMark, 'name'>[] = [
  { at: 'story-lede', text: 'mutual defense treaty' },
  { at: 'story-body', text: 'Abraham Accords' },
  { at: 'story-quote', text: 'Hezbollah' },
];

/** Page function: the fixture's navigation (history.pushState, then the article is replaced). */
function showStory(story: number): void {
  (window as unknown as { showStory(n: number): void }).showStory(story);
}

/** Waits until the marks are exactly those of `story`: its three mentions, nothing left of the one before. */
async function waitForStoryMarks(page: TestPage, story: number): Promise<void> {
  await page.waitForFunction(
    ({ prefix, story: shown, expected }: { prefix: string; story: number; expected: number }) => {
      let inStory = 0;
      let total = 0;
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith(prefix)) continue;
        for (const range of highlight as unknown as Iterable<AbstractRange>) {
          total += 1;
          const start = range.startContainer;
          const element = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
          if (element?.closest(`#story[data-story="${shown}"]`)) inStory += 1;
        }
      }
      return inStory === expected && total === expected;
    },
    { prefix: HIGHLIGHT_PREFIX, story, expected: STORY_MARKS.length },
    { message: `exactly the ${STORY_MARKS.length} marks of story ${story}` },
  );
}

async function storyMarks(page: TestPage): Promise<Array<Omit<PageMark, 'name'>>> {
  const marks = await page.evaluate(readMarksInPage, HIGHLIGHT_PREFIX);
  return marks.map(({ at, text }) => ({ at, text })).sort((a, b) => String(a.at).localeCompare(String(b.at)));
}

const SORTED_STORY_MARKS = [...STORY_MARKS].sort((a, b) => String(a.at).localeCompare(String(b.at)));

/**
 * Page function: keeps (in a page global) which Highlight object each of our names holds, and
 * reports whether that is unchanged since the last call. A second copy of the content script
 * would register its own objects under the same names again and again.
 */
function sameHighlightsAsBefore(prefix: string): boolean {
  const key = '__policyLensLifecycleHighlights';
  const scope = window as unknown as Record<string, Map<string, Highlight> | undefined>;
  const now = new Map([...CSS.highlights].filter(([name]) => name.startsWith(prefix)));
  const before = scope[key];
  Object.defineProperty(window, key, { value: now, configurable: true, enumerable: false });
  return before !== undefined && before.size === now.size && [...now].every(([name, highlight]) => before.get(name) === highlight);
}

/**
 * Gives the page marker's timers time to fire a few times: what an orphan or a second copy
 * would do (put its highlights back) shows up by then. A slow machine only makes this wait
 * longer in effect, never fail.
 */
function letTimersRun(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, RESTORE_INTERVAL_MS * 2.5));
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

forEachBrowser(({ kind, driver, server }) => {
  if (kind === 'firefox') {
    console.warn(`[e2e] firefox: lifecycle memory checks skipped: ${MEMORY_SKIP_REASON}`);
    console.warn(`[e2e] firefox: lifecycle disable check skipped: ${DISABLE_SKIP_REASON}`);
  }

  /** Opens the single-page fixture and waits for the first story's marks (or, off the list, its load). */
  async function openSpa(host: string): Promise<TestPage> {
    const page = await driver().newPage(server().url(host, SPA));
    if (host !== FIXTURE_HOSTS.notListed) await waitForStoryMarks(page, 0);
    return page;
  }

  /** Navigates through stories 1..count, waiting for each story's marks (or a frame where Policy Lens does not run). */
  async function navigate(page: TestPage, count: number, marked: boolean): Promise<void> {
    for (let story = 1; story <= count; story += 1) {
      await page.evaluate(showStory, story);
      if (marked) await waitForStoryMarks(page, story);
      else await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
    }
  }

  it(`marks each of ${NAVIGATIONS} single-page navigations anew, and only the story shown`, async () => {
    const page = await openSpa(FIXTURE_HOSTS.nytimes);

    await navigate(page, NAVIGATIONS, true);

    expect(await page.evaluate(() => location.search)).toBe(`?story=${NAVIGATIONS}`);
    expect(await storyMarks(page)).toEqual(SORTED_STORY_MARKS);
    expect(await page.errors()).toEqual(NO_ERRORS);
  }, NAVIGATIONS_TIMEOUT_MS);

  it.skipIf(kind === 'firefox')(
    `holds no detached nodes and keeps its heap within ${megabytes(HEAP_GROWTH_LIMIT_BYTES)} over ${NAVIGATIONS} navigations`,
    async () => {
      /** Memory after the first story and after the last, with or without Policy Lens running. */
      const measure = async (host: string): Promise<{ start: MemoryUsage; end: MemoryUsage }> => {
        const marked = host !== FIXTURE_HOSTS.notListed;
        const page = await openSpa(host);
        const start = await page.memoryUsage();
        await navigate(page, NAVIGATIONS, marked);
        const end = await page.memoryUsage();
        await page.close();
        return { start, end };
      };
      const withPolicyLens = await measure(FIXTURE_HOSTS.nytimes);
      // The same page where Policy Lens does not run: what the page and the browser account for.
      const control = await measure(FIXTURE_HOSTS.notListed);

      const growth = (run: { start: MemoryUsage; end: MemoryUsage }) => run.end.jsHeapBytes - run.start.jsHeapBytes;
      const line = (label: string, run: { start: MemoryUsage; end: MemoryUsage }) =>
        `${label}: JS heap ${megabytes(run.start.jsHeapBytes)} -> ${megabytes(run.end.jsHeapBytes)} (${megabytes(growth(run))}), ` +
        `DOM heap ${megabytes(run.start.domHeapBytes)} -> ${megabytes(run.end.domHeapBytes)}, ` +
        `detached ${run.end.detachedTrees} trees / ${run.end.detachedNodes} nodes`;
      console.log(`lifecycle: ${NAVIGATIONS} navigations in ${kind}\n  ${line('with Policy Lens', withPolicyLens)}\n  ${line('without', control)}`);

      expect(withPolicyLens.end.detachedTrees).toBeLessThanOrEqual(control.end.detachedTrees);
      expect(withPolicyLens.end.detachedNodes).toBeLessThanOrEqual(control.end.detachedNodes);
      expect(growth(withPolicyLens)).toBeLessThanOrEqual(HEAP_GROWTH_LIMIT_BYTES);
    },
    NAVIGATIONS_TIMEOUT_MS,
  );

  it('stops the old copy cleanly when the extension reloads with the tab open, and never marks twice', async () => {
    const page = await openSpa(FIXTURE_HOSTS.nytimes);
    expect(await storyMarks(page)).toEqual(SORTED_STORY_MARKS);

    await driver().reloadExtension();

    if (kind === 'chromium') {
      // The orphan notices its extension is gone and removes its marks and observer.
      await page.waitForFunction((prefix: string) => {
        for (const [name, highlight] of CSS.highlights) if (name.startsWith(prefix) && highlight.size > 0) return false;
        return true;
      }, HIGHLIGHT_PREFIX, { message: 'the orphaned content script to remove its marks' });
      await page.evaluate(showStory, 1);
      await letTimersRun();
      expect(await readMarks(page)).toEqual([]);
    } else {
      // Firefox runs the new version in the open tab at once; the old one is gone with its sandbox.
      await page.waitForFunction(() => {
        const probe = (window as unknown as Record<string, { contentScripts: string[] } | undefined>).__policyLensE2E;
        return (probe?.contentScripts.length ?? 0) >= 2;
      }, undefined, { message: 'the new version of the content script to start' });
      await page.evaluate(showStory, 1);
      await waitForStoryMarks(page, 1);
      await page.evaluate(sameHighlightsAsBefore, HIGHLIGHT_PREFIX);
      await letTimersRun();
      expect(await page.evaluate(sameHighlightsAsBefore, HIGHLIGHT_PREFIX)).toBe(true);
      expect(await storyMarks(page)).toEqual(SORTED_STORY_MARKS);
    }
    const errors = await page.errors();
    expect([...errors.console, ...errors.page].filter((line) => /Extension context invalidated/i.test(line))).toEqual([]);
    expect(errors).toEqual(NO_ERRORS);

    // The next page load runs the new version, once.
    await page.reload();
    await waitForStoryMarks(page, 1);
    await page.evaluate(showStory, 2);
    await waitForStoryMarks(page, 2);
    await page.evaluate(sameHighlightsAsBefore, HIGHLIGHT_PREFIX);
    await letTimersRun();
    expect(await page.evaluate(sameHighlightsAsBefore, HIGHLIGHT_PREFIX)).toBe(true);
    expect(await storyMarks(page)).toEqual(SORTED_STORY_MARKS);
    expect(await page.errors()).toEqual(NO_ERRORS);
    expect(driver().extensionErrors()).toEqual([]);
  });

  it.skipIf(kind === 'firefox')('takes its marks away without errors when disabled with the tab open, and marks once when enabled again', async () => {
    const page = await openSpa(FIXTURE_HOSTS.nytimes);

    await driver().setExtensionEnabled(false);
    try {
      await page.waitForFunction((prefix: string) => {
        for (const [name, highlight] of CSS.highlights) if (name.startsWith(prefix) && highlight.size > 0) return false;
        return true;
      }, HIGHLIGHT_PREFIX, { message: 'the disabled extension\'s content script to remove its marks' });
      await page.evaluate(showStory, 1);
      await letTimersRun();
      expect(await readMarks(page)).toEqual([]);
      expect(await page.errors()).toEqual(NO_ERRORS);
    } finally {
      await driver().setExtensionEnabled(true);
    }

    await page.reload();
    await waitForStoryMarks(page, 1);
    expect(await storyMarks(page)).toEqual(SORTED_STORY_MARKS);
    expect(await page.errors()).toEqual(NO_ERRORS);
  });
});
