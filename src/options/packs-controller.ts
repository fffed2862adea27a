/**
 * The options page's note packs: lists the built-in pack and the imported
 * ones (watching `storage.local`, so a pack imported in another tab or by a
 * settings import shows at once), imports a chosen file (a file that would
 * replace an imported pack waits for the reader to confirm), removes packs,
 * and switches packs on and off through the `disabledPacks` setting.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { dataset } from '@/src/data';
import type { ExtensionApi } from '@/src/extension/api';
import {
  confirmPackImport,
  countChanges,
  countsOf,
  listPacks,
  PACK_LIMITS,
  PACKS_INDEX_KEY,
  preparePackImport,
  removePack,
  type PackEntry,
  type PackPreview,
} from '@/src/packs';
import { updateSettings, type WriteResult } from '@/src/settings';
import { t } from '@/src/ui/i18n';
import type { PackActions, PackRefusal, PackReplacementView, PackStatus, PacksView, PackView } from './types';

/** The extension API as the pack store takes it (the options page is an extension page: it is the real one). */
const api = browser as unknown as ExtensionApi;

/** The built-in pack first, then the imported ones in import order, each on unless `disabledPacks` lists it. */
export function packsView(imported: readonly PackEntry[], disabledPacks: readonly string[]): PackView[] {
  const off = new Set(disabledPacks);
  const builtIn = dataset.pack;
  const entries = [
    { meta: builtIn, counts: countsOf(dataset), builtIn: true },
    ...imported.map((entry) => ({ meta: entry.meta, counts: entry.counts, builtIn: false })),
  ];
  return entries.map(({ meta, counts, builtIn: isBuiltIn }) => ({
    id: meta.id,
    name: meta.name,
    publisher: meta.publisher,
    publisherNote: meta.publisherNote,
    version: meta.version,
    date: meta.date,
    counts,
    builtIn: isBuiltIn,
    on: !off.has(meta.id),
  }));
}

/** The turned-off list with `packId` switched on or off (kept once, in order). */
export function withPackEnabled(disabledPacks: readonly string[], packId: string, on: boolean): string[] {
  const others = disabledPacks.filter((id) => id !== packId);
  return on ? others : [...others, packId];
}

/** What a replacement changes: name, version and counts, before and after. */
export function replacementView(replaces: PackEntry, preview: PackPreview): PackReplacementView {
  const { meta, counts } = preview.pack;
  return {
    name: { before: replaces.meta.name, after: meta.name },
    version: { before: replaces.meta.version, after: meta.version },
    counts: countChanges(replaces.counts, counts),
  };
}

/** A chosen pack file read, checked and compiled (nothing is written), or refused with every problem. */
export type PackFileOutcome = { ok: true; preview: PackPreview } | { ok: false; refusal: PackRefusal };

/**
 * Reads and checks a chosen pack file. A file larger than a pack may be is
 * refused from its size alone, before it is read into memory.
 */
export async function readPackFile(extensionApi: ExtensionApi, file: File): Promise<PackFileOutcome> {
  const refuse = (problems: string[]): PackFileOutcome => ({ ok: false, refusal: { fileName: file.name, problems } });
  if (file.size > PACK_LIMITS.fileBytes) return refuse([t('optionsPackTooLarge', [String(file.size), String(PACK_LIMITS.fileBytes)])]);
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return refuse([t('optionsPackUnreadable', messageOf(error))]);
  }
  const result = await preparePackImport(extensionApi, text);
  return result.ok ? result : refuse(result.problems);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Calls `onChange` whenever the imported packs' index changes, until `signal` aborts. */
function watchPacksIndex(extensionApi: ExtensionApi, onChange: () => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && PACKS_INDEX_KEY in changes) onChange();
  };
  extensionApi.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => extensionApi.storage.onChanged.removeListener(listener), { once: true });
}

/** The note packs section's state and actions. */
export interface PacksController {
  view: PacksView;
  actions: PackActions;
  /** How many packs are imported (the backup section offers to export them). */
  importedCount: number;
}

/**
 * State and actions of the note packs section. `disabledPacks` is the stored
 * setting as the page last read it; `reportWrite` shows a refused settings
 * write as the page's other settings do.
 */
