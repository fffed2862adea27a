// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dataset } from '@/src/data';
import type { ExtensionApi } from '@/src/extension/api';
import type { PageReport } from '@/src/messaging/protocol';
import { PACKS_INDEX_KEY } from '@/src/packs';
import { Popup } from '@/src/popup/Popup';
import { getSettings, updateSettings } from '@/src/settings';
import { ALL_SITES_ORIGINS, NEWS_SITE_MATCHES } from '@/src/sites';
import { exampleCatalogPack, storeExamplePack } from '../packs/support';
import { useEnglishMessages } from '../support/messages';

const [first, second] = dataset.topics;
if (!first || !second) throw new Error('the bundled data needs at least two topics');

/** Stands in for the content scripts and the background: answers by message name and tab. */
type Responder = (name: string, data: unknown, tabId?: number) => unknown;
const messaging = vi.hoisted(() => ({ respond: undefined as unknown as Responder, sent: [] as unknown[][] }));
vi.mock('@/src/messaging/protocol', () => ({
  sendMessage: async (name: string, data: unknown, tabId?: number) => {
    messaging.sent.push([name, data, tabId]);
    return messaging.respond(name, data, tabId);
  },
  onMessage: () => () => undefined,
}));

const NO_CONTENT_SCRIPT = () => {
  throw new Error('Could not establish connection. Receiving end does not exist.');
};

let reports: Map<number, PageReport>;

