/**
 * The reader's theme on a UI root. tokens.css reads `data-theme="light" | "dark"`
 * on the root as an override; without it the UI follows the system preference
 * (`prefers-color-scheme`). The one way every UI applies it: the hover card on
 * its layer, the popup, options and welcome pages on their document root
 * (through `useDocumentTheme`).
 */
import type { ThemePreference } from '@/src/settings';

/** Sets `element`'s theme: `light` or `dark` override the system preference; `system` removes the override. */
export function applyTheme(element: Element, theme: ThemePreference): void {
  if (theme === 'system') element.removeAttribute('data-theme');
  else element.setAttribute('data-theme', theme);
}
