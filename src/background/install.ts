/**
 * First install opens the welcome page. Updates open nothing and write
 * nothing: stored settings are migrated when they are read, never reset.
 */
import { browser, type Browser } from 'wxt/browser';

/** The welcome page, built from entrypoints/welcome. */
export const WELCOME_PAGE = '/welcome.html';

/** Reacts to one `runtime.onInstalled` event. */
export async function handleInstalled(details: Browser.runtime.InstalledDetails): Promise<void> {
  if (details.reason !== 'install') return;
  await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
}

/** Listens for installs; returns the function that stops listening. */
export function startInstallHandling(): () => void {
  const listener = (details: Browser.runtime.InstalledDetails) => void handleInstalled(details);
  browser.runtime.onInstalled.addListener(listener);
  return () => browser.runtime.onInstalled.removeListener(listener);
}
