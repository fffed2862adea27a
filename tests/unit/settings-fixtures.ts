/**
 * Shared by the settings, settings-import, background and extra-sites tests:
 * real English strings for `browser.i18n.getMessage` (the fake browser has
 * none), and a byte-exact snapshot of what storage holds.
 */
import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const messages = JSON.parse(
  readFileSync(new URL('../../assets/public/_locales/en/messages.json', import.meta.url), 'utf8'),
) as Record<string, MessageEntry>;

/** What Chrome's `i18n.getMessage` does: named placeholders, then `$1`…`$9`, `$$` for a dollar; '' for unknown keys. */
export function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const values = substitutions === undefined ? [] : [substitutions].flat();
  const withPlaceholders = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
    const placeholder = Object.entries(entry.placeholders ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
    return placeholder ? placeholder[1].content : whole;
  });
  return withPlaceholders.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
}

/** Makes `browser.i18n.getMessage` answer from the real messages.json (restored after each test by `restoreMocks`). */
export function useRealMessages(): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(getMessage as typeof fakeBrowser.i18n.getMessage);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
}

/** Everything a storage area holds, serialized: equal strings mean byte-identical storage. */
export async function snapshotArea(area: 'sync' | 'local' | 'session'): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage[area].get(null));
}
