/**
 * The content script's storage reads, started at document_start by the
 * early script and taken at document_idle by the content script: taken as
 * they are when storage has not changed since, read again when it has or
 * when there are none, never taken from anything but our own property.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { START_READS_KEY, startEarlyReads, takeStartReads } from '@/src/content/start-reads';
import type { ExtensionApi } from '@/src/extension/api';
import { BUILT_IN_TABLES_ID_KEY, BUILT_IN_TABLES_KEY, PACKS_INDEX_KEY } from '@/src/packs';
import { defaultSettings, SETTINGS_VERSION } from '@/src/settings';

const api = fakeBrowser as unknown as ExtensionApi;
const TABLES_ID = 'tables-1';

async function storeSettings(changes: Partial<ReturnType<typeof defaultSettings>>): Promise<void> {
  await fakeBrowser.storage.sync.set({ settings: { ...defaultSettings(), ...changes }, settings$: { v: SETTINGS_VERSION } });
}

beforeEach(async () => {
  fakeBrowser.reset();
  Reflect.deleteProperty(globalThis, START_READS_KEY);
  await storeSettings({ highlightStyle: 'background' });
  await fakeBrowser.storage.local.set({ [BUILT_IN_TABLES_KEY]: '{"tables":1}', [BUILT_IN_TABLES_ID_KEY]: TABLES_ID, [PACKS_INDEX_KEY]: [] });
});

afterEach(() => {
  Reflect.deleteProperty(globalThis, START_READS_KEY);
  vi.restoreAllMocks();
});

describe('the content script’s start reads', () => {
  it('are the early ones when storage has not changed since they started: no second read', async () => {
    const syncGet = vi.spyOn(fakeBrowser.storage.sync, 'get');
    const localGet = vi.spyOn(fakeBrowser.storage.local, 'get');
    startEarlyReads(api, TABLES_ID);
    expect(syncGet).toHaveBeenCalledTimes(1);
    expect(localGet).toHaveBeenCalledTimes(1);

    const reads = takeStartReads(api, TABLES_ID);
    expect(reads.early).toBe(true);
    expect((await reads.settings).highlightStyle).toBe('background');
    expect(await reads.startData).toEqual({ packs: [], builtInJson: '{"tables":1}' });
    expect(syncGet).toHaveBeenCalledTimes(1);
    expect(localGet).toHaveBeenCalledTimes(1);
    // Taken once: the property is gone.
    expect(Object.getOwnPropertyDescriptor(globalThis, START_READS_KEY)).toBeUndefined();
  });

  it('are read again when a setting changed between the early start and the content script', async () => {
    startEarlyReads(api, TABLES_ID);
    // The reader switches the style in the popup while the page loads.
    await storeSettings({ highlightStyle: 'none' });
    const reads = takeStartReads(api, TABLES_ID);
    expect(reads.early).toBe(false);
    expect((await reads.settings).highlightStyle).toBe('none');
  });

  it('are read again when the background stored other tables in between (after an update)', async () => {
    startEarlyReads(api, 'tables-2');
    await fakeBrowser.storage.local.set({ [BUILT_IN_TABLES_KEY]: '{"tables":2}', [BUILT_IN_TABLES_ID_KEY]: 'tables-2' });
    const reads = takeStartReads(api, 'tables-2');
    expect((await reads.startData).builtInJson).toBe('{"tables":2}');
  });

  it('are read at once when no early script ran (a tab injected into, a site the reader added)', async () => {
    const syncGet = vi.spyOn(fakeBrowser.storage.sync, 'get');
    const reads = takeStartReads(api, TABLES_ID);
    expect(syncGet).toHaveBeenCalledTimes(1);
    expect((await reads.settings).highlightStyle).toBe('background');
  });

  it('stop watching storage once taken', async () => {
    const removeListener = vi.spyOn(fakeBrowser.storage.onChanged, 'removeListener');
    startEarlyReads(api, TABLES_ID);
    takeStartReads(api, TABLES_ID);
    expect(removeListener).toHaveBeenCalledTimes(1);
  });

  it('are started once per frame: a second early run keeps the first reads', async () => {
    const syncGet = vi.spyOn(fakeBrowser.storage.sync, 'get');
    startEarlyReads(api, TABLES_ID);
    startEarlyReads(api, TABLES_ID);
    expect(syncGet).toHaveBeenCalledTimes(1);
  });

  it('are not started outside an extension', () => {
    startEarlyReads(undefined, TABLES_ID);
    expect(Object.getOwnPropertyDescriptor(globalThis, START_READS_KEY)).toBeUndefined();
  });

  it('never come from a page element named like the property (DOM clobbering puts it up the prototype chain)', async () => {
    const planted = { reads: { settings: Promise.resolve({ enabled: false }), startData: Promise.resolve({ packs: [] }) }, isStale: () => false, stopWatching: () => undefined };
    const above = Object.getPrototypeOf(globalThis) as Record<string, unknown>;
    Object.defineProperty(above, START_READS_KEY, { value: planted, configurable: true });
    try {
      const reads = takeStartReads(api, TABLES_ID);
      expect((await reads.settings).enabled).toBe(true);
      expect((await reads.settings).highlightStyle).toBe('background');
    } finally {
      Reflect.deleteProperty(above, START_READS_KEY);
    }
  });

  it('are read again when the property holds something else', async () => {
    Object.defineProperty(globalThis, START_READS_KEY, { value: { reads: null }, configurable: true });
    const reads = takeStartReads(api, TABLES_ID);
    expect((await reads.settings).highlightStyle).toBe('background');
    expect(Object.getOwnPropertyDescriptor(globalThis, START_READS_KEY)).toBeUndefined();
  });
});
