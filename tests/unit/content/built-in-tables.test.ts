/**
 * How a page gets the built-in tables: from what storage held, else from the
 * background (the real one, `startBuiltInTables`), which then stores them for
 * the pages after this one. A failure leaves the page marked without them and
 * is not remembered: the next session asks again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBuiltInTables } from '@/src/background/built-in-tables';
import { createBuiltInTablesLoader } from '@/src/content/built-in-tables';
import { dataset } from '@/src/data';
import { matcherSourceOf } from '@/src/data/matcher-source';
import type { ExtensionApi } from '@/src/extension/api';
import { compileMatcherTables, shipMatcher } from '@/src/matching';
import { BUILT_IN_TABLES_ID_KEY, BUILT_IN_TABLES_KEY, readPageStartData } from '@/src/packs/built-in-tables';

const api = fakeBrowser as unknown as ExtensionApi;
const json = JSON.stringify(shipMatcher(compileMatcherTables(matcherSourceOf(dataset))));
const TABLES = { id: 'build-1', json };

/** Sends as the content script does, to the listeners the background registered (the fake browser's own sendMessage gives no reply). */
function routeMessagesToBackground() {
  return vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(
    (message: unknown) =>
      new Promise((resolve) => {
        void fakeBrowser.runtime.onMessage.trigger(message, {}, resolve);
      }) as never,
  );
}

const warn = () => vi.spyOn(console, 'warn').mockImplementation(() => undefined);

let stopBackground: (() => void) | undefined;

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  stopBackground?.();
  stopBackground = undefined;
});

describe('the built-in tables for a page', () => {
  it('come from storage when it holds them, with no message, and once for all sessions', async () => {
    const send = routeMessagesToBackground();
    const load = createBuiltInTablesLoader(api, Promise.resolve(json));
    const first = await load();
    expect(first?.topicCount).toBe(dataset.topics.length);
    expect(await load()).toBe(first);
    expect(send).not.toHaveBeenCalled();
  });

  it('come from the background when storage holds none, and the background stores them for the next page', async () => {
    const send = routeMessagesToBackground();
    // The page asks before the background's first write has landed.
    stopBackground = startBuiltInTables(TABLES);
    const load = createBuiltInTablesLoader(api, Promise.resolve(undefined));
    expect((await load())?.topicCount).toBe(dataset.topics.length);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.waitFor(async () => expect((await readPageStartData(api, TABLES.id)).builtInJson).toBe(json));
    expect((await fakeBrowser.storage.local.get(BUILT_IN_TABLES_ID_KEY))[BUILT_IN_TABLES_ID_KEY]).toBe(TABLES.id);
  });

  it('come from the background when what storage held is not tables of this layout', async () => {
    routeMessagesToBackground();
    stopBackground = startBuiltInTables(TABLES);
    const load = createBuiltInTablesLoader(api, Promise.resolve('{"format":"policy-lens/0"}'));
    expect((await load())?.topicCount).toBe(dataset.topics.length);
  });

  it('are none when the background cannot answer either; the next session tries again', async () => {
    const warning = warn();
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    const load = createBuiltInTablesLoader(api, Promise.resolve(undefined));
    expect(await load()).toBeUndefined();
    expect(warning).toHaveBeenCalledWith(expect.stringContaining('built-in notes could not be read'), expect.any(Error));
    send.mockRestore();
    routeMessagesToBackground();
    stopBackground = startBuiltInTables(TABLES);
    expect((await load())?.topicCount).toBe(dataset.topics.length);
  });

  it('are none when the background sends something that is not tables', async () => {
    warn();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ res: '<html>' } as never);
    expect(await createBuiltInTablesLoader(api, Promise.resolve(undefined))()).toBeUndefined();
  });
});

describe('the background keeping the built-in tables', () => {
  it('stores them at start, and an answered page does not make it write again', async () => {
    routeMessagesToBackground();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    stopBackground = startBuiltInTables(TABLES);
    await vi.waitFor(() => expect(set).toHaveBeenCalledTimes(1));
    expect(await fakeBrowser.storage.local.get([BUILT_IN_TABLES_KEY, BUILT_IN_TABLES_ID_KEY])).toEqual({ [BUILT_IN_TABLES_KEY]: json, [BUILT_IN_TABLES_ID_KEY]: TABLES.id });
    await createBuiltInTablesLoader(api, Promise.resolve(undefined))();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(set).toHaveBeenCalledTimes(1);
  });

  it('still answers pages when storage refuses the write', async () => {
    const warning = warn();
    routeMessagesToBackground();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    stopBackground = startBuiltInTables(TABLES);
    expect((await createBuiltInTablesLoader(api, Promise.resolve(undefined))())?.topicCount).toBe(dataset.topics.length);
    await vi.waitFor(() => expect(warning).toHaveBeenCalledWith(expect.stringContaining('could not be stored'), expect.any(Error)));
  });
});
