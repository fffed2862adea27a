// @vitest-environment happy-dom
/**
 * The card over notes of several packs: the real page marker with the
 * built-in and the example pack's matchers combined, the real catalog, and
 * the card's surface, as the content script and card script wire them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverCardController, type HoverCardController } from '@/src/card/controller';
import { createCardSurface, type CardData } from '@/src/card/surface';
import { dataset } from '@/src/data';
import { combineMatchers, compileMatcher, loadMatcher, type Matcher } from '@/src/matching';
import { builtInCatalog, createNotesCatalog, type NotesCatalog } from '@/src/packs';
import { catalogWithExample, compiledExamplePack, exampleCatalogPack } from '../packs/support';
import { useEnglishMessages } from '../support/messages';
import { setBody, startMarker, usePageTestEnvironment } from '../support/page';

usePageTestEnvironment();

const EXAMPLE_NAME = 'U.S. collective defense treaties';
const ARTICLE = '<article><p>NATO leaders said the North Atlantic Treaty still binds the allies, and the ANZUS partners agreed.</p></article>';
// happy-dom lays nothing out: every range gets one line box.
const LINE = new DOMRect(100, 10, 50, 20);

let controller: HoverCardController;
let abort: AbortController;
let setTopicEnabled: ReturnType<typeof vi.fn<(topicId: string, enabled: boolean) => void>>;
let hostElement: HTMLElement | undefined;
let shadow: ShadowRoot;

const card = () => shadow.querySelector<HTMLElement>('.pl-layer:not([hidden]) .pl-card');
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const packLines = () => [...card()!.querySelectorAll('.pl-pack-line')].map(text);
const tabs = () => [...card()!.querySelectorAll<HTMLElement>('[role=tab]')];

let builtInMatcher: Matcher | undefined;
/** The matcher of each pack in `notes`, combined as the content script combines the packs that are on. */
function matcherOf(notes: NotesCatalog): Matcher {
  return combineMatchers(
    notes.packs.map((pack) => (pack.builtIn ? (builtInMatcher ??= compileMatcher(dataset)) : loadMatcher(compiledExamplePack().tables))),
  );
}

/** Marks the article with the packs of `notes` on, and a card controller reading `notes`. */
async function open(notes: NotesCatalog & CardData) {
  setBody(ARTICLE);
  const { marker } = await startMarker({ matcher: () => matcherOf(notes), topics: notes.topics.map((topic) => topic.id) });
  controller = createHoverCardController({
    registry: marker.registry,
    getSettings: () => ({ hoverDelayMs: 0, theme: 'light', disabledTopics: [], disabledPacks: [] }),
    setTopicEnabled,
    openSettings: () => undefined,
    signal: abort.signal,
    graceMs: 10,
    loadSurface: async (hooks) =>
      createCardSurface({
        hooks,
        data: notes,
        mountHost: async () => {
          hostElement = document.createElement('policy-lens-ui');
          shadow = hostElement.attachShadow({ mode: 'open' });
          const container = document.createElement('div');
          shadow.append(container);
          document.documentElement.append(hostElement);
          return { container, hostElement };
        },
      }),
  });
  return marker;
}

/** Opens the card of the `nth` mark (1-based), from the keyboard. */
async function openMark(nth: number, quoted: string) {
  for (let step = 0; step < nth; step += 1) controller.openNext();
  await vi.waitFor(() => expect(card()?.querySelector('q')?.textContent).toBe(quoted));
}

beforeEach(() => {
  useEnglishMessages();
  Object.defineProperty(document.documentElement, 'clientWidth', { configurable: true, value: 1024 });
  Object.defineProperty(document.documentElement, 'clientHeight', { configurable: true, value: 768 });
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(() => [LINE] as unknown as DOMRectList);
  vi.spyOn(Range.prototype, 'getBoundingClientRect').mockImplementation(() => LINE);
  setTopicEnabled = vi.fn<(topicId: string, enabled: boolean) => void>();
  abort = new AbortController();
});

