/**
 * Smoke test: the production build loads in each browser, its content script runs on a built-in
 * news site and marks policy terms, and the popup renders, all without a single error.
 */
import { expect, it } from 'vitest';
import type { TestPage } from './support/browser';
import { FIXTURE_HOSTS } from './support/server';
import { forEachBrowser } from './support/suite';

/** Names our highlights are registered under in CSS.highlights (the page scanner's contract). */
const HIGHLIGHT_PREFIX = 'policy-lens-';

/** Waits until the content script has registered at least one of our highlights. */
async function waitForPolicyHighlights(page: TestPage): Promise<void> {
  // CSS.highlights belongs to the document, so the main world sees what the content script registered.
  await page.waitForFunction(
    (prefix: string) => [...CSS.highlights.keys()].some((name) => name.startsWith(prefix)),
    HIGHLIGHT_PREFIX,
    { message: `a ${HIGHLIGHT_PREFIX}* highlight in CSS.highlights (is the page scanner wired into entrypoints/content?)` },
  );
}

/** Page function (extension page): the stored built-in tables' id and length, after removing them if asked. */
async function builtInTablesInStorage(remove: boolean): Promise<{ id: unknown; length: number }> {
  type Local = { get(keys: string[]): Promise<Record<string, unknown>>; remove(keys: string[]): Promise<void> };
  const scope = globalThis as unknown as { browser?: { storage: { local: Local } }; chrome?: { storage: { local: Local } } };
  const local = (scope.browser ?? scope.chrome)?.storage.local;
  if (!local) throw new Error('No storage API on the extension page');
  const keys = ['builtInTables', 'builtInTablesId'];
  const stored = await local.get(keys);
  if (remove) await local.remove(keys);
  const json = stored.builtInTables;
  return { id: stored.builtInTablesId, length: typeof json === 'string' ? json.length : -1 };
}

forEachBrowser(({ driver, server }) => {
  it('runs the content script on a built-in news site without errors', async () => {
    const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, '/article-basic.html'));

    await page.waitForContentScript();
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
  });

  it('marks policy terms with CSS highlights the page can see', async () => {
    const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, '/article-basic.html'));
    await page.waitForContentScript();

    await waitForPolicyHighlights(page);
    const names = await page.evaluate(() => [...CSS.highlights.keys()]);
    expect(names.filter((name) => name.startsWith(HIGHLIGHT_PREFIX)).length).toBeGreaterThan(0);
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
  });

  it('marks the page without changing its markup', async () => {
    const article = '/article-basic.html';
    // The same file on a host where Policy Lens does not run is the untouched reference.
    const reference = await driver().newPage(server().url(FIXTURE_HOSTS.notListed, article));
    const expected = await reference.evaluate(() => document.documentElement.outerHTML);

    const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, article));
    await waitForPolicyHighlights(page);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(expected);
  });

  it('stays off a site that is not on the built-in list', async () => {
    const page = await driver().newPage(server().url(FIXTURE_HOSTS.notListed, '/article-basic.html'));
    // document_idle scripts run by the task after the load event at the latest; let two frames
    // and a task pass so "not started" means "will not start", not "not yet".
    await page.evaluate(
      () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve)))),
    );

    expect(await page.contentScriptStarted()).toBe(false);
    expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
  });

  it('renders the popup for a news page without errors', async () => {
    const article = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, '/article-basic.html'));
    await article.waitForContentScript();
    const popup = await driver().newPage(driver().extensionPageUrl(`popup.html?tab=${await driver().tabIdOf(article)}`));

    await popup.waitForFunction(() => (document.querySelector('#app')?.childElementCount ?? 0) > 0, undefined, {
      message: 'the popup to render into #app',
    });
    const heading = await popup.evaluate(() => document.querySelector('h1')?.textContent?.trim() ?? '');
    expect(heading).toContain('Policy Lens');
    expect(await popup.errors()).toEqual({ console: [], page: [], csp: [] });
    expect(driver().extensionErrors()).toEqual([]);
  });

  it('keeps the built-in tables in storage, and marks a page that finds none there by asking the background', async () => {
    const options = await driver().newPage(driver().extensionPageUrl('options.html'));
    const stored = await options.evaluate(builtInTablesInStorage, true);
    expect(stored.id).toMatch(/^[0-9a-f]{16}$/);
    expect(stored.length).toBeGreaterThan(50_000);

    const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, '/article-basic.html'));
    await waitForPolicyHighlights(page);
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
    // Asked, the background stored them again for the pages after this one.
    // Storage reads are asynchronous, and waitForFunction takes a returned promise for "truthy": poll.
    await expect
      .poll(() => options.evaluate(builtInTablesInStorage, false), { timeout: 10_000, interval: 100, message: 'the built-in tables stored again' })
      .toEqual(stored);
    expect(driver().extensionErrors()).toEqual([]);
  });
});
