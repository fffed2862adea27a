import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeText } from '@/src/background/badge';
import { handleInstalled, startInstallHandling } from '@/src/background/install';
import { createMemoryTabStore, createTabStateStore } from '@/src/background/tab-state';
import { startTabTracking } from '@/src/background/tab-tracker';
import { sendMessage, type PageReport } from '@/src/messaging/protocol';
import { updateSettings } from '@/src/settings';
import { useRealMessages } from '../support/messages';
import { snapshotArea } from '../support/storage';

/**
 * Delivers a message to the background as a content script in `sender`'s tab
 * would. The fake browser's own sendMessage has no sender tab, so the message
 * is built in @webext-core/messaging's wire format ({ id, type, data, timestamp }).
 */
function deliver(type: string, data: unknown, sender: Partial<Browser.runtime.MessageSender>): Promise<unknown> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger({ id: 1, type, data, timestamp: Date.now() }, sender, resolve);
  });
}

const fromTab = (tabId: number, frameId = 0) => ({ tab: { id: tabId } as Browser.tabs.Tab, frameId });

function report(topics: Record<string, number>, scanning = false): PageReport {
  return {
    url: 'https://www.example.com/story',
    topics: Object.entries(topics).map(([topic, count]) => ({ topic, count })),
    scanning,
  };
}

const badgeOf = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });
const titleOf = (tabId: number) => fakeBrowser.action.getTitle({ tabId });
const navigate = (tabId: number, changeInfo: Browser.tabs.OnUpdatedInfo) =>
  fakeBrowser.tabs.onUpdated.trigger(tabId, changeInfo, { id: tabId } as Browser.tabs.Tab);

let stop: (() => void) | undefined;

beforeEach(() => {
  fakeBrowser.reset();
  useRealMessages();
});

afterEach(() => {
  stop?.();
  stop = undefined;
});

describe('tab state', () => {
  beforeEach(() => {
    stop = startTabTracking();
  });

  it('keeps the latest report of each tab and answers the popup', async () => {
    await deliver('reportPage', report({ 'iran-deal': 2 }, true), fromTab(5));
    await deliver('reportPage', report({ 'iran-deal': 3, 'abraham-accords': 1 }), fromTab(5));
    await deliver('reportPage', report({ jinsa: 1 }), fromTab(6));
    expect(await sendMessage('getTabState', 5)).toEqual(report({ 'iran-deal': 3, 'abraham-accords': 1 }));
    expect(await sendMessage('getTabState', 6)).toEqual(report({ jinsa: 1 }));
    expect(await sendMessage('getTabState', 7)).toBeNull();
  });

  it('ignores reports from frames, from outside tabs and malformed ones', async () => {
    await deliver('reportPage', report({ jinsa: 1 }), fromTab(5, 3));
    await deliver('reportPage', report({ jinsa: 1 }), {});
    await deliver('reportPage', report({ jinsa: 1 }), fromTab(-1));
    await deliver('reportPage', { url: 'https://x.test/', topics: 'lots', scanning: false }, fromTab(5));
    await deliver('reportPage', { ...report({ jinsa: 1 }), topics: [{ topic: 'jinsa', count: -1 }] }, fromTab(5));
    expect(await sendMessage('getTabState', 5)).toBeNull();
    expect(await badgeOf(5)).toBe('');
  });

  it('forgets a tab when it starts loading a new page', async () => {
    await deliver('reportPage', report({ jinsa: 1 }), fromTab(5));
    await navigate(5, { status: 'complete' });
    expect(await sendMessage('getTabState', 5)).not.toBeNull();
    await navigate(5, { status: 'loading' });
    expect(await sendMessage('getTabState', 5)).toBeNull();
  });

  it('forgets a closed tab and only that one', async () => {
    await deliver('reportPage', report({ jinsa: 1 }), fromTab(5));
    await deliver('reportPage', report({ jinsa: 1 }), fromTab(6));
    await fakeBrowser.tabs.onRemoved.trigger(5, { windowId: 1, isWindowClosing: false });
    expect(await sendMessage('getTabState', 5)).toBeNull();
    expect(await sendMessage('getTabState', 6)).not.toBeNull();
  });

  it('survives a service-worker restart (state lives in storage.session)', async () => {
    await deliver('reportPage', report({ jinsa: 4 }), fromTab(9));
    stop?.();
    stop = startTabTracking();
    expect(await sendMessage('getTabState', 9)).toEqual(report({ jinsa: 4 }));
    expect(await snapshotArea('local')).toBe('{}');
  });
});

