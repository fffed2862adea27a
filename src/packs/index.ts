/**
 * Note packs: the bundled notes are the built-in pack; readers import others
 * as files. Everything outside this folder imports packs through here.
 */
export { createNotesCatalog, type CatalogPack, type NotesCatalog } from './catalog';
export { compilePack, countsOf, namespacedId, namespacePack, packOfId, packSourceOf, type CompiledPack, type PackCounts } from './compile-pack';
export { enabledImportedPacks, enabledOf, isBuiltInEnabled, loadEnabledNotes } from './enabled';
export { confirmPackImport, countChanges, preparePackImport, type PackImportResult, type PackPreview } from './import';
export { BUILT_IN_TABLES_ID_KEY, BUILT_IN_TABLES_KEY, parseBuiltInTables, readPageStartData, storeBuiltInTables, type BuiltInTables, type PageStartData } from './built-in-tables';
export { PACK_LIMITS } from './limits';
export { refreshStalePacks } from './refresh';
export { isCurrentTables, listPacks, packKey, PACKS_INDEX_KEY, readPack, readPackTables, removePack, savePack, savePacks, type PackEntry, type StoredPack } from './store';
export { BUILT_IN_PACK_ID, checkPack, checkPackText, type PackCheck } from './validate-pack';
export { builtInCatalog, builtInCatalogPack, loadCatalog } from './extension-catalog';
