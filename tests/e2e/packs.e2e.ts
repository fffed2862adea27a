/**
 * Note packs, end to end: a pack file imported on the options page marks its terms on an open
 * news article under the imported packs' colour slots, and the card names the pack; switching the
 * pack off takes its marks off the page; removing it leaves nothing of it in storage; an invalid
 * pack file is refused with its problems listed, and storage stays byte-identical.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { highlightName } from '../../src/page/highlights';
import type { Driver, TestPage } from './support/browser';
import { hoverMark, readStoredSettings, updateStoredSettings, FRESH_INSTALL_SETTINGS } from './support/marks';
import { FIXTURE_HOSTS, FIXTURES_DIR } from './support/server';
import { forEachBrowser } from './support/suite';
import { clickByText, waitForMarkedNames } from './support/ui-pages';

const ARTICLE = '/packs-article.html';
const PACK_FILE = 'us-collective-defense.json';
const INVALID_PACK_FILE = 'invalid-broken-references.json';
const PACK_ID = 'us-collective-defense';
const PACK_NAME = 'U.S. collective defense treaties';
/** The built-in topic the article names (NATO, Article 5, ANZUS), as its highlight is called. */
const BUILT_IN_HIGHLIGHT = highlightName('underline', 'us-alliances-nato');
/** The pack's topics the article names (Washington Treaty and Article 5; ANZUS; Rio Pact), as their colour slots are called. */
const PACK_HIGHLIGHTS = [...new Set(['nato', 'anzus', 'rio-treaty'].map((topic) => highlightName('underline', `${PACK_ID}/${topic}`)))].sort();

const packText = (file: string) => readFileSync(join(FIXTURES_DIR, 'packs', file), 'utf8');

