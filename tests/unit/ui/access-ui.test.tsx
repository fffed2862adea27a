// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageReport } from '@/src/messaging/protocol';
import { Popup } from '@/src/popup/Popup';
import { NEWS_SITE_DOMAINS, NEWS_SITE_MATCHES } from '@/src/sites';
import { Welcome } from '@/src/welcome/Welcome';
import { useEnglishMessages } from '../support/messages';
import { stubPermissions } from '../support/permissions';

/** Stands in for the content scripts and the background, as in popup/controller.test.tsx. */
type Responder = (name: string, data: unknown, tabId?: number) => unknown;
const messaging = vi.hoisted(() => ({ respond: undefined as unknown as Responder, sent: [] as unknown[][] }));
vi.mock('@/src/messaging/protocol', () => ({
  sendMessage: async (name: string, data: unknown, tabId?: number) => {
    messaging.sent.push([name, data, tabId]);
    return messaging.respond(name, data, tabId);
  },
  onMessage: () => () => undefined,
}));

const TITLE = 'Policy Lens needs access to news sites';
const GRANT = 'Allow on news sites';
const CONFIRMATION = 'Done: Policy Lens now runs on the built-in news sites.';
const DECLINED = 'Access was not granted. You can allow it here whenever you like.';
const ARTICLE = 'https://www.nytimes.com/2024/world/story.html';

let reports: Map<number, PageReport>;

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.windows.create({ focused: true });
  useEnglishMessages();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
  reports = new Map();
  messaging.sent = [];
  messaging.respond = (name, data, tabId) => {
    if (name === 'getPageReport') {
      const report = reports.get(tabId ?? -1);
      if (report) return report;
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }
    if (name === 'getTabState') return null;
    if (name === 'activateExtraSites') {
      // The background injects the content script, which then answers.
      const id = (data as { tabId: number }).tabId;
      reports.set(id, { url: ARTICLE, topics: [], scanning: false });
      return { injected: true };
    }
    throw new Error(`unexpected message ${name}`);
  };
});
afterEach(cleanup);

/** Lets pending permission answers and renders settle. */
async function settle(): Promise<void> {
  await act(async () => {
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setTimeout(resolve));
  });
}

const banner = () => document.querySelector<HTMLElement>('.pl-access');

describe('welcome page', () => {
  it('shows no banner where the browser granted the news sites at install (Chrome, Firefox by default)', async () => {
    const api = stubPermissions({ granted: [...NEWS_SITE_MATCHES] });
    render(<Welcome />);
    await waitFor(() => expect(api.getAll).toHaveBeenCalled());
    await settle();
    expect(banner()).toBeNull();
    expect(screen.queryByText(TITLE)).toBeNull();
  });

  it('asks for access in one click where it is missing, then confirms', async () => {
    const api = stubPermissions({ granted: [] });
    render(<Welcome />);
    expect(await screen.findByRole('heading', { name: TITLE })).toBeTruthy();
    expect(banner()?.textContent).toContain(`on the ${NEWS_SITE_DOMAINS.length} built-in news sites`);

    fireEvent.click(screen.getByRole('button', { name: GRANT }));
    // Within the click itself: the browser prompts only during the user gesture.
    expect(api.request).toHaveBeenCalledWith({ origins: [...NEWS_SITE_MATCHES] });
    expect(await screen.findByText(CONFIRMATION)).toBeTruthy();
    expect(screen.queryByRole('button', { name: GRANT })).toBeNull();
  });

  it('says so when the reader declines, and keeps the button', async () => {
    stubPermissions({ granted: [], prompt: 'decline' });
    render(<Welcome />);
    fireEvent.click(await screen.findByRole('button', { name: GRANT }));
    expect(await screen.findByText(DECLINED)).toBeTruthy();
    expect(screen.getByRole('button', { name: GRANT })).toBeTruthy();
  });

  it('follows grants and revocations made in the browser’s own UI', async () => {
    const api = stubPermissions({ granted: [...NEWS_SITE_MATCHES] });
    render(<Welcome />);
    await settle();
    expect(banner()).toBeNull();

    await act(() => api.revoke(['https://*.nytimes.com/*']));
    expect(await screen.findByRole('heading', { name: TITLE })).toBeTruthy();
    await act(() => api.grant(['https://*.nytimes.com/*']));
    expect(await screen.findByText(CONFIRMATION)).toBeTruthy();
  });

  it('has no axe violations with the banner showing', async () => {
    stubPermissions({ granted: [] });
    const { container } = render(<Welcome />);
    await screen.findByRole('heading', { name: TITLE });
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });
});

describe('popup', () => {
  async function openTab(url: string | undefined) {
    const tab = await fakeBrowser.tabs.create({ url, active: true });
    return tab.id as number;
  }

  it('shows no banner on a built-in site the browser granted', async () => {
    stubPermissions({ granted: [...NEWS_SITE_MATCHES] });
    const tab = await openTab(ARTICLE);
    reports.set(tab, { url: ARTICLE, topics: [], scanning: false });
    render(<Popup />);
    expect(await screen.findByText('Runs on nytimes.com, one of the built-in news sites.')).toBeTruthy();
    await settle();
    expect(banner()).toBeNull();
  });

  it('explains a built-in site without access, grants in one click and runs in the open tab at once', async () => {
    const api = stubPermissions({ granted: [] });
    const tab = await openTab(ARTICLE);
    render(<Popup />);
    expect(await screen.findByText(/has not allowed Policy Lens on nytimes\.com and the other built-in news sites/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: TITLE })).toBeTruthy();
    expect(
      await screen.findByText('nytimes.com is a built-in news site, but your browser has not allowed Policy Lens on it.'),
    ).toBeTruthy();
    // The banner says why nothing runs; "not enabled on this site" and its buttons would contradict it.
    expect(screen.queryByText('Policy Lens isn’t enabled on nytimes.com.')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Enable on nytimes.com' })).toBeNull();
    // The banner comes first, above the search field.
    const search = screen.getByRole('combobox', { name: 'Search the notes' });
    expect(banner()!.compareDocumentPosition(search) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: GRANT }));
    expect(api.request).toHaveBeenCalledWith({ origins: [...NEWS_SITE_MATCHES] });
    await waitFor(() => expect(messaging.sent).toContainEqual(['activateExtraSites', { tabId: tab }, undefined]));
    expect(await screen.findByText(CONFIRMATION)).toBeTruthy();
    expect(await screen.findByText('Runs on nytimes.com, one of the built-in news sites.')).toBeTruthy();
    expect(await screen.findByText('No topics found on this page.')).toBeTruthy();
  });

  it('does not inject when the reader declines', async () => {
    stubPermissions({ granted: [], prompt: 'decline' });
    await openTab(ARTICLE);
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: GRANT }));
    expect(await screen.findByText(DECLINED)).toBeTruthy();
    expect(messaging.sent.some(([name]) => name === 'activateExtraSites')).toBe(false);
  });

  it('offers the grant where the page address is hidden and the news sites are not granted', async () => {
    stubPermissions({ granted: [] });
    await openTab(undefined);
    render(<Popup />);
    expect(await screen.findByRole('heading', { name: TITLE })).toBeTruthy();
    expect(banner()?.textContent).toContain('has not allowed Policy Lens on the built-in news sites');
  });

  it('shows no banner on a site outside the built-in list, whatever the news sites’ access', async () => {
    stubPermissions({ granted: [] });
    await openTab('https://blog.example.org/post');
    render(<Popup />);
    expect(await screen.findByRole('button', { name: 'Enable on blog.example.org' })).toBeTruthy();
    await settle();
    expect(banner()).toBeNull();
  });
});
