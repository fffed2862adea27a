/**
 * Everything the background does, started in one call: tab state and badge,
 * install handling, extra-site registration, content-script requests
 * (options page, the card script, settings) and keyboard commands.
 */
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
