/**
 * The content script's view of the settings: read at start, followed on every change. A change in
 * the current shape applies at once; one in another shape is repaired by the background, whose
 * late answers never undo a newer change and whose silence never resets the page to the defaults.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BACKGROUND_ATTEMPTS, BACKGROUND_RETRY_MS, readSettings, watchSettings } from '@/src/content/settings-feed';
import type { ExtensionApi } from '@/src/extension/api';
import { defaultSettings, SETTINGS_VERSION, type Settings } from '@/src/settings';

const api = fakeBrowser as unknown as ExtensionApi;

/** The background's answers to `getSettings`, in the order they are asked for; each settles when the test says. */
interface PendingAnswer {
  answer(settings: Settings): void;
  fail(): void;
}
let asked: PendingAnswer[];

beforeEach(() => {
  fakeBrowser.reset();
  asked = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(
    () =>
      new Promise((resolve, reject) => {
        asked.push({ answer: (settings) => resolve({ res: settings }), fail: () => reject(new Error('Could not establish connection.')) });
      }) as never,
  );
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Stores settings the way an older build or a hand edit might leave them: not in the current shape. */
const OLD_SHAPE = { enabled: true, highlightStyle: 'background' };

async function flush(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
}

function follow(): { seen: Settings[]; stop(): void } {
  const seen: Settings[] = [];
  const lifetime = new AbortController();
  watchSettings(api, (settings) => seen.push(settings), lifetime.signal);
  return { seen, stop: () => lifetime.abort() };
}

describe('the content script’s settings', () => {
  it('reads current settings straight from storage, without the background', async () => {
    await fakeBrowser.storage.sync.set({ settings: { ...defaultSettings(), markMode: 'first' }, settings$: { v: SETTINGS_VERSION } });
    expect((await readSettings(api)).markMode).toBe('first');
    expect(asked).toHaveLength(0);
  });

  it('starts with the defaults when the background cannot repair settings of another shape', async () => {
    await fakeBrowser.storage.sync.set({ settings: OLD_SHAPE });
    const reading = readSettings(api);
    await flush();
    asked[0]!.fail();
    expect(await reading).toEqual(defaultSettings());
  });

  it('applies a change in the current shape at once', async () => {
    const { seen, stop } = follow();
    await fakeBrowser.storage.sync.set({ settings: { ...defaultSettings(), highlightStyle: 'none' } });
    expect(seen.map((settings) => settings.highlightStyle)).toEqual(['none']);
    expect(asked).toHaveLength(0);
    stop();
  });

  it('applies the background’s repair of a change in another shape', async () => {
    const { seen, stop } = follow();
    await fakeBrowser.storage.sync.set({ settings: OLD_SHAPE });
    await flush();
    asked[0]!.answer({ ...defaultSettings(), highlightStyle: 'background' });
    await flush();
    expect(seen.map((settings) => settings.highlightStyle)).toEqual(['background']);
    stop();
  });

  it('never lets a late answer undo a newer change', async () => {
    const { seen, stop } = follow();
    await fakeBrowser.storage.sync.set({ settings: OLD_SHAPE });
    await flush();
    // A newer change, in the current shape, applies before the background answers for the first.
    await fakeBrowser.storage.sync.set({ settings: { ...defaultSettings(), disabledTopics: ['wmd'] } });
    asked[0]!.answer({ ...defaultSettings(), highlightStyle: 'background' });
    await flush();
    expect(seen.map((settings) => settings.disabledTopics)).toEqual([['wmd']]);
    stop();
  });

  it('asks the background once more, a moment later, when it did not answer', async () => {
    vi.useFakeTimers();
    const { seen, stop } = follow();
    await fakeBrowser.storage.sync.set({ settings: OLD_SHAPE });
    await flush();
    asked[0]!.fail();
    await flush();
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(BACKGROUND_RETRY_MS);
    expect(asked).toHaveLength(2);
    asked[1]!.answer({ ...defaultSettings(), highlightStyle: 'background' });
    await flush();
    expect(seen.map((settings) => settings.highlightStyle)).toEqual(['background']);
    stop();
  });

  it('does not ask again for a change that a newer one overtook', async () => {
    vi.useFakeTimers();
    const { seen, stop } = follow();
    await fakeBrowser.storage.sync.set({ settings: OLD_SHAPE });
    await flush();
    asked[0]!.fail();
    await flush();
    await fakeBrowser.storage.sync.set({ settings: { ...defaultSettings(), markMode: 'first' } });
    await vi.advanceTimersByTimeAsync(BACKGROUND_RETRY_MS);
    expect(asked).toHaveLength(1);
    expect(seen.map((settings) => settings.markMode)).toEqual(['first']);
    stop();
  });

  it('keeps the settings it has, not the defaults, when the background never answers', async () => {
    vi.useFakeTimers();
    const { seen, stop } = follow();
    await fakeBrowser.storage.sync.set({ settings: OLD_SHAPE });
    for (let attempt = 0; attempt < BACKGROUND_ATTEMPTS; attempt += 1) {
      await flush();
      asked[attempt]!.fail();
      await flush();
      await vi.advanceTimersByTimeAsync(BACKGROUND_RETRY_MS);
    }
    expect(asked).toHaveLength(BACKGROUND_ATTEMPTS);
    expect(seen).toEqual([]);
    stop();
  });

  it('stops following once its signal aborts, answers in flight included', async () => {
    const { seen, stop } = follow();
    await fakeBrowser.storage.sync.set({ settings: OLD_SHAPE });
    await flush();
    stop();
    asked[0]!.answer({ ...defaultSettings(), highlightStyle: 'background' });
    await fakeBrowser.storage.sync.set({ settings: { ...defaultSettings(), highlightStyle: 'none' } });
    await flush();
    expect(seen).toEqual([]);
  });
});
