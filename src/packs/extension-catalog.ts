/**
 * The notes catalog as an extension page (the popup) loads it: every pack
 * that is on, read once. The bundled notes are passed in rather than imported
 * here, because the content script imports this folder too and must not
 * carry the notes it never reads (its card loads them on first use).
 */
import type { Dataset } from '@/src/data';
import type { ExtensionApi } from '@/src/extension/api';
import { createNotesCatalog, type CatalogPack, type NotesCatalog } from './catalog';
import { isBuiltInEnabled, loadEnabledNotes } from './enabled';

/** The built-in pack as the catalog holds it. */
export function builtInCatalogPack(builtIn: Dataset): CatalogPack {
  return { meta: builtIn.pack, notes: builtIn, builtIn: true };
}

/** A catalog of the bundled notes alone: no storage read at all. */
export function builtInCatalog(builtIn: Dataset): NotesCatalog {
  return createNotesCatalog([builtInCatalogPack(builtIn)]);
}

/**
 * The catalog of every pack that is on: the built-in pack unless the reader
 * turned it off, then the imported packs that are on. Reads the packs index
 * and then only the packs that are on, so with none imported it costs one
 * `storage.local` read. When the imported packs cannot be read (no extension
 * API, storage failing), it falls back to the built-in pack (if it is on)
 * rather than to nothing: those notes ship with the extension.
 */
export async function loadCatalog(
  api: ExtensionApi | undefined,
  disabledPacks: readonly string[],
  builtIn: Dataset,
): Promise<NotesCatalog> {
  const builtInOnly = () => createNotesCatalog(isBuiltInEnabled(disabledPacks) ? [builtInCatalogPack(builtIn)] : []);
  if (!api) return builtInOnly();
  try {
    return createNotesCatalog(await loadEnabledNotes(api, builtIn, disabledPacks));
  } catch {
    return builtInOnly();
  }
}
