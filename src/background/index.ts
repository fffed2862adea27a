/**
 * Everything the background does, started in one call: tab state and badge,
 * install handling, stale note-pack tables, extra-site registration, content-script requests
 * (options page, the card script, settings) and keyboard commands.
 */
import { browser } from 'wxt/browser';
import type { ExtensionApi } from '@/src/extension/api';
import { refreshStalePacks } from '@/src/packs';
import { startSettingsMigrations } from '@/src/settings';
import { registerCommandForwarding } from './commands';
import { startExtraSiteSync } from './extra-sites';
import { startInstallHandling } from './install';
import { startContentRequests } from './content-requests';
import { startTabTracking } from './tab-tracker';

/** Starts every background service; returns the function that stops them all. */
export function startBackground(): () => void {
  // Stored settings are upgraded at every worker start (the first after an update included), before any read or write.
  startSettingsMigrations();
  // Imported packs' tables from before an update that changed their layout are compiled again (pages skip them meanwhile).
  void refreshStalePacks(browser as unknown as ExtensionApi).catch((error: unknown) => console.warn('[Policy Lens] note packs could not be refreshed', error));
  const stops = [
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
