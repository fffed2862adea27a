/**
 * The content script's one start: everything it owns is started here and
 * tied to `ctx`, whose invalidation (extension update, reload, removal, a
 * newer copy) tears it all down in one place:
 *
 * - the orphan watch and the guard against forged WXT restarts,
 * - the settings watch and the watch over imported note packs (storage.onChanged),
 * - the message answers (popup and keyboard-command requests),
 * - in Firefox, the request for highlight styles inside shadow roots (`shadow-mark-styles.ts`),
 * - a session per set of packs that are on (`startSession`), which owns
 *   the page marker (reads and marks the page; its MutationObserver and
 *   timers), the hover-card controller (pointer, click and key listeners,
 *   made once the page has a mark: `card-on-first-marks.ts`; the card itself
 *   loads on first use, see `card-loader.ts`) and the page reporter (topics
 *   to the background, for the badge and popup).
 *
 * Nothing here reads a global the page could shadow: the extension API comes
 * from `src/extension/api.ts`, highlights from the marker's own registry
 * lookup, and messages go over `page-channel.ts`.
 */
import type { ContentScriptContext } from '#imports';
import { createHoverCardController, type HoverCardController } from '@/src/card';
import type { ExtensionApi } from '@/src/extension/api';
import { combineMatchers, loadMatcher, type ShippedMatcher } from '@/src/matching';
import { answerMessages, sendToBackground } from '@/src/messaging/page-channel';
import { enabledOf, isBuiltInEnabled, listPacks, PACKS_INDEX_KEY, readPackTables, type PackEntry } from '@/src/packs';
import { createPageMarker, createPageReporter, createYieldToHost, supportsHighlights, type PageMarker, type PageReporter } from '@/src/page';
import type { Settings } from '@/src/settings';
import { CONTENT_SCRIPT_GUARD_KEY } from '@/src/sites';
import { createBuiltInTablesLoader } from './built-in-tables';
import { createCardLoader } from './card-loader';
import { createCardOnFirstMarks } from './card-on-first-marks';
import { ignoreForgedRestarts } from './forged-restarts';
import { stopWhenOrphaned } from './orphan-watch';
import { watchSettings } from './settings-feed';
import { takeStartReads } from './start-reads';
import { createShadowMarkStyles } from './shadow-mark-styles';
import type { BenchTiming } from './timing';

export interface ContentScriptStart {
  ctx: ContentScriptContext;
  api: ExtensionApi | undefined;
  /** The id of the built-in notes' compiled tables this script was built with (it reads them from storage). */
  builtInTablesId: string;
  timing?: BenchTiming;
}

/** Starts Policy Lens on this page (once per page), until `ctx` is invalidated. */
export async function startContentScript({ ctx, api, builtInTablesId, timing }: ContentScriptStart): Promise<void> {
  // First, before any await: from here on the page cannot stop us by forging WXT's restart event.
  ignoreForgedRestarts(ctx);
  // Without the Highlight API we could only mark by editing the page, which we never do.
  if (!api || !supportsHighlights()) return;
  // A site enabled by the reader may also be injected into an open tab: one instance per page, ever.
  if (Object.getOwnPropertyDescriptor(globalThis, CONTENT_SCRIPT_GUARD_KEY)) return;
  Object.defineProperty(globalThis, CONTENT_SCRIPT_GUARD_KEY, { value: true, configurable: true });
  ctx.onInvalidated(() => Reflect.deleteProperty(globalThis, CONTENT_SCRIPT_GUARD_KEY));
  // After an update, reload or disable, stop (and take our marks away) instead of lingering.
  stopWhenOrphaned(ctx);

  // The settings, the imported packs' list and the built-in tables: read together, usually since
  // document_start and answered by now (start-reads.ts).
  const reads = takeStartReads(api, builtInTablesId);
  if (timing) timing.earlyReads = reads.early;
  const packList = reads.startData.then((data) => data.packs);
  const builtInTables = createBuiltInTablesLoader(api, reads.startData.then((data) => data.builtInJson));
  let settings: Settings = await reads.settings;
  // Early reads are usually answered already, so without a yield the set-up below (the tables parsed,
  // the marker made) would run in the task that loaded this script, and the two together made long
  // tasks on busy pages (npm run bench). Late reads come back in a task of their own: no harm there.
  await createYieldToHost(ctx.signal)();
  if (ctx.isInvalid) return;

  // Everything that depends on which note packs are on lives in a session: turning a pack on or off,
  // or importing or removing one, ends the session and starts the next (the marks of packs now off go).
  // One loader for the page: a session after a pack change makes a new card from the same script.
  const loadCard = createCardLoader(ctx, api);
  // Firefox only (the build drops it elsewhere): see shadow-mark-styles.ts.
  const shadowMarkStyles = import.meta.env.FIREFOX ? createShadowMarkStyles(() => sendToBackground(api, 'styleShadowMarks', undefined)) : null;
  let session = await startSession({ ctx, api, builtInTables, settings, timing, loadCard, shadowMarkStyles, packList, getSettings: () => settings });
  let starting: Promise<void> | null = null;
  const restart = () => {
    const previous = starting ?? Promise.resolve();
    starting = previous.then(async () => {
      session.stop();
      if (ctx.isInvalid) return;
      session = await startSession({ ctx, api, builtInTables, settings, loadCard, shadowMarkStyles, getSettings: () => settings });
    });
    void starting.finally(() => (starting = null));
  };
  watchSettings(
    api,
    (next) => {
      const packsChanged = next.disabledPacks.join('\n') !== settings.disabledPacks.join('\n');
      settings = next;
      if (packsChanged) restart();
      else session.marker.update(next);
    },
    ctx.signal,
  );
  watchImportedPacks(api, restart, ctx.signal);
  // Single-page sites change the URL without reloading us.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    session.card.close();
    session.reporter.schedule();
  });

  answerMessages(
    api,
    {
      getPageReport: () => session.reporter.current(),
      revealMention: ({ topic, index }) => session.marker.reveal(topic, index),
      navigateMention: ({ direction }) => (direction === 'next' ? session.card.openNext() : session.card.openPrevious()),
    },
    ctx.signal,
  );
}

