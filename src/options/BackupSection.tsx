/**
 * Moving settings between browsers (export to a JSON file, with the imported
 * note packs if the reader asks; import it back, refused with a reason when
 * invalid) and resetting them, after confirmation.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/src/ui/i18n';
import type { ExportChoice, ImportState } from './types';

/** Props of {@link BackupSection}. */
export interface BackupSectionProps {
  importState: ImportState;
  resetConfirming: boolean;
  /** The last reset went through. */
  resetDone: boolean;
  /** How many note packs the reader imported: with none, export offers no choice about them. */
  importedPacks: number;
  onExport: (choice: ExportChoice) => void;
  onImportFile: (file: File) => void;
  onRequestReset: () => void;
  onConfirmReset: () => void;
  onCancelReset: () => void;
}

/** "Settings imported.", and how many note packs came with them. */
function importDoneText(packs: number): string {
  if (packs === 0) return t('optionsImportDone');
  return packs === 1 ? t('optionsImportDonePacksOne') : t('optionsImportDonePacksMany', String(packs));
}

/** Export, import and reset. */
export function BackupSection(props: BackupSectionProps) {
  const { importState, resetConfirming } = props;
  const [includePacks, setIncludePacks] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    // Focus follows the question: onto its safe answer, then back to the button that asked it.
    if (resetConfirming) cancelButton.current?.focus();
    else if (wasConfirming.current) resetButton.current?.focus();
    wasConfirming.current = resetConfirming;
  }, [resetConfirming]);

  return (
    <section class="pl-options__section" aria-labelledby="pl-backup-title">
      <h2 id="pl-backup-title">{t('optionsBackupTitle')}</h2>
      <p class="pl-hint">{t('optionsBackupIntro')}</p>
      <div class="pl-row">
        <button type="button" class="pl-button" onClick={() => props.onExport({ includePacks: includePacks && props.importedPacks > 0 })}>
          {t('optionsExport')}
        </button>
        <label class="pl-button pl-file">
          {t('optionsImport')}
          <input
            class="pl-file__input"
            type="file"
            accept="application/json,.json"
            onChange={(event) => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              // Clear the field so choosing the same file again still counts as a change.
              input.value = '';
              if (file) props.onImportFile(file);
            }}
          />
        </label>
      </div>
      {props.importedPacks > 0 ? (
        <div class="pl-choice">
          <input
            id="pl-export-packs"
            class="pl-choice__input"
            type="checkbox"
            checked={includePacks}
            aria-describedby="pl-export-packs-hint"
            onChange={(event) => setIncludePacks(event.currentTarget.checked)}
          />
          <label for="pl-export-packs">{t('optionsExportIncludePacks')}</label>
          <p id="pl-export-packs-hint" class="pl-choice__hint">
            {t('optionsExportIncludePacksHint')}
          </p>
        </div>
      ) : null}
      {importState.kind === 'error' ? (
        <p class="pl-message pl-message--error" role="alert">
          {t('optionsImportRefused', importState.message)}
        </p>
      ) : null}
      <p class="pl-message" role="status">
        {importState.kind === 'done' ? importDoneText(importState.packs) : ''}
      </p>

      <h3 id="pl-reset-title">{t('optionsResetTitle')}</h3>
      {resetConfirming ? (
        <div class="pl-confirm" role="group" aria-labelledby="pl-reset-question">
          <p id="pl-reset-question" class="pl-confirm__question">
            {t('optionsResetQuestion')}
          </p>
          <div class="pl-row">
            <button type="button" class="pl-button pl-button--danger" onClick={props.onConfirmReset}>
              {t('optionsResetConfirm')}
            </button>
            <button type="button" class="pl-button" ref={cancelButton} onClick={props.onCancelReset}>
              {t('optionsResetCancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="pl-button" ref={resetButton} onClick={props.onRequestReset}>
          {t('optionsReset')}
        </button>
      )}
      <p class="pl-message" role="status">
        {props.resetDone && !resetConfirming ? t('optionsResetDone') : ''}
      </p>
    </section>
  );
}
