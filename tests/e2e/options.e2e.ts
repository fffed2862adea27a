/**
 * The options page, end to end: a highlight style chosen there restyles the marks of an open
 * article at once; settings export to a file and import back; an invalid file is refused with a
 * reason and changes nothing; reset asks first, and only then puts every setting back.
 */
import { afterEach, expect, it } from 'vitest';
import type { TestPage } from './support/browser';
import { FRESH_INSTALL_SETTINGS, poll, readStoredSettings, updateStoredSettings, type StoredSettings } from './support/marks';
import { waitForMention } from './support/mentions';
import { FIXTURE_HOSTS } from './support/server';
import { forEachBrowser } from './support/suite';
import { clickByText, documentTimeOrigin, markedNames, waitForMarkedNames } from './support/ui-pages';

const ARTICLE = '/popup-article.html';
/** Topics the article mentions, as their highlight names end. */
const ARTICLE_TOPICS = ['abraham-accords-normalization', 'iran-proxies-attacks', 'mutual-defense-treaty'];

/** What the options page shows for the highlight style. */
function checkedStyle(options: TestPage): Promise<string | undefined> {
  return options.evaluate(() => document.querySelector<HTMLInputElement>('input[name="highlight-style"]:checked')?.value);
}

/**
 * Waits until storage holds `style`, read from the options page itself. The radio button shows
 * the reader's click at once; the write behind it lands a moment later.
 */
async function waitForStoredStyle(options: TestPage, style: string): Promise<void> {
  // Storage answers asynchronously, and waitForFunction needs a synchronous answer: poll here.
  await poll(
    async () =>
      (await options.evaluate(async () => {
        type Sync = { get(key: string): Promise<{ settings?: { highlightStyle?: string } }> };
        const scope = globalThis as unknown as { browser?: { storage: { sync: Sync } }; chrome?: { storage: { sync: Sync } } };
        return (await (scope.browser ?? scope.chrome)!.storage.sync.get('settings')).settings?.highlightStyle;
      })) === style || undefined,
    { message: `highlightStyle "${style}" in storage` },
  );
}

