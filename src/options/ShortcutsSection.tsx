/**
 * The keyboard shortcuts as the browser has them bound now, and where the
 * reader changes them (the browser owns shortcuts; extensions cannot set them).
 */
import { OPEN_POPUP_COMMAND } from '@/src/commands';
import { t } from '@/src/ui/i18n';
import type { ShortcutHelp, ShortcutView } from './types';

/** Props of {@link ShortcutsSection}. */
export interface ShortcutsSectionProps {
  /** Null while loading or when the browser does not list commands. */
  shortcuts: readonly ShortcutView[] | null;
  help: ShortcutHelp;
  onOpenShortcutSettings: () => void;
}

// The popup command has no description of its own in either browser.
const describe = (shortcut: ShortcutView) =>
  shortcut.description || (shortcut.name === OPEN_POPUP_COMMAND ? t('optionsShortcutOpenPopup') : shortcut.name);

/** Current bindings and how to change them. */
export function ShortcutsSection({ shortcuts, help, onOpenShortcutSettings }: ShortcutsSectionProps) {
  return (
    <section class="pl-options__section" aria-labelledby="pl-shortcuts-title">
      <h2 id="pl-shortcuts-title">{t('optionsShortcutsTitle')}</h2>
      {shortcuts && shortcuts.length > 0 ? (
        <table class="pl-shortcuts">
          <thead>
            <tr>
              <th scope="col">{t('optionsShortcutAction')}</th>
              <th scope="col">{t('optionsShortcutKeys')}</th>
            </tr>
          </thead>
          <tbody>
            {shortcuts.map((shortcut) => (
              <tr key={shortcut.name}>
                <td>{describe(shortcut)}</td>
                <td>
                  {shortcut.shortcut ? (
                    <kbd class="pl-kbd">{shortcut.shortcut}</kbd>
                  ) : (
                    <span class="pl-muted">{t('optionsShortcutUnset')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="pl-muted">{t('optionsShortcutsNone')}</p>
      )}
      <p class="pl-hint">{help === 'firefox' ? t('optionsShortcutsHowFirefox') : t('optionsShortcutsHowChrome')}</p>
      <button type="button" class="pl-button" onClick={onOpenShortcutSettings}>
        {t('optionsShortcutsOpen')}
      </button>
    </section>
  );
}
