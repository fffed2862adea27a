/**
 * Content scripts cannot open the options page themselves; the hover card's
 * "Settings" control asks the background to.
 */
import { browser } from 'wxt/browser';
import { onMessage } from '@/src/messaging/protocol';

/** Opens the options page when a content script asks; returns the function that stops listening. */
export function registerOpenOptionsPage(): () => void {
  return onMessage('openOptionsPage', () => browser.runtime.openOptionsPage());
}
