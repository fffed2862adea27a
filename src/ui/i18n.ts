/**
 * Looks up user-visible strings in `_locales/<lang>/messages.json` through
 * `browser.i18n`, so every page of the extension speaks the reader's language.
 */
import { browser } from 'wxt/browser';

/** Names of the messages in `_locales/en/messages.json` (typed by WXT from that file). */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/**
 * The localised message `key`, with its placeholders filled from `substitutions`.
 * Falls back to the key itself so a missing string is visible, never blank.
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
