import { describe, expect, it } from 'vitest';
import { isRestrictedUrl, pageStatus, siteOf, type PageFacts } from '@/src/popup/page-status';
import { tabIdFromSearch } from '@/src/popup/tab';
import { INITIAL_POPUP_UI, popupUiReducer } from '@/src/popup/ui-state';

const facts = (overrides: Partial<PageFacts> = {}): PageFacts => ({
  tabLoading: false,
  report: null,
  enabled: true,
  siteEnabled: () => false,
  sitePaused: () => false,
  ...overrides,
});
const report = (topics: { topic: string; count: number }[], scanning = false) => ({
  url: 'https://www.example.com/story',
  topics,
  scanning,
});

describe('isRestrictedUrl', () => {
  it.each([
    'chrome://extensions/',
    'about:addons',
    'moz-extension://abc/popup.html',
    'chrome-extension://abc/options.html',
    'view-source:https://example.com/',
    'file:///home/reader/report.pdf',
    'file:///home/reader/page.html',
    'https://chromewebstore.google.com/detail/x',
    'https://chrome.google.com/webstore/detail/x',
    'https://addons.mozilla.org/en-US/firefox/addon/x/',
    'https://example.com/files/report.PDF',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isRestrictedUrl(url)).toBe(true);
  });

  it.each(['https://www.nytimes.com/2024/x.html', 'http://example.com/', 'https://example.com/pdf-guide'])(
    'allows %s',
    (url) => {
      expect(isRestrictedUrl(url)).toBe(false);
    },
  );
});

describe('siteOf', () => {
  it('names web pages by their site and nothing else', () => {
    expect(siteOf('https://www.nytimes.com/x')).toBe('nytimes.com');
    expect(siteOf('http://edition.cnn.com/x')).toBe('edition.cnn.com');
    expect(siteOf('chrome://newtab/')).toBeNull();
    expect(siteOf(undefined)).toBeNull();
  });
});

describe('pageStatus', () => {
  it('says a restricted page cannot run, whatever else is known', () => {
    expect(pageStatus(facts({ tabUrl: 'chrome://settings/', enabled: false }))).toEqual({ kind: 'restricted' });
    expect(pageStatus(facts({ report: undefined, tabUrl: 'https://addons.mozilla.org/' }))).toEqual({
      kind: 'restricted',
    });
  });

  it('is loading while the content script has not answered yet, or the tab is loading', () => {
    expect(pageStatus(facts({ report: undefined, tabUrl: 'https://example.com/' }))).toEqual({ kind: 'loading' });
    expect(pageStatus(facts({ report: null, tabLoading: true }))).toEqual({ kind: 'loading' });
    expect(pageStatus(facts({ report: report([], true) }))).toEqual({ kind: 'loading' });
  });

  it('reports the master switch and a paused site before anything on the page', () => {
    expect(pageStatus(facts({ enabled: false, report: report([{ topic: 'a', count: 1 }]) }))).toEqual({ kind: 'off' });
    expect(
      pageStatus(facts({ report: report([]), sitePaused: (url) => url.startsWith('https://www.example.com') })),
    ).toEqual({ kind: 'paused', site: 'example.com' });
  });

  it('tells "not enabled" from "needs a reload" when no content script answered on a known site', () => {
    expect(pageStatus(facts({ tabUrl: 'https://blog.example.org/post' }))).toEqual({
      kind: 'not-enabled',
      site: 'blog.example.org',
    });
    expect(pageStatus(facts({ tabUrl: 'https://www.nytimes.com/x', siteEnabled: () => true }))).toEqual({
      kind: 'needs-reload',
      site: 'nytimes.com',
    });
  });

  it('does not guess when no content script answered and the URL is hidden', () => {
    expect(pageStatus(facts())).toEqual({ kind: 'unreachable' });
  });

  it('takes the URL from the report when the tab hides it', () => {
    expect(pageStatus(facts({ report: { url: 'https://example.com/doc.pdf', topics: [], scanning: false } }))).toEqual({
      kind: 'restricted',
    });
  });

  it('lists found topics, flagged while the first scan still runs', () => {
    const topics = [{ topic: 'a', count: 3 }];
    expect(pageStatus(facts({ report: report(topics) }))).toEqual({ kind: 'found', topics, scanning: false });
    expect(pageStatus(facts({ report: report(topics, true) }))).toEqual({ kind: 'found', topics, scanning: true });
    expect(pageStatus(facts({ report: report([]) }))).toEqual({ kind: 'no-mentions' });
  });
});

describe('tabIdFromSearch', () => {
  it('reads a numeric tab id from popup.html?tab=ID and ignores anything else', () => {
    expect(tabIdFromSearch('?tab=42')).toBe(42);
    expect(tabIdFromSearch('?tab=4x2')).toBeUndefined();
    expect(tabIdFromSearch('?tab=-1')).toBeUndefined();
    expect(tabIdFromSearch('')).toBeUndefined();
  });
});

describe('popupUiReducer', () => {
  it('activates the first result as soon as there is a query, and none for a blank one', () => {
    const typed = popupUiReducer(INITIAL_POPUP_UI, { type: 'query', query: 'iran' });
    expect(typed.active).toBe(0);
    expect(popupUiReducer(typed, { type: 'query', query: '  ' }).active).toBe(-1);
  });

  it('moves the active result with wrap-around', () => {
    let state = popupUiReducer(INITIAL_POPUP_UI, { type: 'query', query: 'iran' });
    state = popupUiReducer(state, { type: 'move', by: 1, count: 3 });
    expect(state.active).toBe(1);
    state = popupUiReducer(state, { type: 'move', by: 2, count: 3 });
    expect(state.active).toBe(0);
    state = popupUiReducer(state, { type: 'move', by: -1, count: 3 });
    expect(state.active).toBe(2);
    expect(popupUiReducer(state, { type: 'move', by: 1, count: 0 }).active).toBe(-1);
  });

  it('opens and closes a topic, and a new query leaves the opened topic', () => {
    let state = popupUiReducer(INITIAL_POPUP_UI, { type: 'open', topic: { topicId: 'a', findingId: 'f' } });
    expect(state.open).toEqual({ topicId: 'a', findingId: 'f' });
    expect(popupUiReducer(state, { type: 'close' }).open).toBeNull();
    state = popupUiReducer(state, { type: 'query', query: 'x' });
    expect(state.open).toBeNull();
  });

  it('toggles expanded rows independently', () => {
    let state = popupUiReducer(INITIAL_POPUP_UI, { type: 'toggle-expanded', topicId: 'page:a' });
    state = popupUiReducer(state, { type: 'toggle-expanded', topicId: 'all:a' });
    expect(state.expanded).toEqual(['page:a', 'all:a']);
    expect(popupUiReducer(state, { type: 'toggle-expanded', topicId: 'page:a' }).expanded).toEqual(['all:a']);
  });
});
