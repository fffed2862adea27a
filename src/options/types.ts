/**
 * The shapes the options page's views receive: plain data from the
 * controller and the reader's actions as callbacks.
 */
import type { PackCounts } from '@/src/packs';
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

/** Outcome of the last settings import (`packs`: how many note packs the file brought). */
export type ImportState = { kind: 'idle' } | { kind: 'error'; message: string } | { kind: 'done'; packs: number };

/** What an export includes besides the settings. */
export interface ExportChoice {
  /** The imported note packs (the built-in notes ship with the extension and are never exported). */
  includePacks: boolean;
}

/** Everything the options page lets the reader do. */
export interface OptionsActions {
  /** Writes part of the settings; the view computes the new value. */
  onUpdate(patch: Partial<Settings>): void;
  /** Gives back the access granted for this origin pattern. */
  onRemoveExtraSite(origin: string): void;
  onRevokeAllSites(): void;
  onExport(choice: ExportChoice): void;
  onImportFile(file: File): void;
  onRequestReset(): void;
  onConfirmReset(): void;
  onCancelReset(): void;
  onOpenShortcutSettings(): void;
}

/** One note pack as the options page lists it. */
export interface PackView {
  id: string;
  name: string;
  publisher: string;
  publisherNote: string;
  version: string;
  /** When this version was written: "2026-12" or "2026-12-05". */
  date: string;
  counts: PackCounts;
  /** The notes that ship with Policy Lens: they can be turned off, never removed. */
  builtIn: boolean;
  on: boolean;
}

/** What replacing an imported pack with the chosen file changes, for the reader to confirm or cancel. */
export interface PackReplacementView {
  /** The name of the pack as imported now, and in the chosen file. */
  name: { before: string; after: string };
  version: { before: string; after: string };
  counts: ReadonlyArray<{ what: keyof PackCounts; before: number; after: number }>;
}

/** A pack file that was refused, with every problem found in it (plain text, as the pack checker words them). */
export interface PackRefusal {
  fileName: string;
  problems: readonly string[];
}

/** What the last note pack action did, for the section's live region. */
export type PackStatus =
  | { kind: 'checking' }
  | { kind: 'imported'; name: string; counts: PackCounts }
  | { kind: 'replaced'; name: string; version: string }
  | { kind: 'kept'; name: string }
  | { kind: 'removed'; name: string };

/** The note packs section's state. */
export interface PacksView {
  /** The built-in pack first, then the imported ones in import order. */
  packs: readonly PackView[];
  /** A chosen file that would replace an imported pack, waiting for the reader's answer. */
  replacement: PackReplacementView | null;
  refusal: PackRefusal | null;
  /** Why storage refused the last change to the packs, if it did. */
  failure: string | null;
  status: PackStatus | null;
}

/** What the note packs section lets the reader do. */
export interface PackActions {
  onSetPackEnabled(id: string, on: boolean): void;
  /** Imported packs only. */
  onRemovePack(id: string): void;
  onImportPackFile(file: File): void;
  onConfirmReplace(): void;
  onCancelReplace(): void;
}
