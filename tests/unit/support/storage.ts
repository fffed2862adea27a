/** What the fake browser's storage holds, for tests that check nothing more (or nothing at all) was written. */
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** Everything a storage area holds, serialized: equal strings mean byte-identical storage. */
export async function snapshotArea(area: 'sync' | 'local' | 'session'): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage[area].get(null));
}
