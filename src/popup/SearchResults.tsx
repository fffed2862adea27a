/**
 * Search results as a listbox driven from the search field (combobox
 * pattern): the field keeps focus, arrows move the active option, Enter opens.
 */
import { useEffect } from 'preact/hooks';
import type { NotesCatalog } from '@/src/packs';
import type { SearchResult } from '@/src/search';
import { t } from '@/src/ui/i18n';
import { Highlighted } from './Highlighted';
import { importedPackName } from './TopicList';

/** How many matching other names of a topic a result shows. */
const MAX_TERMS_SHOWN = 3;

/** Id of the results listbox, for the field's aria-controls. */
export const RESULTS_ID = 'pl-search-results';

/** Id of the option for result `index`, for the field's aria-activedescendant. */
export function resultId(index: number): string {
  return `pl-result-${index}`;
}

/** Props of {@link SearchResults}. */
export interface SearchResultsProps {
  query: string;
  results: readonly SearchResult[];
  /** The notes searched: every pack that is on. */
  notes: NotesCatalog;
  active: number;
  onActivate: (index: number) => void;
  onOpen: (index: number) => void;
}

/** The imported pack a result comes from, named under its kind; nothing for the built-in notes. */
function PackOf({ notes, topicId }: { notes: NotesCatalog; topicId: string }) {
  const name = importedPackName(notes, topicId);
  return name === undefined ? null : (
    <span class="pl-result__pack">
      <span class="pl-visually-hidden">{t('uiPackLead')} </span>
      {name}
    </span>
  );
}

function ResultContent({ result, notes }: { result: SearchResult; notes: NotesCatalog }) {
  if (result.kind === 'topic') {
    return (
      <>
        <span class="pl-result__kind">{t('popupResultTopic')}</span>
        <PackOf notes={notes} topicId={result.topicId} />
        <span class="pl-result__title">
          <Highlighted segments={result.label} />
        </span>
        {result.terms.length > 0 ? (
          <span class="pl-result__terms">
            {t('popupResultAlsoCalled')}{' '}
            {result.terms.slice(0, MAX_TERMS_SHOWN).map((term, index) => (
              <span key={index}>
                {index > 0 ? ', ' : ''}
                <Highlighted segments={term} />
              </span>
            ))}
          </span>
        ) : null}
        <span class="pl-result__detail">
          <Highlighted segments={result.summary} />
        </span>
      </>
    );
  }
  return (
    <>
      <span class="pl-result__kind">
        {t('popupResultFinding', notes.getTopic(result.topicId)?.label ?? result.topicId)}
      </span>
      <PackOf notes={notes} topicId={result.topicId} />
      {result.figure ? (
        <span class="pl-result__figure">
          <Highlighted segments={result.figure} />
        </span>
      ) : null}
      <span class="pl-result__title pl-result__title--finding">
        <Highlighted segments={result.text} />
      </span>
      <span class="pl-result__detail">
        <Highlighted segments={result.reportTitle} />
      </span>
    </>
  );
}

/** The results of a search, or a message that nothing matched. */
export function SearchResults({ query, results, notes, active, onActivate, onOpen }: SearchResultsProps) {
  useEffect(() => {
    // Keep the active option visible while arrowing through a long list.
    if (active >= 0) document.getElementById(resultId(active))?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  return (
    <section class="pl-results" aria-label={t('popupResultsLabel')}>
      <p class="pl-visually-hidden" role="status">
        {results.length === 0 ? '' : t('popupResultCount', String(results.length))}
      </p>
      {results.length === 0 ? (
        <p class="pl-empty">{t('popupNoResults', query.trim())}</p>
      ) : (
        <ul id={RESULTS_ID} class="pl-results__list" role="listbox" aria-label={t('popupResultsLabel')}>
          {results.map((result, index) => (
            <li
              key={result.kind === 'topic' ? `t:${result.topicId}` : `f:${result.findingId}`}
              id={resultId(index)}
              role="option"
              aria-selected={index === active}
              class={index === active ? 'pl-result pl-result--active' : 'pl-result'}
              onMouseMove={() => index !== active && onActivate(index)}
              onClick={() => onOpen(index)}
            >
              <ResultContent result={result} notes={notes} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
