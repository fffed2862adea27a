/**
 * Marking, end to end: on a fixture article the content script marks exactly the mentions it
 * should (read back from the page's own `CSS.highlights`), never the places it must not, leaves
 * the markup byte-identical, follows the page as it changes, and follows settings changed in
 * another extension page without a reload.
 */
import { afterEach, expect, it } from 'vitest';
import type { Driver, TestPage } from './support/browser';
import {
  HIGHLIGHT_PREFIX,
  hoverMark,
  readMarks,
  readStoredSettings,
  updateStoredSettings,
  waitForMarksAt,
  type PageMark,
  type StoredSettings,
} from './support/marks';
import { letPageTimePass } from './support/mentions';
import { FIXTURE_HOSTS } from './support/server';
import { forEachBrowser } from './support/suite';

const ARTICLE = '/marking-article.html';
const NBSP = '\u00a0';

/** Mentions the fixture must show, each with the element it sits in and the topic it belongs to. */
const EXPECTED_MARKS: readonly PageMark[] = [
  { at: 'plain', text: 'mutual defense treaty', name: 'policy-lens-u-mutual-defense-treaty' },
  // <b>mutual</b> defense <a>treaty</a>: one range across three inline pieces.
  { at: 'split', text: 'mutual defense treaty', name: 'policy-lens-u-mutual-defense-treaty' },
  { at: 'curly', text: 'Iran’s nuclear program', name: 'policy-lens-u-iran-nuclear' },
  { at: 'en-dash', text: 'Saudi–Israel normalization', name: 'policy-lens-u-abraham-accords-normalization' },
  { at: 'nbsp', text: `Abraham${NBSP}Accords`, name: 'policy-lens-u-abraham-accords-normalization' },
  { at: 'acronym', text: 'MDT', name: 'policy-lens-u-mutual-defense-treaty' },
  // Content of the page's open shadow root (declarative shadow DOM).
  { at: 'in-shadow', text: 'Hezbollah', name: 'policy-lens-u-iran-proxies-attacks' },
  { at: 'live-text', text: 'Abraham Accords', name: 'policy-lens-u-abraham-accords-normalization' },
  { at: 'live-remove', text: 'Hezbollah', name: 'policy-lens-u-iran-proxies-attacks' },
];

/** Elements whose text names topics but must never be marked. */
const NEVER_MARKED = [
  'clock', // "9 a.m. MDT" is a time zone, not the treaty
  'excluded-inline', // <code> and <kbd>
  'pre',
  'editable', // contenteditable
  'hidden',
  'aria-hidden',
  'display-none',
  'chart', // SVG text
  'input',
  'textarea',
  'form',
];

/** Waits for the first scan to reach the end of the fixture (its last mention), then reads every mark. */
async function openMarkedArticle(driver: Driver, url: string): Promise<{ page: TestPage; marks: PageMark[] }> {
  const page = await driver.newPage(url);
  await waitForMarksAt(page, 'live-remove', ['Hezbollah']);
  await waitForMarksAt(page, 'in-shadow', ['Hezbollah']);
  return { page, marks: await readMarks(page) };
}

/**
 * Page function: scrolls the element with id `at` (in the document or the fixture's shadow root) to
 * the middle of the viewport and returns the box of `text` in it, with room below for an underline.
 */
function textArea({ at, text }: { at: string; text: string }): { x: number; y: number; width: number; height: number } | null {
  const element = document.getElementById(at) ?? document.getElementById('shadow-host')?.shadowRoot?.getElementById(at) ?? null;
  if (!element) return null;
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  const whole = nodes.map((node) => node.data).join('');
  const start = whole.indexOf(text);
  if (start < 0) return null;
  const range = document.createRange();
  let offset = 0;
  for (const node of nodes) {
    const end = offset + node.data.length;
    if (start >= offset && start < end) range.setStart(node, start - offset);
    if (start + text.length > offset && start + text.length <= end) range.setEnd(node, start + text.length - offset);
    offset = end;
  }
  element.scrollIntoView({ block: 'center' });
  const box = range.getBoundingClientRect();
  return { x: Math.floor(box.x) - 2, y: Math.floor(box.y) - 2, width: Math.ceil(box.width) + 4, height: Math.ceil(box.height) + 10 };
}

/** Waits until every mark is registered in `style` (`none`: until no mark is registered at all). */
async function waitForHighlightStyle(page: TestPage, style: string): Promise<void> {
  try {
    await waitForHighlightNames(page, style);
  } catch (error) {
    // Say what was registered instead, so a failure tells a style never applied from marks never made.
    const names = await page.evaluate((prefix: string) => [...CSS.highlights.keys()].filter((name) => name.startsWith(prefix)), HIGHLIGHT_PREFIX);
    throw new Error(`${error instanceof Error ? error.message : String(error)}; registered: ${names.join(', ') || 'none'}`, { cause: error });
  }
}

