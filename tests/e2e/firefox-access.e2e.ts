/**
 * Access to the built-in news sites, as each browser really grants it. Chrome grants the
 * content-script hosts at install, so no banner ever shows. Firefox treats them as host
 * permissions the reader may withhold or revoke; then the content script silently stops, and the
 * welcome page and the popup say so and grant access again in one click.
 *
 * The Firefox driver grants host permissions at install (extensions.originControls.grantByDefault,
 * as for a reader installing from AMO) and answers permission prompts with "allow"
 * (extensions.webextOptionalPermissionPrompts=false), so these tests revoke access with
 * `permissions.remove` from an extension page and grant it again by clicking our button.
 */
import { afterEach, expect, it } from 'vitest';
import { NEWS_SITE_MATCHES } from '../../src/sites/news-sites';
import type { Driver, TestPage } from './support/browser';
import { FIXTURE_HOSTS } from './support/server';
import { forEachBrowser } from './support/suite';

const ARTICLE = '/article-basic.html';
const BANNER = '.pl-access';
const GRANT_BUTTON = '.pl-access__grant';
const NO_ERRORS = { console: [], page: [], csp: [] };

/** Why the revoke-and-grant tests skip in Chromium. */
const CHROMIUM_CANNOT_REVOKE =
  'Chromium refuses permissions.remove for content-script hosts ("You cannot remove required permissions"); ' +
  'readers withhold them in chrome://extensions, which automation cannot drive. Chromium checks the granted state only.';

/** The extension API in an extension page's main world. */
type PermissionsApi = {
  permissions: {
    getAll(): Promise<{ origins?: string[] }>;
    remove(p: { origins: string[] }): Promise<boolean>;
  };
};

/**
 * Whether the browser lists every built-in site among the extension's granted origins (Chromium's
 * `permissions.contains` answers false for content-script hosts even while they run; both list them here).
 */
function grantedEverySite(origins: string[]): Promise<boolean> {
  const { browser } = globalThis as unknown as { browser: PermissionsApi };
  return browser.permissions.getAll().then((all) => origins.every((origin) => (all.origins ?? []).includes(origin)));
}

/** Asks the extension, from one of its pages, whether it may run on every built-in site. */
function hasNewsSiteAccess(page: TestPage): Promise<boolean> {
  return page.evaluate(grantedEverySite, [...NEWS_SITE_MATCHES]);
}

/** Revokes access to every built-in site from an extension page, as the reader can in about:addons. */
async function revokeNewsSiteAccess(page: TestPage): Promise<void> {
  const removed = await page.evaluate(async (origins: string[]) => {
    const { browser } = globalThis as unknown as { browser: PermissionsApi };
    return browser.permissions.remove({ origins });
  }, [...NEWS_SITE_MATCHES]);
  expect(removed, 'permissions.remove for the built-in sites').toBe(true);
}

/** Opens an extension page and waits until Preact has rendered into #app. */
async function openExtensionPage(driver: Driver, path: string): Promise<TestPage> {
  const page = await driver.newPage(driver.extensionPageUrl(path));
  await page.waitForFunction(() => (document.querySelector('#app')?.childElementCount ?? 0) > 0, undefined, {
    message: `${path} to render into #app`,
  });
  return page;
}

/** What the banner on a page says: its state attribute, or null when there is none. */
function bannerState(page: TestPage): Promise<string | null> {
  return page.evaluate(
    (selector: string) => document.querySelector<HTMLElement>(selector)?.dataset.accessState ?? null,
    BANNER,
  );
}

async function waitForBanner(page: TestPage, state: 'missing' | 'granted'): Promise<void> {
  await page.waitForFunction(
    ({ selector, wanted }: { selector: string; wanted: string }) =>
      document.querySelector<HTMLElement>(selector)?.dataset.accessState === wanted,
    { selector: BANNER, wanted: state },
    { message: `the site-access banner in state "${state}"` },
  );
}

/** Lets the load event's task, two frames and one more task pass: a document_idle script that has not started by then will not. */
async function letContentScriptsStart(page: TestPage): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve)))),
  );
}