beforeEach(async () => {
  fakeBrowser.reset();
  // The fake browser starts without a focused window, which `tabs.query({ currentWindow: true })` needs.
  await fakeBrowser.windows.create({ focused: true });
  useEnglishMessages();
  // The built-in sites' content-script hosts granted, as Chrome does at install (tests/unit/ui/access-ui.test.tsx covers the rest).
  vi.spyOn(browser.permissions, 'getAll').mockImplementation(async () => ({ origins: [...NEWS_SITE_MATCHES], permissions: [] }));
  for (const event of [browser.permissions.onAdded, browser.permissions.onRemoved]) {
    vi.spyOn(event, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(event, 'removeListener').mockImplementation(() => undefined);
  }
  reports = new Map();
  messaging.sent = [];
  messaging.respond = (name, data, tabId) => {
    if (name === 'getPageReport') return reports.get(tabId ?? -1) ?? NO_CONTENT_SCRIPT();
    if (name === 'getTabState') return null;
    if (name === 'revealMention') return { index: (data as { index: number }).index, total: 2 };
    throw new Error(`unexpected message ${name}`);
  };
});
afterEach(cleanup);

async function openTab(url: string | undefined, active = true) {
  const tab = await fakeBrowser.tabs.create({ url, active });
  return tab.id as number;
}

const pageList = () => screen.findByRole('list', { name: 'On this page' });

describe('Popup (connected)', () => {
  it('shows the tab named by popup.html?tab=ID instead of the active one', async () => {
    const named = await openTab('https://www.nytimes.com/world/story.html', false);
    const active = await openTab('https://apnews.com/article/x');
    reports.set(named, { url: 'https://www.nytimes.com/world/story.html', topics: [{ topic: first.id, count: 2 }], scanning: false });
    reports.set(active, { url: 'https://apnews.com/article/x', topics: [], scanning: false });

    render(<Popup tabId={named} />);
    const list = await pageList();
    expect(within(list).getByRole('listitem').textContent).toContain('2 mentions');
    expect(messaging.sent).toContainEqual(['getPageReport', undefined, named]);
    expect(messaging.sent).not.toContainEqual(['getPageReport', undefined, active]);
    expect(await screen.findByText('Runs on nytimes.com, one of the built-in news sites.')).toBeTruthy();
  });

  it('shows the active tab otherwise', async () => {
    const active = await openTab('https://apnews.com/article/x');
    reports.set(active, { url: 'https://apnews.com/article/x', topics: [], scanning: false });
    render(<Popup />);
    expect(await screen.findByText('No topics found on this page.')).toBeTruthy();
  });

  it('writes a topic switch to settings and keeps the switched-off row in place', async () => {
    const tab = await openTab('https://apnews.com/article/x');
    const url = 'https://apnews.com/article/x';
    reports.set(tab, { url, topics: [{ topic: first.id, count: 3 }, { topic: second.id, count: 1 }], scanning: false });
    render(<Popup />);
    const list = await pageList();
    fireEvent.click(within(list).getByRole('switch', { name: `Mark “${first.label}” on pages` }));
    // The content script stops reporting a switched-off topic (and, here, has found more of the other).
    reports.set(tab, { url, topics: [{ topic: second.id, count: 4 }], scanning: false });
    await waitFor(async () => expect((await getSettings()).disabledTopics).toEqual([first.id]));
    // The popup asks the page again once the change has applied.
    await within(list).findByText('4 mentions');
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.pl-topic__label')?.textContent)).toEqual([second.label, first.label]);
    expect(rows[1]?.textContent).toContain('3 mentions');
    expect((within(rows[1]!).getByRole('switch') as HTMLInputElement).checked).toBe(false);
  });

  it('pauses and resumes the site through settings', async () => {
    const tab = await openTab('https://www.nytimes.com/world/story.html');
    reports.set(tab, { url: 'https://www.nytimes.com/world/story.html', topics: [], scanning: false });
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: 'Pause on this site' }));
    await waitFor(async () => expect((await getSettings()).pausedSites).toEqual(['nytimes.com']));
    expect(await screen.findByText('Nothing is marked on this site until you resume.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(async () => expect((await getSettings()).pausedSites).toEqual([]));
  });

  it('jumps through a topic’s mentions in turn', async () => {
    const tab = await openTab('https://apnews.com/article/x');
    reports.set(tab, { url: 'https://apnews.com/article/x', topics: [{ topic: first.id, count: 2 }], scanning: false });
    render(<Popup />);
    const list = await pageList();
    fireEvent.click(within(list).getByRole('button', { expanded: false }));
    fireEvent.click(await screen.findByRole('button', { name: 'Jump to mention' }));
    expect(await screen.findByText('1 of 2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next mention' }));
    expect(await screen.findByText('2 of 2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next mention' }));
    expect(await screen.findByText('1 of 2')).toBeTruthy();
    const reveals = messaging.sent.filter(([name]) => name === 'revealMention').map(([, data]) => data);
    expect(reveals).toEqual([
      { topic: first.id, index: 0 },
      { topic: first.id, index: 1 },
      { topic: first.id, index: 0 },
    ]);
  });

  it('does not guess when the URL is hidden and nothing answers', async () => {
    await openTab(undefined);
    render(<Popup />);
    expect(await screen.findByText('Policy Lens can’t see this page.')).toBeTruthy();
  });

  it('learns a hidden URL from the background and offers that site', async () => {
    await openTab(undefined);
    messaging.respond = (name) => {
      if (name === 'getTabState') return { url: 'https://blog.example.org/post', topics: [], scanning: false };
      return NO_CONTENT_SCRIPT();
    };
    render(<Popup />);
    expect(await screen.findByText('Policy Lens isn’t enabled on blog.example.org.')).toBeTruthy();
  });

  it('shows no site line for an address that arrives with the report until that address’s access is known', async () => {
    // Firefox without activeTab: the tab's URL is hidden, and the page (enabled for all sites) brings it in its report.
    const tab = await openTab(undefined);
    reports.set(tab, { url: 'https://blog.example.org/post', topics: [{ topic: first.id, count: 2 }], scanning: false });
    let grant!: () => void;
    const granted = new Promise<void>((resolve) => (grant = resolve));
    vi.spyOn(browser.permissions, 'getAll').mockImplementation(async () => {
      await granted;
      return { origins: [...NEWS_SITE_MATCHES, ...ALL_SITES_ORIGINS], permissions: [] };
    });
    render(<Popup />);
    await pageList();
    // The page's marks are listed; a line saying Policy Lens is not enabled here would contradict them.
    expect(screen.queryByText(/enabled on blog\.example\.org/)).toBeNull();
    grant();
    expect(await screen.findByText('Runs on blog.example.org: you enabled all sites.')).toBeTruthy();
    expect(screen.queryByText('Not enabled on blog.example.org.')).toBeNull();
  });

  it('says a browser page cannot run Policy Lens', async () => {
    await openTab('chrome://settings/');
    render(<Popup />);
    expect(await screen.findByText('Browsers don’t let extensions work on this page.')).toBeTruthy();
  });

  it('asks for the site permission inside the click itself, then reports a refusal', async () => {
    await openTab('https://blog.example.org/post');
    const request = vi.spyOn(browser.permissions, 'request').mockImplementation(async () => false);
    render(<Popup />);
    const enable = await screen.findByRole('button', { name: 'Enable on blog.example.org' });
    fireEvent.click(enable);
    // Synchronously, with no await in between: the browser only prompts during the user gesture.
    expect(request).toHaveBeenCalledWith({ origins: ['https://blog.example.org/*'] });
    expect(await screen.findByText('Access was not granted, so Policy Lens stays off on this site.')).toBeTruthy();
    expect(messaging.sent.some(([name]) => name === 'activateExtraSites')).toBe(false);
  });

  it('enables a site and asks the background to run Policy Lens in the open tab', async () => {
    const tab = await openTab('https://blog.example.org/post');
    vi.spyOn(browser.permissions, 'request').mockImplementation(async () => true);
    const respond = messaging.respond;
    messaging.respond = (name, data, tabId) => (name === 'activateExtraSites' ? { injected: true } : respond(name, data, tabId));
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: 'Enable on blog.example.org' }));
    await waitFor(() => expect(messaging.sent).toContainEqual(['activateExtraSites', { tabId: tab }, undefined]));
  });
});