/** Hands the note packs section's file field a file, as choosing it in the file dialog does. */
function choosePackFile(options: TestPage, text: string, fileName: string): Promise<void> {
  return options.evaluate(
    ({ content, name }: { content: string; name: string }) => {
      const input = document.querySelector<HTMLInputElement>('#pl-pack-file');
      if (!input) throw new Error('No note pack file field on the page');
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], name, { type: 'application/json' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { content: text, name: fileName },
  );
}

/** Waits until the note packs section's live region says `text`. */
async function waitForPackStatus(options: TestPage, text: string): Promise<void> {
  await options.waitForFunction((wanted: string) => document.querySelector('.pl-packs__status')?.textContent === wanted, text, {
    message: `the note packs section to say "${text}"`,
  });
}

/** Page function: what storage.local and storage.sync hold, as JSON text (equal text: byte-identical storage). */
async function readStorageInPage(): Promise<string> {
  type Area = { get(keys: null): Promise<Record<string, unknown>> };
  type Storage = { local: Area; sync: Area };
  const scope = globalThis as unknown as { browser?: { storage: Storage }; chrome?: { storage: Storage } };
  const storage = (scope.browser ?? scope.chrome)?.storage;
  if (!storage) throw new Error('No storage API on the extension page');
  return JSON.stringify({ local: await storage.local.get(null), sync: await storage.sync.get(null) });
}

/** What storage.local holds, read from an extension page. */
async function readLocalStorage(page: TestPage): Promise<Record<string, unknown>> {
  return (JSON.parse(await page.evaluate(readStorageInPage)) as { local: Record<string, unknown> }).local;
}

/** Removes every imported pack from storage.local (the index and each pack's key), from a fresh extension page. */
async function removeImportedPacks(driver: Driver): Promise<void> {
  const page = await driver.newPage(driver.extensionPageUrl('options.html'));
  try {
    await page.evaluate(async () => {
      type Local = { get(keys: null): Promise<Record<string, unknown>>; remove(keys: string[]): Promise<void> };
      const scope = globalThis as unknown as { browser?: { storage: { local: Local } }; chrome?: { storage: { local: Local } } };
      const local = (scope.browser ?? scope.chrome)?.storage.local;
      if (!local) throw new Error('No storage API on the extension page');
      const keys = Object.keys(await local.get(null)).filter((key) => key === 'packs' || key.startsWith('pack:'));
      if (keys.length > 0) await local.remove(keys);
    });
  } finally {
    await page.close();
  }
}

forEachBrowser(({ driver, server }) => {
  afterEach(async () => {
    await removeImportedPacks(driver());
    await updateStoredSettings(driver(), FRESH_INSTALL_SETTINGS);
  });

  async function openOptions(): Promise<TestPage> {
    const options = await driver().newPage(driver().extensionPageUrl('options.html'));
    await options.waitForFunction(() => document.querySelector('.pl-packs__item') !== null, undefined, {
      message: 'the options page to list the note packs',
    });
    return options;
  }

  async function importExamplePack(options: TestPage): Promise<void> {
    await choosePackFile(options, packText(PACK_FILE), PACK_FILE);
    await waitForPackStatus(options, `Imported “${PACK_NAME}”: 6 topics, 17 terms, 8 findings.`);
  }

  async function expectNoErrors(...pages: TestPage[]): Promise<void> {
    for (const page of pages) expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
    expect(driver().extensionErrors()).toEqual([]);
  }

  it('marks an imported pack’s terms and names the pack on the card; off takes its marks away; remove leaves nothing stored', async () => {
    const options = await openOptions();
    await importExamplePack(options);
    expect(
      await options.evaluate(() => [...document.querySelectorAll('.pl-packs__item .pl-switch')].map((label) => label.textContent?.trim())),
    ).toEqual(['JINSA treaty notes', PACK_NAME]);

    // A window of its own: the article stays shown (Firefox throttles hidden tabs) while the options page is in front.
    const article = await driver().newWindow(server().url(FIXTURE_HOSTS.nytimes, `${ARTICLE}?packs`));
    await article.waitForContentScript();
    const marked = await waitForMarkedNames(
      article,
      (names) => PACK_HIGHLIGHTS.every((name) => names.includes(name)) && names.includes(BUILT_IN_HIGHLIGHT),
      "the pack's marks beside the built-in ones",
    );
    expect(marked).toEqual([BUILT_IN_HIGHLIGHT, ...PACK_HIGHLIGHTS].sort());

    // "Rio Pact" is the pack's alone: its card holds only the pack's notes, under the pack's name.
    await article.bringToFront();
    const card = await hoverMark(article, 'Rio Pact', 'americas');
    expect(card).toContain('The Rio Treaty (1947)');
    expect(card).toContain(PACK_NAME);

    await options.bringToFront();
    await clickByText(options, '.pl-packs .pl-switch', PACK_NAME);
    await waitForMarkedNames(
      article,
      (names) => names.length > 0 && names.every((name) => !PACK_HIGHLIGHTS.includes(name)),
      "the pack's marks to leave",
    );
    expect(await waitForMarkedNames(article, (names) => names.includes(BUILT_IN_HIGHLIGHT), 'the built-in marks to stay')).toEqual([
      BUILT_IN_HIGHLIGHT,
    ]);
    expect(await readStoredSettings(driver())).toMatchObject({ disabledPacks: [PACK_ID] });

    await clickByText(options, '.pl-packs button', `Remove the note pack ${PACK_NAME}`);
    await waitForPackStatus(options, `Removed “${PACK_NAME}”.`);
    const local = await readLocalStorage(options);
    expect(local.packs ?? []).toEqual([]);
    expect(Object.keys(local).filter((key) => key.startsWith('pack:'))).toEqual([]);
    expect(await readStoredSettings(driver())).toMatchObject({ disabledPacks: [] });
    expect(await options.evaluate(() => document.querySelectorAll('.pl-packs__item').length)).toBe(1);
    await expectNoErrors(options, article);
  });

  it('refuses an invalid pack file with every problem listed, and storage stays byte-identical', async () => {
    const options = await openOptions();
    await importExamplePack(options);
    const before = await options.evaluate(readStorageInPage);

    await choosePackFile(options, packText(INVALID_PACK_FILE), INVALID_PACK_FILE);
    await options.waitForFunction(() => document.querySelector('.pl-packs [role="alert"]') !== null, undefined, {
      message: 'the refusal of the invalid pack',
    });
    const refusal = await options.evaluate(() => {
      const alert = document.querySelector('.pl-packs [role="alert"]');
      return {
        lead: alert?.querySelector('p')?.textContent ?? '',
        problems: [...(alert?.querySelectorAll('li') ?? [])].map((item) => item.textContent ?? ''),
      };
    });
    expect(refusal.lead).toBe(`Not imported: “${INVALID_PACK_FILE}” is not a note pack Policy Lens can use. Nothing was changed. The problems:`);
    expect(refusal.problems).toEqual([
      'finding "rio-finding": cites unknown report "no-such-report"',
      'finding "rio-finding": unknown topic "no-such-topic"',
      'topic "anzus" has no findings',
    ]);

    expect(await options.evaluate(readStorageInPage)).toBe(before);
    expect(await options.evaluate(() => document.querySelectorAll('.pl-packs__item').length)).toBe(2);
    await expectNoErrors(options);
  });
});
