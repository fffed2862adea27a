/**
 * Keyboard shortcuts (the manifest's `commands`, changeable by the reader in
 * the browser's shortcut settings) arrive in the background; the page's
 * content script does the work, so they are forwarded to the active tab.
 */
import { browser, type Browser } from 'wxt/browser';
import { MENTION_COMMANDS } from '@/src/commands';
import { sendMessage } from '@/src/messaging/protocol';

/** Forwards the mention commands to the active tab's content script; returns the function that stops it. */
export function registerCommandForwarding(): () => void {
  const listener = (command: string, tab?: Browser.tabs.Tab) => {
    const direction =
      command === MENTION_COMMANDS.next ? 'next' : command === MENTION_COMMANDS.previous ? 'previous' : undefined;
    if (!direction) return;
    void forward(direction, tab);
  };
  browser.commands.onCommand.addListener(listener);
  return () => browser.commands.onCommand.removeListener(listener);
}

async function forward(direction: 'next' | 'previous', tab: Browser.tabs.Tab | undefined): Promise<void> {
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  // Pages without our content script (new tab, unlisted sites) have no one to answer.
  await sendMessage('navigateMention', { direction }, tabId).catch(() => undefined);
}
