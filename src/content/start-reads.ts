/**
 * The storage reads the content script waits for before it can mark
 * anything: the settings (`storage.sync`), and the imported packs' index
 * with the built-in tables (`storage.local`). Started as early as the browser
 * allows: a small script that runs at `document_start`
 * (`entrypoints/prefetch.content/index.ts`) starts them while the page is still
 * being parsed and leaves them on this isolated world's global object, which
 * every content script of the extension in this frame shares and the page
 * cannot see. The content script proper runs at `document_idle` and takes
 * them, by then usually answered: the round trip to the browser (15–23 ms
 * at page load, README "Benchmarks") is no longer in front of its first marks.
 *
 * A change to storage between the two starts (a setting changed in the
 * popup while the page loads, the background storing new tables after an
 * update) makes the early reads stale, and the content script reads again.
 * So does a start without them: a tab the script was injected into gets the
 * content script alone. (Sites the reader added get both scripts, registered
 * by the background: src/sites/extra-sites.ts.)
 */
import type { ExtensionApi } from '@/src/extension/api';
import { readPageStartData, type PageStartData } from '@/src/packs';
import { ownGlobal } from '@/src/safe-globals';
import type { Settings } from '@/src/settings';
import { readSettings } from './settings-feed';

/** The reads, each of which settles (never rejects). */
export interface StartReads {
  settings: Promise<Settings>;
  startData: Promise<PageStartData>;
  /** Whether these are the reads started at `document_start`. */
  early: boolean;
}

/** The own property of the isolated world's global object that holds early reads until the content script takes them. */
export const START_READS_KEY = '__policyLensStartReads';

/** What the early script leaves: the reads, whether storage changed since they started, and how to stop watching. */
interface EarlyReads {
  reads: StartReads;
  isStale(): boolean;
  stopWatching(): void;
}

const NO_START_DATA: PageStartData = { packs: [], builtInJson: undefined };

/** Starts the reads now. */
export function startReads(api: ExtensionApi, builtInTablesId: string): StartReads {
  return {
    settings: readSettings(api),
    startData: readPageStartData(api, builtInTablesId).catch(() => NO_START_DATA),
    early: false,
  };
}

/**
 * At `document_start`: starts the reads and leaves them for the content
 * script, watching storage until it takes them. Does nothing outside an
 * extension, or when reads are already waiting (a second run in one frame).
 */
export function startEarlyReads(api: ExtensionApi | undefined, builtInTablesId: string): void {
  if (!api || ownGlobal(START_READS_KEY) !== undefined) return;
  let stale = false;
  const listener = () => {
    stale = true;
    stopWatching();
  };
  const stopWatching = () => {
    try {
      api.storage.onChanged.removeListener(listener);
    } catch {
      // The extension is gone, and its listener with it.
    }
  };
  // Watching starts before reading: a change that lands while the reads are on their way is seen.
  api.storage.onChanged.addListener(listener);
  const early: EarlyReads = { reads: { ...startReads(api, builtInTablesId), early: true }, isStale: () => stale, stopWatching };
  Object.defineProperty(globalThis, START_READS_KEY, { value: early, configurable: true });
}

/** Whether `value` is what `startEarlyReads` leaves (only our own code can set the property, but a wrong shape must not break the start). */
function isEarlyReads(value: unknown): value is EarlyReads {
  const candidate = value as Partial<EarlyReads> | null | undefined;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.isStale === 'function' &&
    typeof candidate.stopWatching === 'function' &&
    typeof candidate.reads?.settings?.then === 'function' &&
    typeof candidate.reads.startData?.then === 'function'
  );
}

/**
 * For the content script: the early reads when they are there and storage
 * has not changed since they started, else reads started now. Either way
 * the early reads are taken (the property removed, storage no longer watched for them).
 */
export function takeStartReads(api: ExtensionApi, builtInTablesId: string): StartReads {
  const early = ownGlobal(START_READS_KEY);
  Reflect.deleteProperty(globalThis, START_READS_KEY);
  if (!isEarlyReads(early)) return startReads(api, builtInTablesId);
  early.stopWatching();
  return early.isStale() ? startReads(api, builtInTablesId) : early.reads;
}
