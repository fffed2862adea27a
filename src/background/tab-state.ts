/**
 * What each tab's content script last reported. MV3 service workers stop
 * when idle, so the state lives in `storage.session` (kept in memory by the
 * browser, never written to disk, gone when the browser closes: right for
 * private windows too); where that area is missing it falls back to memory.
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import type { PageReport } from '@/src/messaging/protocol';

/** A tab's state: the content script's last report. */
export type TabState = PageReport;

/** Where tab states are kept. */
export interface TabStateStore {
  get(tabId: number): Promise<TabState | null>;
  set(tabId: number, state: TabState): Promise<void>;
  delete(tabId: number): Promise<void>;
  /** Every tab with a state, for refreshing all badges at once. */
  entries(): Promise<Array<[tabId: number, state: TabState]>>;
}

const KEY_PREFIX = 'tab:';
// Bounds for what a content script may report: pages are untrusted, so are their messages.
const MAX_URL_LENGTH = 8192;
const MAX_TOPICS = 500;

const TabStateSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(MAX_URL_LENGTH)),
  topics: v.pipe(
    v.array(
      v.object({
        topic: v.pipe(v.string(), v.maxLength(200)),
        count: v.pipe(v.number(), v.integer(), v.minValue(0)),
      }),
    ),
    v.maxLength(MAX_TOPICS),
  ),
  scanning: v.boolean(),
});

/** A report as the background will keep it, or null when the message is not a valid report. */
export function parseTabState(input: unknown): TabState | null {
  const result = v.safeParse(TabStateSchema, input);
  return result.success ? result.output : null;
}

/** Tab states in a storage area (normally `storage.session`), one key per tab so tabs never overwrite each other. */
export function createStorageTabStore(area: Browser.storage.StorageArea): TabStateStore {
  const keyOf = (tabId: number) => `${KEY_PREFIX}${tabId}`;
  return {
    async get(tabId) {
      const key = keyOf(tabId);
      return parseTabState((await area.get(key))[key]);
    },
    async set(tabId, state) {
      await area.set({ [keyOf(tabId)]: state });
    },
    async delete(tabId) {
      await area.remove(keyOf(tabId));
    },
    async entries() {
      const all = await area.get(null);
      const entries: Array<[number, TabState]> = [];
      for (const [key, value] of Object.entries(all)) {
        const tabId = Number(key.slice(KEY_PREFIX.length));
        const state = key.startsWith(KEY_PREFIX) ? parseTabState(value) : null;
        if (state && Number.isInteger(tabId)) entries.push([tabId, state]);
      }
      return entries;
    },
  };
}

/** Tab states in memory: lost whenever the service worker stops. */
export function createMemoryTabStore(): TabStateStore {
  const states = new Map<number, TabState>();
  return {
    get: async (tabId) => states.get(tabId) ?? null,
    set: async (tabId, state) => void states.set(tabId, state),
    delete: async (tabId) => void states.delete(tabId),
    entries: async () => [...states.entries()],
  };
}

/** The best store this browser offers: `storage.session` when present, memory otherwise. */
export function createTabStateStore(): TabStateStore {
  const session = browser.storage.session as Browser.storage.StorageArea | undefined;
  return session ? createStorageTabStore(session) : createMemoryTabStore();
}
