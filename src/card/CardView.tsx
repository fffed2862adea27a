/**
 * The hover card as a pure view: props in, markup out. State (which topic tab
 * is active, expanded or not, pinned or not) lives in the controller.
 */
import type { JSX } from 'preact';
import type { Finding, Topic } from '@/src/data';
import {
  FindingList,
  FindingsByPack,
  moreFindingsLabel,
  publishersOf,
  ReportSourceLine,
  type PackLookup,
  type ReportLookup,
} from '@/src/ui/findings';
import { t } from '@/src/ui/i18n';

/** How many findings a collapsed card shows per topic. */
export const FINDINGS_SHOWN = 3;

/** One topic of the hovered mention and what the reports say about it. */
export interface CardTopic {
  topic: Topic;
  /** Most relevant first. */
  findings: Finding[];
  /** The reader turned this topic off from this card (it can be turned back on here). */
  off: boolean;
}

/** Props of {@link CardView}. */
export interface CardViewProps {
  /** Prefix for element ids, unique in the shadow root. */
  idPrefix: string;
  /** The mention's topics, in the order the mention names them; at least one. */
  topics: CardTopic[];
  /** The exact page text that matched (shown as text, quoted). */
  matchedText: string;
  /** Id of the topic whose tab is shown (ignored with one topic). */
  activeTopicId: string;
  /** Show every finding of the active topic instead of the first {@link FINDINGS_SHOWN}. */
  expanded: boolean;
  pinned: boolean;
  getReport?: ReportLookup;
  /**
   * Which pack each finding comes from. Given when the card must say so (its
   * topics come from several packs, or from an imported one): then each
   * pack's findings show under a line naming the pack and its publisher.
   */
  packOf?: PackLookup;
  onSelectTopic(topicId: string): void;
  onToggleExpanded(): void;
  onPin(): void;
  onClose(): void;
  /** Turn a topic off (false) or back on (true) everywhere. */
  onSetTopicEnabled(topicId: string, enabled: boolean): void;
  onOpenSettings(): void;
}

/** The card: header, the mention's topic(s) with their findings and sources, and controls. */
export function CardView(props: CardViewProps) {
  const { idPrefix, topics, matchedText, pinned } = props;
  const active = topics.find((entry) => entry.topic.id === props.activeTopicId) ?? topics[0];
  if (!active) return null;
  const multiple = topics.length > 1;
  const titleId = `${idPrefix}-title`;
  const matchedId = `${idPrefix}-matched`;

  return (
    <section
      class="pl-card"
      role="dialog"
      aria-labelledby={multiple ? matchedId : titleId}
      aria-describedby={multiple ? undefined : matchedId}
      tabIndex={-1}
    >
      <header class="pl-card__header">
        <p class="pl-card__brand">
          <span class="pl-card__brand-mark" aria-hidden="true" />
          {t('extName')}
        </p>
        <div class="pl-card__actions">
          <button
            type="button"
            class="pl-button pl-button--quiet pl-button--icon"
            aria-pressed={pinned}
            aria-label={t('cardPin')}
            title={t('cardPin')}
            onClick={props.onPin}
          >
            <PinIcon />
          </button>
          <button
            type="button"
            class="pl-button pl-button--quiet pl-button--icon"
            aria-label={t('cardClose')}
            title={t('cardCloseTitle')}
            onClick={props.onClose}
          >
            <CloseIcon />
          </button>
        </div>
      </header>

      {multiple ? null : (
        <h2 class="pl-card__title" id={titleId}>
          {active.topic.label}
        </h2>
      )}
      <p class="pl-card__matched" id={matchedId}>
        {multiple ? t('cardTopicsFor', String(topics.length)) : t('cardMatched')}{' '}
        <q class="pl-card__matched-text">{matchedText}</q>
      </p>
      {multiple ? (
        <TopicTabs idPrefix={idPrefix} topics={topics} activeId={active.topic.id} onSelect={props.onSelectTopic} />
      ) : null}

      <div
        class="pl-card__panel"
        id={`${idPrefix}-panel`}
        role={multiple ? 'tabpanel' : undefined}
        aria-labelledby={multiple ? tabId(idPrefix, active.topic.id) : undefined}
      >
        <TopicBody {...props} entry={active} />
      </div>

      <footer class="pl-card__footer">
        {active.off ? (
          <p class="pl-card__status" role="status">
            {t('cardTurnedOff')}{' '}
            <button type="button" class="pl-link-button" onClick={() => props.onSetTopicEnabled(active.topic.id, true)}>
              {t('cardTurnBackOn')}
            </button>
          </p>
        ) : (
          <button
            type="button"
            class="pl-button pl-button--quiet"
            onClick={() => props.onSetTopicEnabled(active.topic.id, false)}
          >
            {t('cardTurnOff')}
          </button>
        )}
        <button type="button" class="pl-link-button" onClick={props.onOpenSettings}>
          {t('cardSettings')}
        </button>
      </footer>
    </section>
  );
}