/** Hands the page's file field a file, as choosing it in the file dialog does. */
function chooseFile(options: TestPage, text: string): Promise<void> {
  return options.evaluate((content: string) => {
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error('No file field on the page');
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'policy-lens-settings.json', { type: 'application/json' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, text);
}

forEachBrowser(({ driver, server }) => {
  afterEach(async () => {
    await updateStoredSettings(driver(), FRESH_INSTALL_SETTINGS);
  });

  async function openOptions(): Promise<TestPage> {
    const options = await driver().newPage(driver().extensionPageUrl('options.html'));
    await options.waitForFunction(() => document.querySelector('input[name="highlight-style"]:checked') !== null, undefined, {
      message: 'the options page to show the settings',
    });
    return options;
  }

  async function expectNoErrors(...pages: TestPage[]): Promise<void> {
    for (const page of pages) expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
    expect(driver().extensionErrors()).toEqual([]);
  }

  it("switches an open article's marks to the chosen highlight style at once", async () => {
    const article = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, `${ARTICLE}?style`));
    await waitForMention(article, 'proxies');
    const loadedAt = await documentTimeOrigin(article);
    expect(await markedNames(article)).toEqual(ARTICLE_TOPICS.map((topic) => `policy-lens-u-${topic}`));
    const options = await openOptions();

    await options.click('label[for="highlight-style-background"]');
    expect(await waitForMarkedNames(article, (names) => names.every((name) => name.startsWith('policy-lens-b-')) && names.length > 0, 'background marks')).toEqual(
      ARTICLE_TOPICS.map((topic) => `policy-lens-b-${topic}`),
    );
    await options.click('label[for="highlight-style-none"]');
    await waitForMarkedNames(article, (names) => names.length === 0, 'no marks drawn');
    await options.click('label[for="highlight-style-underline"]');
    await waitForMarkedNames(article, (names) => names.length === ARTICLE_TOPICS.length && names[0]!.startsWith('policy-lens-u-'), 'underline marks again');

    expect(await documentTimeOrigin(article)).toBe(loadedAt);
    expect(await readStoredSettings(driver())).toMatchObject({ highlightStyle: 'underline' });
    await expectNoErrors(article, options);
  });

  it('exports the settings as a dated JSON file, and imports that file back', async () => {
    const options = await openOptions();
    await options.click('label[for="highlight-style-background"]');
    await waitForStoredStyle(options, 'background');
    // Catch the download: the file's text and name, without a download dialog.
    await options.evaluate(() => {
      const captured: { text?: string; name?: string } = {};
      Object.defineProperty(window, 'plE2eExport', { value: captured });
      const createObjectUrl = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        if (blob instanceof Blob) void blob.text().then((text) => (captured.text = text));
        return createObjectUrl(blob);
      };
      HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
        captured.name = this.download;
      };
    });

    await clickByText(options, 'button', 'Export settings');
    await options.waitForFunction(() => {
      const captured = (window as unknown as { plE2eExport: { text?: string; name?: string } }).plE2eExport;
      return captured.text !== undefined && captured.name !== undefined;
    }, undefined, { message: 'the exported file' });
    const exported = await options.evaluate(() => (window as unknown as { plE2eExport: { text: string; name: string } }).plE2eExport);
    expect(exported.name).toMatch(/^policy-lens-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(exported.text) as { format: string; version: number; settings: StoredSettings };
    expect(file.format).toBe('policy-lens-settings');
    expect(file.settings).toEqual({ ...FRESH_INSTALL_SETTINGS, highlightStyle: 'background' });

    await options.click('label[for="highlight-style-underline"]');
    await waitForStoredStyle(options, 'underline');
    await chooseFile(options, exported.text);
    await options.waitForFunction(() => document.querySelector('.pl-message[role="status"]')?.textContent === 'Settings imported.', undefined, {
      message: 'the "imported" message',
    });
    expect(await checkedStyle(options)).toBe('background');
    expect(await readStoredSettings(driver())).toMatchObject({ highlightStyle: 'background' });
    await expectNoErrors(options);
  });

  it('refuses an invalid settings file with a reason, and changes nothing', async () => {
    await updateStoredSettings(driver(), { highlightStyle: 'background', disabledTopics: ['wmd'] });
    const options = await openOptions();
    const before = await readStoredSettings(driver());

    await chooseFile(options, JSON.stringify({ format: 'policy-lens-settings', version: 1, settings: { highlightStyle: 'sparkles' } }));
    await options.waitForFunction(() => document.querySelector('[role="alert"]') !== null, undefined, { message: 'the refusal' });
    const refusal = await options.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');
    expect(refusal).toMatch(/^Not imported: .+ Nothing was changed\.$/);

    await chooseFile(options, '{"format": "policy-lens-settings", "settings": {');
    await options.waitForFunction(
      (first: string) => (document.querySelector('[role="alert"]')?.textContent ?? first) !== first,
      refusal,
      { message: 'the refusal of the broken file' },
    );
    expect(await options.evaluate(() => document.querySelector('[role="alert"]')?.textContent)).toMatch(/^Not imported: .+ Nothing was changed\.$/);

    expect(await readStoredSettings(driver())).toEqual(before);
    expect(await checkedStyle(options)).toBe('background');
    await expectNoErrors(options);
  });

  it('resets every setting only after the reader confirms', async () => {
    await updateStoredSettings(driver(), { highlightStyle: 'background', disabledTopics: ['wmd'], pausedSites: ['example.com'] });
    const options = await openOptions();
    // Focus follows the question in an effect (after paint), so it is waited for.
    const waitForFocusOn = (label: string) =>
      options.waitForFunction((text: string) => document.activeElement?.textContent?.trim() === text, label, {
        message: `focus on "${label}"`,
      });

    await options.click('#pl-reset-title + button');
    await options.waitForFunction(() => document.querySelector('.pl-confirm') !== null, undefined, { message: 'the reset question' });
    await waitForFocusOn('Cancel');
    await options.press('Enter');
    await options.waitForFunction(() => document.querySelector('.pl-confirm') === null, undefined, { message: 'the question to go' });
    await waitForFocusOn('Reset to defaults…');
    expect(await readStoredSettings(driver())).toMatchObject({ highlightStyle: 'background', disabledTopics: ['wmd'] });

    await options.click('#pl-reset-title + button');
    await options.waitForFunction(() => document.querySelector('.pl-confirm .pl-button--danger') !== null);
    await options.click('.pl-confirm .pl-button--danger');
    await options.waitForFunction(
      () => [...document.querySelectorAll('.pl-message[role="status"]')].some((node) => node.textContent === 'Settings are back to their defaults.'),
      undefined,
      { message: 'the "reset done" message' },
    );
    expect(await readStoredSettings(driver())).toMatchObject(FRESH_INSTALL_SETTINGS);
    expect(await checkedStyle(options)).toBe('underline');
    await expectNoErrors(options);
  });
});
