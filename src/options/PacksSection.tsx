/**
 * The note packs: the built-in notes and the packs the reader imported, each
 * with a switch; imported ones can be removed. A pack file is imported by
 * choosing it or dropping it on the section; one that would replace an
 * imported pack says what changes and waits for Replace; a refused one lists
 * every problem found. Everything a pack says is rendered as text.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX, RefObject } from 'preact';
import type { PackCounts } from '@/src/packs';
import { formatReportDate } from '@/src/ui/format';
import { t, type MessageKey } from '@/src/ui/i18n';
import { Switch } from '@/src/ui/switch';
import type { PackActions, PackReplacementView, PackStatus, PacksView, PackView } from './types';

/** Props of {@link PacksSection}. */
export interface PacksSectionProps {
  view: PacksView;
  actions: PackActions;
}

// Each count's label in the replacement question, and its one/many wording in the list.
const CHANGE_LABELS: Record<keyof PackCounts, MessageKey> = {
  topics: 'optionsPackChangeTopics',
  terms: 'optionsPackChangeTerms',
  findings: 'optionsPackChangeFindings',
};
const COUNT_WORDS: Record<keyof PackCounts, { one: MessageKey; many: MessageKey }> = {
  topics: { one: 'optionsPackTopicsOne', many: 'optionsPackTopicsMany' },
  terms: { one: 'optionsPackTermsOne', many: 'optionsPackTermsMany' },
  findings: { one: 'optionsPackFindingsOne', many: 'optionsPackFindingsMany' },
};

/** "6 topics, 17 terms, 8 findings". */
export function packCountsText(counts: PackCounts): string {
  return (Object.keys(COUNT_WORDS) as Array<keyof PackCounts>)
    .map((what) => (counts[what] === 1 ? t(COUNT_WORDS[what].one) : t(COUNT_WORDS[what].many, String(counts[what]))))
    .join(', ');
}

/** What the live region says after an action. */
function statusText(status: PackStatus | null): string {
  switch (status?.kind) {
    case 'checking':
      return t('optionsPackWorking');
    case 'imported':
      return t('optionsPackImported', [status.name, packCountsText(status.counts)]);
    case 'replaced':
      return t('optionsPackReplaced', [status.name, status.version]);
    case 'kept':
      return t('optionsPackKept', status.name);
    case 'removed':
      return t('optionsPackRemoved', status.name);
    default:
      return '';
  }
}

/** Whether a drag carries files (not text or a link dragged from the page). */
function carriesFiles(event: JSX.TargetedDragEvent<HTMLElement>): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

function PackItem({ pack, actions }: { pack: PackView; actions: PackActions }) {
  return (
    <li class="pl-packs__item">
      <div class="pl-packs__head">
        <Switch
          class="pl-packs__switch"
          label={pack.name}
          checked={pack.on}
          onChange={(on) => actions.onSetPackEnabled(pack.id, on)}
        />
        {pack.builtIn ? (
          <span class="pl-packs__badge">{t('optionsPackBuiltIn')}</span>
        ) : (
          <button
            type="button"
            class="pl-button pl-button--quiet"
            aria-label={t('optionsRemovePack', pack.name)}
            onClick={() => actions.onRemovePack(pack.id)}
          >
            {t('optionsRemove')}
          </button>
        )}
      </div>
      <p class="pl-packs__details">{t('optionsPackDetails', [pack.publisher, pack.version, formatReportDate(pack.date)])}</p>
      <p class="pl-packs__note">{pack.publisherNote}</p>
      <p class="pl-packs__counts">{packCountsText(pack.counts)}</p>
    </li>
  );
}

function ReplaceQuestion({
  replacement,
  actions,
  cancelButton,
}: {
  replacement: PackReplacementView;
  actions: PackActions;
  cancelButton: RefObject<HTMLButtonElement>;
}) {
  const { name, version } = replacement;
  return (
    <div class="pl-confirm pl-packs__confirm" role="group" aria-labelledby="pl-pack-replace-question">
      <p id="pl-pack-replace-question" class="pl-confirm__question">
        {t('optionsPackReplaceQuestion', name.before)}
      </p>
      <ul class="pl-packs__changes">
        {name.before !== name.after ? <li>{t('optionsPackChange', [t('optionsPackChangeName'), name.before, name.after])}</li> : null}
        <li>{t('optionsPackChange', [t('optionsPackChangeVersion'), version.before, version.after])}</li>
        {replacement.counts.map((change) => (
          <li key={change.what}>{t('optionsPackChange', [t(CHANGE_LABELS[change.what]), String(change.before), String(change.after)])}</li>
        ))}
      </ul>
      <div class="pl-row">
        <button type="button" class="pl-button" onClick={actions.onConfirmReplace}>
          {t('optionsPackReplace')}
        </button>
        <button type="button" class="pl-button" ref={cancelButton} onClick={actions.onCancelReplace}>
          {t('optionsPackCancel')}
        </button>
      </div>
    </div>
  );
}

/** The note packs section. */
export function PacksSection({ view, actions }: PacksSectionProps) {
  const [dragging, setDragging] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const wasAsking = useRef(false);
  const asking = view.replacement !== null;
  useEffect(() => {
    // Focus follows the question: onto its safe answer, then back to the control that led to it.
    if (asking) cancelButton.current?.focus();
    else if (wasAsking.current) fileInput.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  const importFirst = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) actions.onImportPackFile(file);
  };
  const acceptDrag = (event: JSX.TargetedDragEvent<HTMLElement>) => {
    if (!carriesFiles(event)) return;
    // Without this the browser would open the dropped file in place of the page.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  return (
    <section
      class={dragging ? 'pl-options__section pl-packs pl-packs--drop' : 'pl-options__section pl-packs'}
      aria-labelledby="pl-packs-title"
      onDragEnter={acceptDrag}
      onDragOver={acceptDrag}
      onDragLeave={(event) => {
        // Leaving for one of the section's own children is not leaving the section.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        importFirst(event.dataTransfer?.files);
      }}
    >
      <h2 id="pl-packs-title">{t('optionsPacksTitle')}</h2>
      <p class="pl-hint">{t('optionsPacksIntro')}</p>
      <ul class="pl-packs__list" aria-labelledby="pl-packs-title">
        {view.packs.map((pack) => (
          <PackItem key={pack.id} pack={pack} actions={actions} />
        ))}
      </ul>

      <div class="pl-packs__import">
        <label class="pl-button pl-file">
          {t('optionsPackImport')}
          <input
            id="pl-pack-file"
            ref={fileInput}
            class="pl-file__input"
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              const input = event.currentTarget;
              importFirst(input.files);
              // Clear the field (the file is in hand) so choosing the same file again still counts as a change.
              input.value = '';
            }}
          />
        </label>
        <p class="pl-hint">{dragging ? t('optionsPackDropHere') : t('optionsPackDropHint')}</p>
      </div>

      {view.replacement ? <ReplaceQuestion replacement={view.replacement} actions={actions} cancelButton={cancelButton} /> : null}
      {view.refusal ? (
        <div class="pl-message pl-message--error pl-packs__refusal" role="alert">
          <p>{t('optionsPackRefused', view.refusal.fileName)}</p>
          <ul class="pl-packs__problems">
            {view.refusal.problems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {view.failure ? (
        <p class="pl-message pl-message--error" role="alert">
          {view.failure}
        </p>
      ) : null}
      <p class="pl-message pl-packs__status" role="status">
        {statusText(view.status)}
      </p>
    </section>
  );
}