export function usePacksController(disabledPacks: readonly string[], reportWrite: (result: WriteResult) => void): PacksController {
  const [imported, setImported] = useState<PackEntry[]>([]);
  const [pending, setPending] = useState<PackPreview | null>(null);
  const [refusal, setRefusal] = useState<PackRefusal | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState<PackStatus | null>(null);
  // Writes made after an await use the setting as it is then, not as it was when the action began.
  const latestDisabled = useRef(disabledPacks);
  latestDisabled.current = disabledPacks;
  // Each chosen file starts a new run; the outcome of a run overtaken by a newer choice is dropped.
  const importRun = useRef(0);

  useEffect(() => {
    const lifetime = new AbortController();
    const reload = () => {
      listPacks(api).then(
        (entries) => !lifetime.signal.aborted && setImported(entries),
        (error: unknown) => !lifetime.signal.aborted && setFailure(t('optionsPackFailed', messageOf(error))),
      );
    };
    reload();
    watchPacksIndex(api, reload, lifetime.signal);
    return () => lifetime.abort();
  }, []);

  const clearMessages = () => {
    setRefusal(null);
    setFailure(null);
    setStatus(null);
  };
  const fail = (error: unknown) => {
    setStatus(null);
    setFailure(t('optionsPackFailed', messageOf(error)));
  };

  /**
   * Shows what an import or removal did. The list is read again first, so the
   * status a screen reader announces never describes a list the page has not
   * shown yet (the index watcher alone would update it a moment later).
   */
  const report = async (done: PackStatus) => {
    try {
      setImported(await listPacks(api));
    } catch (error) {
      fail(error);
      return;
    }
    setStatus(done);
  };

  /** Keeps a checked pack and shows it listed. */
  const keep = async (preview: PackPreview, replacing: boolean) => {
    try {
      await confirmPackImport(api, preview);
    } catch (error) {
      fail(error);
      return;
    }
    const { meta, counts } = preview.pack;
    await report(replacing ? { kind: 'replaced', name: meta.name, version: meta.version } : { kind: 'imported', name: meta.name, counts });
  };

  const actions: PackActions = {
    onSetPackEnabled: (id, on) => {
      void updateSettings({ disabledPacks: withPackEnabled(latestDisabled.current, id, on) }).then(reportWrite);
    },
    onRemovePack: (id) => {
      const entry = imported.find((candidate) => candidate.meta.id === id);
      if (!entry) return;
      clearMessages();
      void (async () => {
        try {
          await removePack(api, id);
        } catch (error) {
          fail(error);
          return;
        }
        // After the pack is gone, so that the pack is never on again in between.
        if (latestDisabled.current.includes(id)) {
          reportWrite(await updateSettings({ disabledPacks: latestDisabled.current.filter((other) => other !== id) }));
        }
        await report({ kind: 'removed', name: entry.meta.name });
      })();
    },
    onImportPackFile: (file) => {
      const run = ++importRun.current;
      setPending(null);
      clearMessages();
      setStatus({ kind: 'checking' });
      void readPackFile(api, file)
        .then(async (outcome) => {
          if (run !== importRun.current) return;
          if (!outcome.ok) {
            setStatus(null);
            setRefusal(outcome.refusal);
          } else if (outcome.preview.replaces) {
            setStatus(null);
            setPending(outcome.preview);
          } else {
            await keep(outcome.preview, false);
          }
        })
        .catch((error: unknown) => run === importRun.current && fail(error));
    },
    onConfirmReplace: () => {
      if (!pending) return;
      importRun.current += 1;
      setPending(null);
      void keep(pending, true);
    },
    onCancelReplace: () => {
      if (!pending) return;
      importRun.current += 1;
      setPending(null);
      setStatus({ kind: 'kept', name: pending.replaces?.meta.name ?? pending.pack.meta.name });
    },
  };

  return {
    view: {
      packs: packsView(imported, disabledPacks),
      replacement: pending?.replaces ? replacementView(pending.replaces, pending) : null,
      refusal,
      failure,
      status,
    },
    actions,
    importedCount: imported.length,
  };
}
