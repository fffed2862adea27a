/**
 * The shapes the options page's views receive: plain data from the
 * controller and the reader's actions as callbacks.
 */
import type { Settings } from '@/src/settings';

/** A keyboard command and its current binding. */
export interface ShortcutView {
  name: string;
  description: string;
  /** Empty when the reader (or the browser) left it unbound. */
  shortcut: string;
}

/** Which browser's way of changing shortcuts to explain. */
export type ShortcutHelp = 'chrome' | 'firefox';

/** A site the reader enabled, as the browser granted it. */
export interface ExtraSite {
  /** The granted match pattern, e.g. "https://www.example.com/*". */
  origin: string;
  /** What the reader sees, e.g. "www.example.com" (with "http://" for plain-http grants). */
  label: string;
}

/** Sites the reader enabled beyond the built-in list. */
export interface ExtraSitesView {
  sites: readonly ExtraSite[];
  allSites: boolean;
}

/** Outcome of the last import. */
export type ImportState = { kind: 'idle' } | { kind: 'error'; message: string } | { kind: 'done' };

/** Everything the options page lets the reader do. */
export interface OptionsActions {
  /** Writes part of the settings; the view computes the new value. */
  onUpdate(patch: Partial<Settings>): void;
  /** Gives back the access granted for this origin pattern. */
  onRemoveExtraSite(origin: string): void;
  onRevokeAllSites(): void;
  onExport(): void;
  onImportFile(file: File): void;
  onRequestReset(): void;
  onConfirmReset(): void;
  onCancelReset(): void;
  onOpenShortcutSettings(): void;
}