forEachBrowser(({ kind, driver, server }) => {
  const articleUrl = () => server().url(FIXTURE_HOSTS.nytimes, ARTICLE);
  if (kind === 'chromium') console.info(`[e2e] chromium: skipping the revoke-and-grant tests. ${CHROMIUM_CANNOT_REVOKE}`);

  // A failed Firefox test must not leave the rest of the file without access: grant it back by clicking, as a reader would.
  afterEach(async () => {
    if (kind !== 'firefox') return;
    const welcome = await openExtensionPage(driver(), 'welcome.html');
    if (await hasNewsSiteAccess(welcome)) return;
    await welcome.click(GRANT_BUTTON);
    await welcome.waitForFunction(grantedEverySite, [...NEWS_SITE_MATCHES], {
      message: 'access to the built-in sites to come back',
    });
  });

  it('shows no banner on the welcome page while the browser grants the news sites (granted at install)', async () => {
    const welcome = await openExtensionPage(driver(), 'welcome.html');
    expect(await hasNewsSiteAccess(welcome)).toBe(true);
    await letContentScriptsStart(welcome);
    expect(await bannerState(welcome)).toBeNull();
    expect(await welcome.errors()).toEqual(NO_ERRORS);
  });

  it('shows no banner in the popup of a news page that runs Policy Lens', async () => {
    const article = await driver().newPage(articleUrl());
    await article.waitForContentScript();
    const popup = await openExtensionPage(driver(), `popup.html?tab=${await driver().tabIdOf(article)}`);
    await popup.waitForFunction(
      () => document.querySelector('.pl-site__text')?.textContent?.includes('one of the built-in news sites') ?? false,
      undefined,
      { message: 'the popup to say the site is built in' },
    );
    expect(await bannerState(popup)).toBeNull();
    expect(await popup.errors()).toEqual(NO_ERRORS);
  });

  it.skipIf(kind === 'chromium')(
    'welcome page (Firefox only): a revoked grant shows the banner, one click grants it back, and news pages run again',
    async () => {
      const welcome = await openExtensionPage(driver(), 'welcome.html');
      await revokeNewsSiteAccess(welcome);
      await waitForBanner(welcome, 'missing');
      expect(await welcome.evaluate(() => document.querySelector('.pl-access__title')?.textContent)).toBe(
        'Policy Lens needs access to news sites',
      );

      // Without the grant Firefox does not run the content script: the banner is telling the truth.
      const blocked = await driver().newPage(articleUrl());
      await letContentScriptsStart(blocked);
      expect(await blocked.contentScriptStarted()).toBe(false);

      await welcome.bringToFront();
      await welcome.click(GRANT_BUTTON);
      await waitForBanner(welcome, 'granted');
      expect(await hasNewsSiteAccess(welcome)).toBe(true);

      await blocked.reload();
      await blocked.waitForContentScript();
      expect(await welcome.errors()).toEqual(NO_ERRORS);
      expect(driver().extensionErrors()).toEqual([]);
    },
  );

  it.skipIf(kind === 'chromium')(
    'popup (Firefox only): on a news page without access, one click grants it and Policy Lens runs in the open tab at once',
    async () => {
      const welcome = await openExtensionPage(driver(), 'welcome.html');
      await revokeNewsSiteAccess(welcome);
      await welcome.close();

      const article = await driver().newPage(articleUrl());
      await letContentScriptsStart(article);
      expect(await article.contentScriptStarted()).toBe(false);

      // Without access Firefox hides the tab's address from us, so the popup cannot name the site.
      const popup = await openExtensionPage(driver(), `popup.html?tab=${await driver().tabIdOf(article)}`);
      await waitForBanner(popup, 'missing');
      await popup.click(GRANT_BUTTON);
      await waitForBanner(popup, 'granted');

      // Injected into the open tab, no reload.
      await article.waitForContentScript();
      await popup.waitForFunction(
        () => document.querySelector('.pl-site__text')?.textContent?.includes('one of the built-in news sites') ?? false,
        undefined,
        { message: 'the popup to learn the page from the injected content script' },
      );
      expect(await popup.errors()).toEqual(NO_ERRORS);
      expect(await article.errors()).toEqual(NO_ERRORS);
      expect(driver().extensionErrors()).toEqual([]);
    },
  );
});