afterEach(() => {
  abort.abort();
  hostElement?.remove();
  hostElement = undefined;
});

describe('hover card with note packs', () => {
  it('shows the topics of two packs that name the same words together, each finding under its pack', async () => {
    const marker = await open(catalogWithExample());
    const shared = marker.registry.marks().find((mark) => mark.text === 'North Atlantic Treaty');
    expect(shared?.topics).toEqual(['us-alliances-nato', 'us-collective-defense/nato']);

    await openMark(2, 'North Atlantic Treaty');
    expect(tabs().map(text)).toEqual(['U.S. treaty alliances and NATO', 'The North Atlantic Treaty (1949)']);
    // The built-in topic's findings, under the built-in pack's line, with JINSA as their source.
    expect(packLines()).toEqual([`From ${dataset.pack.name} · ${dataset.pack.publisher} — ${dataset.pack.publisherNote}`]);
    expect(card()!.querySelector('.pl-pack-line')!.getAttribute('data-pack-id')).toBe(dataset.pack.id);
    expect(text(card()!.querySelector('.pl-source-line'))).toMatch(/^Source: JINSA — /);

    tabs()[1]!.click();
    await vi.waitFor(() => expect(tabs()[1]!.getAttribute('aria-selected')).toBe('true'));
    const example = exampleCatalogPack().meta;
    expect(packLines()).toEqual([`From ${EXAMPLE_NAME} · Policy Lens example — ${example.publisherNote}`]);
    const findings = [...card()!.querySelectorAll<HTMLElement>('.pl-finding')];
    expect(findings.map((finding) => finding.dataset.findingId)).toEqual(['us-collective-defense/nato-article-5', 'us-collective-defense/nato-founding']);
    expect(text(findings[0]!.querySelector('.pl-finding__citation'))).toBe('North Atlantic Treaty, April 1949 · Article 5');
    expect(findings[0]!.querySelector('a')!.getAttribute('href')).toBe('https://www.nato.int/cps/en/natohq/official_texts_17120.htm');
    expect([...card()!.querySelectorAll('.pl-source-line')].map(text)).toEqual([
      'Source: NATO — NATO publishes the treaty that founded it among its official texts.',
    ]);
  });

  it('names no pack on a card whose topics are all built-in, as before packs', async () => {
    await open(catalogWithExample());
    await openMark(1, 'NATO');
    expect(card()!.querySelector('h2')!.textContent).toBe('U.S. treaty alliances and NATO');
    expect(card()!.querySelector('.pl-pack-line')).toBeNull();
    expect(card()!.querySelectorAll('.pl-finding').length).toBeGreaterThan(0);
  });

  it('names the pack of an imported topic even when it is the only one on the card', async () => {
    await open(createNotesCatalog([exampleCatalogPack()]));
    await openMark(1, 'North Atlantic Treaty');
    expect(card()!.querySelector('h2')!.textContent).toBe('The North Atlantic Treaty (1949)');
    expect(packLines()).toHaveLength(1);
    expect(packLines()[0]).toMatch(new RegExp(`^From ${EXAMPLE_NAME} · Policy Lens example — `));
  });

  it('shows the built-in notes alone exactly as before', async () => {
    await open(builtInCatalog(dataset));
    await openMark(2, 'North Atlantic Treaty');
    expect(tabs()).toHaveLength(0);
    expect(card()!.querySelector('.pl-pack-line')).toBeNull();
  });

  it('turns an imported topic off by its namespaced id', async () => {
    await open(catalogWithExample());
    await openMark(2, 'North Atlantic Treaty');
    tabs()[1]!.click();
    await vi.waitFor(() => expect(tabs()[1]!.getAttribute('aria-selected')).toBe('true'));
    [...card()!.querySelectorAll('button')].find((button) => button.textContent === 'Turn off this topic')!.click();
    expect(setTopicEnabled).toHaveBeenCalledWith('us-collective-defense/nato', false);
  });
});