describe('Popup (connected) with an imported note pack', () => {
  const url = 'https://apnews.com/article/x';
  const nato = exampleCatalogPack().notes.topics.find((topic) => topic.id === 'us-collective-defense/nato')!;
  const packName = exampleCatalogPack().meta.name;
  const rowOf = (list: HTMLElement, label: string) =>
    within(list)
      .getAllByRole('listitem')
      .find((row) => row.querySelector('.pl-topic__label')?.textContent === label);

  beforeEach(async () => {
    await storeExamplePack(fakeBrowser as unknown as ExtensionApi);
  });

  it('lists the page\'s imported topics with their pack, and switches one off by its namespaced id', async () => {
    const tab = await openTab(url);
    reports.set(tab, { url, topics: [{ topic: first.id, count: 2 }, { topic: nato.id, count: 1 }], scanning: false });
    render(<Popup />);
    const list = await pageList();
    const row = rowOf(list, nato.label)!;
    expect(row.querySelector('.pl-topic__pack')?.textContent).toBe(`From ${packName}`);
    expect(rowOf(list, first.label)?.querySelector('.pl-topic__pack')).toBeNull();
    expect(screen.getByText(`All topics (${dataset.topics.length + 6})`)).toBeTruthy();

    fireEvent.click(within(row).getByRole('switch'));
    await waitFor(async () => expect((await getSettings()).disabledTopics).toEqual([nato.id]));
    fireEvent.click(within(row).getByRole('switch'));
    await waitFor(async () => expect((await getSettings()).disabledTopics).toEqual([]));
  });

  it('leaves out the topics of a pack the reader turned off, in the lists and in search', async () => {
    await updateSettings({ disabledPacks: ['us-collective-defense'] });
    const tab = await openTab(url);
    reports.set(tab, { url, topics: [{ topic: first.id, count: 2 }, { topic: nato.id, count: 1 }], scanning: false });
    render(<Popup />);
    const list = await pageList();
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByText(`All topics (${dataset.topics.length})`)).toBeTruthy();
    fireEvent.input(screen.getByRole('combobox'), { target: { value: 'twelve countries' } });
    expect(await screen.findByText('No notes match “twelve countries”.')).toBeTruthy();
  });

  it('searches every pack that is on, and opens an imported topic with its findings', async () => {
    const tab = await openTab(url);
    reports.set(tab, { url, topics: [], scanning: false });
    render(<Popup />);
    await screen.findByText('No topics found on this page.');
    const field = screen.getByRole('combobox');
    fireEvent.input(field, { target: { value: 'ANZUS' } });
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.querySelector('.pl-result__title')?.textContent)).toEqual(['ANZUS (1951)', 'U.S. treaty alliances and NATO']);
    fireEvent.keyDown(field, { key: 'Enter' });
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('ANZUS (1951)');
    expect(document.querySelector('.pl-detail .pl-pack-line')?.textContent).toMatch(new RegExp(`^From ${packName} · `));
    expect(document.querySelector('.pl-detail [data-finding-id="us-collective-defense/anzus-pacific"]')).not.toBeNull();
  });

  it('reads the packs once as it opens, not again when settings change', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const tab = await openTab(url);
    reports.set(tab, { url, topics: [{ topic: nato.id, count: 1 }], scanning: false });
    render(<Popup />);
    const list = await pageList();
    const packReads = () => get.mock.calls.filter(([keys]) => keys === PACKS_INDEX_KEY).length;
    expect(packReads()).toBe(1);
    fireEvent.click(within(list).getByRole('switch'));
    await waitFor(async () => expect((await getSettings()).disabledTopics).toEqual([nato.id]));
    await within(list).findByText('1 mention');
    expect(packReads()).toBe(1);
  });
});
