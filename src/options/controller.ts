/**
 * The options page's controller: reads and watches settings, the enabled
 * extra sites and the browser's shortcut bindings; writes every change and
 * reports refused writes; runs export, import and reset. The note packs have
 * their own controller (packs-controller.ts), composed in here.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ExtensionApi } from '@/src/extension/api';
import {
  exportBackup,
  getSettings,
  importBackupFile,
  resetSettings,
  settingsFileName,
  updateSettings,
  watchSettings,
  type Settings,
  type WriteResult,
} from '@/src/settings';
import { ALL_SITES_ORIGINS, getExtraSites, removeExtraSites, watchExtraSites } from '@/src/sites';
import { t } from '@/src/ui/i18n';
import type { OptionsViewProps } from './OptionsView';
import { usePacksController } from './packs-controller';
import type { ExtraSite, ExtraSitesView, ImportState, OptionsActions, ShortcutHelp, ShortcutView } from './types';

/** The extension API as the pack and backup modules take it (an extension page has the real one). */
const api = browser as unknown as ExtensionApi;

/** Chrome's shortcut page; Firefox opens its own through `commands.openShortcutSettings`. */
const CHROME_SHORTCUTS_URL = 'chrome://extensions/shortcuts';

/** Splits granted patterns into "all sites" and the sites enabled one by one, labelled for the reader. */
export function extraSitesView(origins: readonly string[]): ExtraSitesView {
  const sites: ExtraSite[] = origins
    .filter((origin) => !ALL_SITES_ORIGINS.includes(origin))
    .map((origin) => {
      const match = /^(https?):\/\/([^/]+)\/\*$/.exec(origin);
      const label = !match ? origin : match[1] === 'https' ? (match[2] as string) : `http://${match[2]}`;
      return { origin, label };
    });
  return { sites, allSites: ALL_SITES_ORIGINS.some((origin) => origins.includes(origin)) };
}

/** Offers `text` as a file download named `fileName`. */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download; the URL is no longer needed once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What the options page renders: the view's props (null until settings are read) and the theme. */
export interface OptionsController {
  view: OptionsViewProps | null;
  theme: Settings['theme'];
}

/** All state and actions of the options page. */
export function useOptionsController(): OptionsController {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [shortcuts, setShortcuts] = useState<ShortcutView[] | null>(null);
  const [extraOrigins, setExtraOrigins] = useState<string[]>([]);
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });
  const [resetConfirming, setResetConfirming] = useState(false);
  const [resetDone, setResetDone] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    void getSettings().then((loaded) => active && setSettings(loaded));
    void getExtraSites().then((origins) => active && setExtraOrigins(origins));
    browser.commands
      .getAll()
      .then((commands) => {
        if (!active) return;
        setShortcuts(
          commands.map((command) => ({
            name: command.name ?? '',
            description: command.description ?? '',
            shortcut: command.shortcut ?? '',
          })),
        );
      })
      .catch(() => active && setShortcuts(null));
    const unwatchSettings = watchSettings(setSettings);
    const unwatchSites = watchExtraSites(setExtraOrigins);
    return () => {
      active = false;
      unwatchSettings();
      unwatchSites();
    };
  }, []);

  const report = (result: WriteResult) => setSaveError(result.ok ? null : result.message);
  const packs = usePacksController(settings?.disabledPacks ?? [], report);
  const shortcutHelp: ShortcutHelp = import.meta.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';

  const actions: OptionsActions = {
    onUpdate: (patch) => void updateSettings(patch).then(report),
    onRemoveExtraSite: (origin) => void removeExtraSites([origin]),
    onRevokeAllSites: () => void removeExtraSites(ALL_SITES_ORIGINS),
    onExport: (choice) => {
      exportBackup(api, choice).then(
        (result) => {
          if (!result.ok) {
            setSaveError(t('optionsExportFailed', result.message));
            return;
          }
          setSaveError(null);
          download(result.text, settingsFileName());
        },
        (error: unknown) => setSaveError(t('optionsExportFailed', error instanceof Error ? error.message : String(error))),
      );
    },
    onImportFile: (file) => {
      void importBackupFile(api, file).then((result) =>
        setImportState(result.ok ? { kind: 'done', packs: result.packs.length } : { kind: 'error', message: result.message }),
      );
    },
    onRequestReset: () => {
      setResetDone(false);
      setResetConfirming(true);
    },
    onCancelReset: () => setResetConfirming(false),
    onConfirmReset: () => {
      setResetConfirming(false);
      void resetSettings().then((result) => {
        report(result);
        setResetDone(result.ok);
      });
    },
    onOpenShortcutSettings: () => {
      const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
      if (commands.openShortcutSettings) void commands.openShortcutSettings();
      else void browser.tabs.create({ url: CHROME_SHORTCUTS_URL });
    },
  };

  return {
    view: settings
      ? {
          settings,
          shortcuts,
          shortcutHelp,
          extraSites: extraSitesView(extraOrigins),
          importState,
          resetConfirming,
          resetDone,
          saveError,
          actions,
          packs: packs.view,
          packActions: packs.actions,
          importedPacks: packs.importedCount,
        }
      : null,
    theme: settings?.theme ?? 'system',
  };
}