/** The active topic's note, findings, "N more" toggle and source lines. */
function TopicBody(props: CardViewProps & { entry: CardTopic }) {
  const { entry, expanded, idPrefix, getReport, packOf } = props;
  const listId = `${idPrefix}-findings`;
  const hidden = Math.max(0, entry.findings.length - FINDINGS_SHOWN);
  const publishers = publishersOf(entry.findings, getReport);
  return (
    <>
      <p class="pl-card__summary">{entry.topic.summary}</p>
      {entry.findings.length > 0 ? (
        <>
          <h3 class="pl-card__section-title">{t('cardFindingsHeading')}</h3>
          {packOf ? (
            <FindingsByPack
              id={listId}
              findings={entry.findings}
              limit={expanded ? undefined : FINDINGS_SHOWN}
              getReport={getReport}
              packOf={packOf}
            />
          ) : (
            <FindingList
              id={listId}
              findings={entry.findings}
              limit={expanded ? undefined : FINDINGS_SHOWN}
              getReport={getReport}
            />
          )}
          {hidden > 0 ? (
            <button
              type="button"
              class="pl-link-button pl-card__more"
              aria-expanded={expanded}
              aria-controls={listId}
              onClick={props.onToggleExpanded}
            >
              {expanded ? t('cardShowFewer') : moreFindingsLabel(hidden)}
            </button>
          ) : null}
        </>
      ) : (
        <p class="pl-card__empty">{t('cardNoFindings')}</p>
      )}
      {publishers.length > 0 ? (
        <div class="pl-card__sources">
          {publishers.map((report) => (
            <ReportSourceLine key={report.publisher} report={report} />
          ))}
        </div>
      ) : null}
    </>
  );
}

function tabId(idPrefix: string, topicId: string): string {
  return `${idPrefix}-tab-${topicId}`;
}

/** ARIA tabs, one per topic; arrow keys, Home and End move between them. */
function TopicTabs(props: {
  idPrefix: string;
  topics: CardTopic[];
  activeId: string;
  onSelect(topicId: string): void;
}) {
  const { idPrefix, topics, activeId, onSelect } = props;
  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    const index = topics.findIndex((entry) => entry.topic.id === activeId);
    const last = topics.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index >= last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index <= 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : -1;
    const target = topics[next];
    if (!target) return;
    event.preventDefault();
    onSelect(target.topic.id);
    const wanted = tabId(idPrefix, target.topic.id);
    const tab = [...event.currentTarget.children].find((child) => child.id === wanted);
    if (tab instanceof HTMLElement) tab.focus();
  };
  return (
    <div class="pl-card__tabs" role="tablist" aria-label={t('cardTopicTabs')} onKeyDown={onKeyDown}>
      {topics.map(({ topic }) => {
        const selected = topic.id === activeId;
        return (
          <button
            key={topic.id}
            type="button"
            role="tab"
            class="pl-card__tab"
            id={tabId(idPrefix, topic.id)}
            aria-selected={selected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={selected ? 0 : -1}
            onClick={() => onSelect(topic.id)}
          >
            {topic.label}
          </button>
        );
      })}
    </div>
  );
}

function PinIcon() {
  return (
    <svg class="pl-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d="M8.5 3h7M10 3v6.5l-3.5 4h11L14 9.5V3M12 13.5V21"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linejoin="round"
        stroke-linecap="round"
      />
    </svg>
  );
}

function CloseIcon() {
  return (
    <svg class="pl-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
    </svg>
  );
}