interface SessionStart {
  ctx: ContentScriptContext;
  api: ExtensionApi;
  /** The built-in notes' tables (read once per page). */
  builtInTables(): Promise<ShippedMatcher | undefined>;
  settings: Settings;
  getSettings(): Settings;
  /** Makes the hover card (its script is injected once per page, on first use). */
  loadCard: ReturnType<typeof createCardLoader>;
  /** The imported packs' list when already being read (the first session); later sessions read it again. */
  packList?: Promise<PackEntry[]>;
  /** Firefox: asks for the highlight styles inside shadow roots once a mark lands there. */
  shadowMarkStyles: ReturnType<typeof createShadowMarkStyles> | null;
  timing?: BenchTiming;
}

/** What one session owns: the marker over the packs that are on, the card controller and the reporter. */
interface Session {
  marker: PageMarker;
  card: HoverCardController;
  reporter: PageReporter;
  stop(): void;
}

/** Starts marking with the packs that are on now; `stop` (or the context's end) tears it all down. */
async function startSession({ ctx, api, builtInTables, settings, getSettings, loadCard, shadowMarkStyles, packList, timing }: SessionStart): Promise<Session> {
  const lifetime = new AbortController();
  const stopWithContext = () => lifetime.abort();
  ctx.signal.addEventListener('abort', stopWithContext, { once: true });
  lifetime.signal.addEventListener('abort', () => ctx.signal.removeEventListener('abort', stopWithContext), { once: true });

  const imported = enabledOf(await (packList ?? listPacks(api).catch(() => [])), settings.disabledPacks);
  const [builtIn, importedTables] = await Promise.all([
    isBuiltInEnabled(settings.disabledPacks) ? builtInTables() : undefined,
    readPackTables(api, imported.map((entry) => entry.meta.id)).catch(() => []),
  ]);
  const shipped = [...(builtIn ? [builtIn] : []), ...importedTables];
  const topics = shipped.flatMap((packTables) => packTables.topics.slice(0, packTables.topicCount));
  const marker = createPageMarker({
    matcher: () => combineMatchers(shipped.map(loadMatcher)),
    topics,
    settings,
    signal: lifetime.signal,
    // With the storage reads started early, the frame was the next wait before the first marks (README, Benchmarks).
    firstScanWithoutFrame: true,
  });

  if (timing) {
    const stopTiming = marker.registry.subscribe(() => {
      const now = performance.now();
      if (timing.firstMarks === null && marker.registry.marks().length > 0) timing.firstMarks = now;
      if (!marker.scanning && timing.settled === null) {
        timing.settled = now;
        stopTiming();
      }
    });
    lifetime.signal.addEventListener('abort', stopTiming, { once: true });
  }

  shadowMarkStyles?.watch(marker.registry, lifetime.signal);

  const card = createCardOnFirstMarks(
    marker.registry,
    () =>
      createHoverCardController({
        registry: marker.registry,
        loadSurface: loadCard,
        getSettings: () => getSettings(),
        setTopicEnabled: (topic, enabled) => sendToBackground(api, 'setTopicEnabled', { topic, enabled }).then(() => undefined),
        openSettings: () => void sendToBackground(api, 'openOptionsPage', undefined).catch(() => undefined),
        signal: lifetime.signal,
        timing: timing?.card,
      }),
    lifetime.signal,
  );
  window.addEventListener('pagehide', () => card.close(), { signal: lifetime.signal });

  const reporter = createPageReporter({
    marker,
    send: (report) => sendToBackground(api, 'reportPage', report),
    url: () => location.href,
    isValid: () => ctx.isValid && !lifetime.signal.aborted,
    signal: lifetime.signal,
  });
  reporter.schedule();
  return { marker, card, reporter, stop: () => lifetime.abort() };
}

/** Calls `onChange` when packs are imported, replaced or removed (the index in `storage.local` changes). */
function watchImportedPacks(api: ExtensionApi, onChange: () => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && PACKS_INDEX_KEY in changes) onChange();
  };
  api.storage.onChanged.addListener(listener);
  signal.addEventListener(
    'abort',
    () => {
      try {
        api.storage.onChanged.removeListener(listener);
      } catch {
        // The extension is gone, and its listener with it.
      }
    },
    { once: true },
  );
}