async function waitForHighlightNames(page: TestPage, style: string): Promise<void> {
  await page.waitForFunction(
    ({ prefix, letter }: { prefix: string; letter: string | null }) => {
      const names = [...CSS.highlights.keys()].filter((name) => name.startsWith(prefix) && name !== `${prefix}flash`);
      return letter === null ? names.length === 0 : names.length > 0 && names.every((name) => name.startsWith(`${prefix}${letter}-`));
    },
    { prefix: HIGHLIGHT_PREFIX, letter: style === 'none' ? null : style[0]! },
    { message: `every highlight to be registered in the ${style} style` },
  );
}

function sortMarks(marks: readonly PageMark[]): PageMark[] {
  return [...marks].sort((a, b) => `${a.at} ${a.text} ${a.name}`.localeCompare(`${b.at} ${b.text} ${b.name}`));
}

forEachBrowser(({ driver, server }) => {
  let savedSettings: StoredSettings | undefined;
  let settingsChanged = false;

  /** Changes settings for one test; afterEach puts the stored value back. */
  async function changeSettings(patch: StoredSettings): Promise<void> {
    if (!settingsChanged) savedSettings = (await readStoredSettings(driver())) ?? {};
    settingsChanged = true;
    await updateStoredSettings(driver(), patch);
  }

  afterEach(async () => {
    if (!settingsChanged) return;
    settingsChanged = false;
    await updateStoredSettings(driver(), { disabledTopics: [], highlightStyle: 'underline', ...savedSettings });
  });

  it('marks each expected mention, exactly, and nothing where marks never go', async () => {
    const { page, marks } = await openMarkedArticle(driver(), server().url(FIXTURE_HOSTS.nytimes, ARTICLE));

    for (const expected of EXPECTED_MARKS) expect(marks).toContainEqual(expected);
    expect(marks.filter((mark) => mark.at !== null && NEVER_MARKED.includes(mark.at))).toEqual([]);
    // Every range is a whole, visible mention: no empty or collapsed leftovers.
    expect(marks.filter((mark) => mark.text.trim() === '')).toEqual([]);
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
  });

  it('leaves the body markup byte-identical, also after a card opened', async () => {
    // The untouched reference: the same file where Policy Lens does not run.
    const reference = await driver().newPage(server().url(FIXTURE_HOSTS.notListed, ARTICLE));
    const untouched = await reference.evaluate(() => document.body.innerHTML);
    const { page } = await openMarkedArticle(driver(), server().url(FIXTURE_HOSTS.nytimes, ARTICLE));

    const atLoad = await page.evaluate(() => (window as unknown as { __markupAtLoad: string }).__markupAtLoad);
    expect(atLoad).toBe(untouched);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(untouched);

    const card = await hoverMark(page, 'Iran’s nuclear program', 'curly');
    expect(card).toContain("Iran's nuclear program");
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(untouched);
    // The card lives in one host element after <body>, in a shadow root closed to page scripts.
    expect(await page.evaluate(() => [...document.documentElement.children].map((child) => child.localName))).toEqual([
      'head',
      'body',
      'policy-lens-ui',
    ]);
    expect(await page.evaluate(() => document.querySelector('policy-lens-ui')?.shadowRoot ?? null)).toBeNull();
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
  });

  it('marks content the page adds, re-marks text it changes and drops marks of text it removes', async () => {
    const { page, marks: before } = await openMarkedArticle(driver(), server().url(FIXTURE_HOSTS.nytimes, ARTICLE));

    await page.evaluate(() => {
      const area = document.getElementById('live-area');
      for (let index = 0; index < 30; index += 1) {
        const paragraph = document.createElement('p');
        paragraph.id = `added-${index}`;
        paragraph.textContent = `Update ${index}: Israeli officials discussed the JINSA proposal again.`;
        area?.append(paragraph);
      }
    });
    await page.waitForFunction(
      (prefix: string) => {
        const places = new Set<string>();
        for (const [name, highlight] of CSS.highlights) {
          if (!name.startsWith(prefix)) continue;
          for (const range of highlight as unknown as Iterable<AbstractRange>) {
            const id = range.startContainer.parentElement?.closest('[id]')?.id ?? '';
            if (id.startsWith('added-')) places.add(id);
          }
        }
        return places.size === 30;
      },
      HIGHLIGHT_PREFIX,
      { message: 'a mark in each of the 30 added paragraphs' },
    );
    const added = (await readMarks(page)).filter((mark) => mark.at?.startsWith('added-'));
    expect(added).toHaveLength(30);
    expect(new Set(added.map((mark) => mark.text))).toEqual(new Set(['JINSA']));

    // One text node's data changes: the old mention goes, the new one comes.
    await page.evaluate(() => {
      const text = document.getElementById('live-text')?.firstChild as Text;
      text.data = 'Leaders now credit the Houthi truce and JINSA with a quieter border.';
    });
    await waitForMarksAt(page, 'live-text', ['Houthi', 'JINSA']);

    // A paragraph goes: its mark goes with it, leaving no collapsed range behind.
    await page.evaluate(() => document.getElementById('live-remove')?.remove());
    await page.waitForFunction(
      (prefix: string) => {
        for (const [name, highlight] of CSS.highlights) {
          if (!name.startsWith(prefix)) continue;
          for (const range of highlight as unknown as Iterable<AbstractRange>) {
            if (range.collapsed || String(range).trim() === '') return false;
          }
        }
        return true;
      },
      HIGHLIGHT_PREFIX,
      { message: 'the removed paragraph’s mark to leave the highlights' },
    );
    const after = await readMarks(page);
    expect(after.filter((mark) => mark.at === 'live-remove' || mark.text === '')).toEqual([]);
    // Everything else the page did not touch is still marked.
    const untouched = (marks: PageMark[]) => sortMarks(marks.filter((mark) => !['live-text', 'live-remove'].includes(mark.at ?? '') && !mark.at?.startsWith('added-')));
    expect(untouched(after)).toEqual(untouched(before));
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
  });

  it('follows settings changed in an extension page, without a reload', async () => {
    const { page, marks: before } = await openMarkedArticle(driver(), server().url(FIXTURE_HOSTS.nytimes, ARTICLE));
    const proxies = 'policy-lens-u-iran-proxies-attacks';
    expect(before.some((mark) => mark.name === proxies)).toBe(true);

    await changeSettings({ disabledTopics: ['iran-proxies-attacks'] });
    await page.waitForFunction((name: string) => !CSS.highlights.has(name), proxies, { message: `${proxies} to leave` });
    expect(sortMarks(await readMarks(page))).toEqual(sortMarks(before.filter((mark) => mark.name !== proxies)));

    await changeSettings({ disabledTopics: [], highlightStyle: 'background' });
    await waitForHighlightStyle(page, 'background');
    // Same ranges, other style: only the names' style letter changed.
    const restyled = (await readMarks(page)).map((mark) => ({ ...mark, name: mark.name.replace('policy-lens-b-', 'policy-lens-u-') }));
    expect(sortMarks(restyled)).toEqual(sortMarks(before));
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
  });

  it('paints its marks in each style: plain text, text split across inline elements, text in a shadow root', async () => {
    const { page } = await openMarkedArticle(driver(), server().url(FIXTURE_HOSTS.nytimes, ARTICLE));
    // Pixels, not names: a stylesheet the engine ignores (Firefox draws no underline in a highlight;
    // Chromium's rules sit on the root element only) registers the same names and paints nothing.
    const places = [
      { at: 'plain', text: 'mutual defense treaty' },
      { at: 'split', text: 'mutual defense treaty' },
      { at: 'in-shadow', text: 'Hezbollah' },
    ];
    const pictures = async (style: string): Promise<string[]> => {
      await changeSettings({ highlightStyle: style });
      await waitForHighlightStyle(page, style);
      const taken: string[] = [];
      for (const place of places) {
        const area = await page.evaluate(textArea, place);
        expect(area, `${place.at}: "${place.text}" on screen`).not.toBeNull();
        await letPageTimePass(page, 100);
        taken.push(Buffer.from(await page.screenshotArea(area!)).toString('base64'));
      }
      return taken;
    };
    const underline = await pictures('underline');
    const background = await pictures('background');
    const none = await pictures('none');
    places.forEach((place, index) => {
      expect(underline[index], `${place.at}: underline style paints`).not.toBe(none[index]);
      expect(background[index], `${place.at}: background style paints`).not.toBe(none[index]);
      expect(background[index], `${place.at}: the two styles differ`).not.toBe(underline[index]);
    });
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
  });

  it('puts its highlights back when the page clears CSS.highlights', async () => {
    const { page, marks: before } = await openMarkedArticle(driver(), server().url(FIXTURE_HOSTS.nytimes, ARTICLE));

    const leftAfterClear = await page.evaluate(() => {
      CSS.highlights.clear();
      return CSS.highlights.size;
    });
    expect(leftAfterClear).toBe(0);
    await waitForMarksAt(page, 'curly', ['Iran’s nuclear program']);
    expect(sortMarks(await readMarks(page))).toEqual(sortMarks(before));
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
  });
});
