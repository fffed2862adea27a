/**
 * Everything the background does, started in one call: tab state and badge,
 * install handling, extra-site registration, content-script requests
 * (options page, the card script, settings) and keyboard commands.
 */
import { registerCommandForwarding } from './commands';
import { startExtraSiteSync } from './extra-sites';
import { startInstallHandling } from './install';
import { startContentRequests } from './content-requests';
import { startTabTracking } from './tab-tracker';

/** Starts every background service; returns the function that stops them all. */
export function startBackground(): () => void {
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
