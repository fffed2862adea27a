// @vitest-environment happy-dom
/**
 * The background with note packs. The badge counts the topics of every pack
 * that is on: the content script reports its marks' topics (imported ones by
 * their namespaced ids), and the background counts what it is told. Here the
 * real page marker, with the built-in and the example pack's matchers
 * combined as the content script combines them, reports through the real
 * page reporter to the real tab tracker. A card's topic switch, which goes
 * through the background, stores an imported topic by its namespaced id.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeText, topicCount } from '@/src/background/badge';
import { startContentRequests } from '@/src/background/content-requests';
import { parseTabState } from '@/src/background/tab-state';
import { startTabTracking } from '@/src/background/tab-tracker';
import { dataset } from '@/src/data';
import { combineMatchers, compileMatcher, loadMatcher } from '@/src/matching';
import type { PageReport } from '@/src/messaging/protocol';
import { createPageReporter } from '@/src/page';
import { getSettings } from '@/src/settings';
import { compiledExamplePack } from '../packs/support';
import { useRealMessages } from '../support/messages';
import { setBody, startMarker, usePageTestEnvironment } from '../support/page';

usePageTestEnvironment();

/** Delivers a message to the background as the content script of tab `tabId` would (see background.test.ts). */
function deliverFromTab(tabId: number, type: string, data: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(
      { id: 1, type, data, timestamp: Date.now() },
      { tab: { id: tabId } as Browser.tabs.Tab, frameId: 0 },
      resolve,
    );
  });
}

const badgeOf = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });

let stop: (() => void) | undefined;

beforeEach(() => {
  fakeBrowser.reset();
  useRealMessages();
  const stopTracking = startTabTracking();
  const stopRequests = startContentRequests();
  stop = () => {
    stopTracking();
    stopRequests();
  };
});

afterEach(() => {
  stop?.();
  stop = undefined;
});

describe('badge with note packs', () => {
  it('counts an imported topic like a built-in one', async () => {
    const report: PageReport = {
      url: 'https://www.example.com/story',
      topics: [
        { topic: 'mutual-defense-treaty', count: 2 },
        { topic: 'us-collective-defense/nato', count: 1 },
      ],
      scanning: false,
    };
    // The background keeps a report with namespaced ids as it came.
    expect(parseTabState(report)).toEqual(report);
    expect(topicCount(report)).toBe(2);
    await deliverFromTab(5, 'reportPage', report);
    expect(await badgeOf(5)).toBe('2');
    expect(await fakeBrowser.action.getTitle({ tabId: 5 })).toBe('Policy Lens: 2 topics on this page');
  });

  it('counts the topics the page marks from every pack that is on, as the content script reports them', async () => {
    setBody('<article><p>NATO leaders said the North Atlantic Treaty still binds the allies, and the ANZUS partners agreed.</p></article>');
    const example = compiledExamplePack();
    const { marker } = await startMarker({
      matcher: () => combineMatchers([compileMatcher(dataset), loadMatcher(example.tables)]),
      topics: [...dataset.topics, ...example.notes.topics].map((topic) => topic.id),
    });
    const reports: PageReport[] = [];
    const abort = new AbortController();
    const reporter = createPageReporter({
      marker,
      send: async (report) => {
        reports.push(report);
        return deliverFromTab(7, 'reportPage', report);
      },
      url: () => 'https://www.example.com/story',
      isValid: () => true,
      signal: abort.signal,
      delayMs: 0,
    });
    reporter.schedule();
    await expect.poll(() => badgeOf(7)).toBe('3');
    abort.abort();
    expect(reports.at(-1)?.topics.map((entry) => entry.topic).sort()).toEqual([
      'us-alliances-nato',
      'us-collective-defense/anzus',
      'us-collective-defense/nato',
    ]);
    expect(badgeText(reports.at(-1)!)).toBe('3');
  });
});

describe('topic switches from a card, with note packs', () => {
  it('turn an imported topic off and on by its namespaced id', async () => {
    expect(await deliverFromTab(5, 'setTopicEnabled', { topic: 'us-collective-defense/nato', enabled: false })).toEqual({ res: true });
    expect((await getSettings()).disabledTopics).toEqual(['us-collective-defense/nato']);
    expect(await deliverFromTab(5, 'setTopicEnabled', { topic: 'us-collective-defense/nato', enabled: true })).toEqual({ res: true });
    expect((await getSettings()).disabledTopics).toEqual([]);
  });
});
