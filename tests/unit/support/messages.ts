/**
 * Real English strings for `browser.i18n.getMessage` (the fake browser has
 * none). Imports messages.json as a module, so it works under happy-dom as
 * well as in Node.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import rawMessages from '@/assets/public/_locales/en/messages.json';

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const messages = rawMessages as unknown as Record<string, MessageEntry>;

/** What Chrome's `i18n.getMessage` does: named placeholders, then `$1`…`$9`, `$$` for a dollar; '' for unknown keys. */
export function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const values = substitutions === undefined ? [] : [substitutions].flat();
  const placeholders = Object.entries(entry.placeholders ?? {});
  const filled = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
    const placeholder = placeholders.find(([key]) => key.toLowerCase() === name.toLowerCase());
    return placeholder ? placeholder[1].content : whole;
  });
  return filled.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
}

/** Makes `browser.i18n.getMessage` answer from the real messages.json (undone after each test by `restoreMocks`). */
export function useEnglishMessages(): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(getMessage as typeof fakeBrowser.i18n.getMessage);
}

/** {@link useEnglishMessages}, and an English UI language for `browser.i18n.getUILanguage`. */
export function useRealMessages(): void {
  useEnglishMessages();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
}