describe('tab state stores', () => {
  it('falls back to memory where storage.session is missing', async () => {
    const storageApi = fakeBrowser.storage as { session?: unknown };
    const session = storageApi.session;
    storageApi.session = undefined;
    try {
      const store = createTabStateStore();
      await store.set(3, report({ jinsa: 1 }));
      expect(await store.get(3)).toEqual(report({ jinsa: 1 }));
    } finally {
      storageApi.session = session;
    }
    expect(await snapshotArea('session')).toBe('{}');
  });

  it('keeps tabs apart in memory too', async () => {
    const store = createMemoryTabStore();
    await store.set(1, report({ a: 1 }));
    await store.set(2, report({ b: 1 }));
    await store.delete(1);
    expect(await store.entries()).toEqual([[2, report({ b: 1 })]]);
  });
});

describe('badge', () => {
  it('shows the number of topics per tab, with a matching title', async () => {
    stop = startTabTracking();
    await deliver('reportPage', report({ 'iran-deal': 3, 'abraham-accords': 1, jinsa: 0 }), fromTab(5));
    await deliver('reportPage', report({ jinsa: 1 }), fromTab(6));
    expect(await badgeOf(5)).toBe('2');
    expect(await badgeOf(6)).toBe('1');
    expect(await titleOf(5)).toBe('Policy Lens: 2 topics on this page');
    expect(await titleOf(6)).toBe('Policy Lens: 1 topic on this page');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([31, 42, 68, 255]);
  });

  it('caps the text at 99+', () => {
    const many = report(Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`topic-${i}`, 1])));
    expect(badgeText(many)).toBe('99+');
    expect(badgeText(report({}))).toBe('');
    expect(badgeText(null)).toBe('');
  });

  it('is cleared on navigation', async () => {
    stop = startTabTracking();
    await deliver('reportPage', report({ jinsa: 1 }), fromTab(5));
    expect(await badgeOf(5)).toBe('1');
    await navigate(5, { status: 'loading' });
    await vi.waitFor(async () => expect(await badgeOf(5)).toBe(''));
    expect(await titleOf(5)).toBe('Policy Lens: notes for this page');
  });

  it('stays off when the badge setting is off', async () => {
    await updateSettings({ showBadge: false });
    stop = startTabTracking();
    await deliver('reportPage', report({ jinsa: 1 }), fromTab(5));
    expect(await badgeOf(5)).toBe('');
    expect(await sendMessage('getTabState', 5)).toEqual(report({ jinsa: 1 }));
  });

  it('repaints every tab when the badge setting or the master switch changes', async () => {
    stop = startTabTracking();
    await deliver('reportPage', report({ jinsa: 1, 'iran-deal': 1 }), fromTab(5));
    await deliver('reportPage', report({ jinsa: 1 }), fromTab(6));

    await updateSettings({ showBadge: false });
    await vi.waitFor(async () => expect([await badgeOf(5), await badgeOf(6)]).toEqual(['', '']));

    await updateSettings({ showBadge: true });
    await vi.waitFor(async () => expect([await badgeOf(5), await badgeOf(6)]).toEqual(['2', '1']));

    await updateSettings({ enabled: false });
    await vi.waitFor(async () => expect([await badgeOf(5), await badgeOf(6)]).toEqual(['', '']));
  });

  it('stops listening when stopped', async () => {
    const stopTracking = startTabTracking();
    stopTracking();
    expect(fakeBrowser.tabs.onUpdated.hasListeners()).toBe(false);
    expect(fakeBrowser.tabs.onRemoved.hasListeners()).toBe(false);
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);
  });
});

describe('install and update', () => {
  it('opens the welcome page on first install only', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    stop = startInstallHandling();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(create).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/welcome.html' });

    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('leaves stored settings exactly as they were on update', async () => {
    await updateSettings({ theme: 'dark', pausedSites: ['example.com'] });
    const before = await snapshotArea('sync');
    await handleInstalled({ reason: 'update', previousVersion: '0.0.9' });
    expect(await snapshotArea('sync')).toBe(before);
  });
});
