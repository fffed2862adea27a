/**
 * Everything the background does, started in one call: tab state and badge,
 * install handling, the built-in notes' tables in storage, stale note-pack tables,
 * extra-site registration, content-script requests (options page, the card script,
 * settings) and keyboard commands.
 */
import { browser } from 'wxt/browser';
import type { ExtensionApi } from '@/src/extension/api';
import { refreshStalePacks, type BuiltInTables } from '@/src/packs';
import { startSettingsMigrations } from '@/src/settings';
import { startBuiltInTables } from './built-in-tables';
import { registerCommandForwarding } from './commands';
import { startExtraSiteSync } from './extra-sites';
import { startInstallHandling } from './install';
import { startContentRequests } from './content-requests';
import { startTabTracking } from './tab-tracker';

/** What the build hands the background. */
export interface BackgroundStart {
  /** The built-in notes' compiled tables (scripts/build/compiled-notes.ts). */
  builtInTables: BuiltInTables;
}

/** Starts every background service; returns the function that stops them all. */
export function startBackground({ builtInTables }: BackgroundStart): () => void {
  // Stored settings are upgraded at every worker start (the first after an update included), before any read or write.
  startSettingsMigrations();
  // Imported packs' tables from before an update that changed their layout are compiled again (pages skip them meanwhile).
  void refreshStalePacks(browser as unknown as ExtensionApi).catch((error: unknown) => console.warn('[Policy Lens] note packs could not be refreshed', error));
  const stops = [
    startBuiltInTables(builtInTables),
    startTabTracking(),
    startInstallHandling(),
    startExtraSiteSync(),
    startContentRequests(),
    registerCommandForwarding(),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
