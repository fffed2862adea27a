/** The reader's theme on an extension page's root element (popup, options, welcome). */
import { useEffect } from 'preact/hooks';
import type { ThemePreference } from '@/src/settings';
import { applyTheme } from './theme';

/** Keeps the page's root element in `theme` while the component is mounted. */
export function useDocumentTheme(theme: ThemePreference): void {
  useEffect(() => applyTheme(document.documentElement, theme), [theme]);
}
