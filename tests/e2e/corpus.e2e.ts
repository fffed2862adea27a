/**
 * Policy Lens never breaks a real page: every saved news page of `../shared/corpus/news-pages` is
 * loaded as if from a built-in news site (the extension runs) and, in another tab, the same bytes
 * from a host that is not on the list (it does not). The two must have the same markup, the same
 * layout and the same errors; every mark must sit on visible, markable text. The pages' own
 * scripts are blocked in both loads (see SCRIPTS_BLOCKED_NOTE): with them, two loads without
 * Policy Lens already differ.
 */
import { afterAll, expect, it } from 'vitest';
import type { Driver, TestPage } from './support/browser';
import {
  CORPUS_DISPLAY_PATH,
  FRESH_LAYOUT_NOTE,
  NEVER_MARKED_SELECTOR,
  SCRIPTS_BLOCKED_NOTE,
  auditMarksInPage,
  corpusPath,
  corpusRoutes,
  errorLines,
  errorsNotIn,
  errorsSince,
  listCorpusPages,
  markErrors,
  snapshotDifferences,
  snapshotPage,
  waitForPageReport,
} from './support/corpus';
import { HIGHLIGHT_PREFIX } from './support/marks';
import { FIXTURE_HOSTS } from './support/server';
import { forEachBrowser } from './support/suite';

const PAGES = listCorpusPages();
/** Pages per test: each test opens its tabs once and navigates them from page to page. */
const PAGES_PER_TEST = 10;
/** Elements whose boxes are compared, spread evenly over each page. */
const SAMPLED_ELEMENTS = 20;
/** Generous: a chunk of large pages on a loaded two-core machine. */
const CHUNK_TIMEOUT_MS = 180_000;

const CHUNKS = Array.from({ length: Math.ceil(PAGES.length / PAGES_PER_TEST) }, (_, index) =>
  PAGES.slice(index * PAGES_PER_TEST, (index + 1) * PAGES_PER_TEST),
);

if (PAGES.length === 0) {
  console.warn(`[e2e] corpus: ${CORPUS_DISPLAY_PATH} is absent (a fresh clone has no ../shared): corpus checks skipped.`);
}

/** What one page's check found. */
interface PageResult {
  problems: string[];
  marks: number;
}

/** The three tabs a chunk works in. */
interface Tabs {
  /** An extension page, to read the background's page reports. */
  extension: TestPage;
  /** The page on a host Policy Lens does not run on, in a window of its own. */
  reference: TestPage;
  /** The page on a built-in news site; the active tab, so its animation frames run. */
  marked: TestPage;
}

forEachBrowser(
  ({ kind, driver, server }) => {
    const totals = { pages: 0, withMarks: 0, marks: 0 };

    afterAll(() => {
      if (totals.pages === 0) return;
      console.log(
        `corpus: checked ${totals.pages} pages in ${kind} (${totals.withMarks} with marks, ${totals.marks} total marks); ${SCRIPTS_BLOCKED_NOTE}` +
          (kind === 'firefox' ? `; ${FRESH_LAYOUT_NOTE}` : ''),
      );
    });

    // Without the corpus there is nothing to check: one skipped test says why (the warning above too).
    if (PAGES.length === 0) it.skipIf(true)(`needs ${CORPUS_DISPLAY_PATH}, which is absent`, () => undefined);

    for (const names of CHUNKS) {
      it(
        `leaves pages ${names[0]} … ${names.at(-1)} as they are without Policy Lens`,
        async () => {
          const tabs = await openTabs(driver());
          let tabId: number | undefined;
          const extensionErrorsBefore = driver().extensionErrors().length;
          const problems: string[] = [];
          for (const name of names) {
            const result = await checkPage(tabs, name, async () => (tabId ??= await driver().tabIdOf(tabs.marked)));
            problems.push(...result.problems.map((problem) => `${name}: ${problem}`));
            totals.pages += 1;
            if (result.marks > 0) totals.withMarks += 1;
            totals.marks += result.marks;
          }
          expect(problems).toEqual([]);
          expect(driver().extensionErrors().slice(extensionErrorsBefore)).toEqual([]);
        },
        CHUNK_TIMEOUT_MS,
      );
    }

    async function openTabs(browser: Driver): Promise<Tabs> {
      const extension = await browser.newPage(browser.extensionPageUrl('options.html'));
      const marked = await browser.newPage();
      await marked.bringToFront();
      // Both loads must be shown at once: a tab behind another lays out late, or not at all.
      const reference = await browser.newWindow();
      return { extension, reference, marked };
    }

    /** Loads one page both ways and compares; returns what differs, in words. */
    async function checkPage(tabs: Tabs, name: string, markedTabId: () => Promise<number>): Promise<PageResult> {
      const { reference, marked } = tabs;
      const referenceUrl = server().url(FIXTURE_HOSTS.notListed, corpusPath(name));
      const markedUrl = server().url(FIXTURE_HOSTS.nytimes, corpusPath(name));
      const referenceErrorsBefore = markErrors(await reference.errors());
      const markedErrorsBefore = markErrors(await marked.errors());

      await Promise.all([reference.goto(referenceUrl), marked.goto(markedUrl)]);
      await marked.waitForContentScript();
      const report = await waitForPageReport(tabs.extension, { tabId: await markedTabId(), url: await marked.currentUrl() });

      const snapshotOptions = { sampleSize: SAMPLED_ELEMENTS, freshLayout: kind === 'firefox' };
      const [referenceSnapshot, markedSnapshot] = await Promise.all([
        reference.evaluate(snapshotPage, snapshotOptions),
        marked.evaluate(snapshotPage, snapshotOptions),
      ]);
      const audit = await marked.evaluate(auditMarksInPage, { prefix: HIGHLIGHT_PREFIX, excluded: NEVER_MARKED_SELECTOR });
      const problems = [...snapshotDifferences(markedSnapshot, referenceSnapshot), ...audit.misplaced];

      const reported = report.topics.reduce((sum, topic) => sum + topic.count, 0);
      if (reported !== audit.ranges) problems.push(`the report counts ${reported} marks, the page shows ${audit.ranges}`);
      if (await reference.contentScriptStarted()) problems.push('Policy Lens ran on the host that is not listed');

      const origin = (url: string) => new URL(url).origin;
      const extra = errorsNotIn(
        errorLines(errorsSince(await marked.errors(), markedErrorsBefore), origin(markedUrl)),
        errorLines(errorsSince(await reference.errors(), referenceErrorsBefore), origin(referenceUrl)),
      );
      problems.push(...extra.map((line) => `error only with Policy Lens: ${line}`));
      return { problems, marks: audit.ranges };
    }
  },
  { routes: corpusRoutes(PAGES) },
);
