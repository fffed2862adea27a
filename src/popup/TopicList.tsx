/**
 * Topic rows: a topic's name (with the pack it comes from, when the reader
 * imported it, and its mention count on this page), a switch to mark it or
 * not, and when expanded everything the reports say about it.
 */
import type { Topic } from '@/src/data';
import type { NotesCatalog } from '@/src/packs';
import { FindingList, FindingsByPack, mustNamePacks, publishersOf, ReportSourceLine } from '@/src/ui/findings';
import { t } from '@/src/ui/i18n';
import { Switch } from '@/src/ui/switch';
import type { JumpPosition } from './types';

/** "1 mention" / "3 mentions". */
export function mentionsLabel(count: number): string {
  return count === 1 ? t('popupMentionOne') : t('popupMentionMany', String(count));
}

/** The name of the imported pack a topic comes from; undefined for the built-in notes. */
export function importedPackName(notes: Pick<NotesCatalog, 'packOf'>, topicId: string): string | undefined {
  const pack = notes.packOf(topicId);
  return pack && !pack.builtIn ? pack.meta.name : undefined;
}

/** Props of {@link TopicBody}. */
export interface TopicBodyProps {
  topic: Topic;
  /** The notes of every pack that is on: findings, their reports and packs. */
  notes: NotesCatalog;
  /** Mentions on the page; jumping is offered when above zero. */
  count?: number;
  /** Marks of this topic are on the page (topic and master switch on). */
  marked: boolean;
  jump?: JumpPosition;
  onJump: (topicId: string) => void;
  /** A finding to show first, e.g. the one picked in search. */
  firstFindingId?: string;
}

/** A topic's summary, its "jump to mention" control and its findings with citations. */
export function TopicBody({ topic, notes, count = 0, marked, jump, onJump, firstFindingId }: TopicBodyProps) {
  const findings = notes.getFindingsForTopic(topic.id);
  const ordered = firstFindingId
    ? [...findings].sort((a, b) => Number(b.id === firstFindingId) - Number(a.id === firstFindingId))
    : findings;
  return (
    <div class="pl-topic-body">
      <p class="pl-topic-body__summary">{topic.summary}</p>
      {count > 0 ? (
        <div class="pl-topic-body__jump">
          <button type="button" class="pl-button" disabled={!marked} onClick={() => onJump(topic.id)}>
            {jump ? t('popupNextMention') : t('popupJumpToMention')}
          </button>
          <span class="pl-topic-body__position" role="status">
            {jump ? t('popupMentionPosition', [String(jump.index + 1), String(jump.total)]) : ''}
          </span>
        </div>
      ) : null}
      {ordered.length === 0 ? (
        <p class="pl-muted">{t('popupNoFindings')}</p>
      ) : mustNamePacks(notes.packs) ? (
        // Notes from several packs, or an imported one: each finding shows under its pack's line.
        <FindingsByPack
          findings={ordered}
          label={t('popupFindingsLabel', topic.label)}
          getReport={notes.getReport}
          packOf={(id) => notes.packOf(id)?.meta}
        />
      ) : (
        <FindingList findings={ordered} label={t('popupFindingsLabel', topic.label)} getReport={notes.getReport} />
      )}
      {publishersOf(ordered, notes.getReport).map((report) => (
        <ReportSourceLine key={report.id} report={report} />
      ))}
    </div>
  );
}

/** One row in a topic list. */
export interface TopicListItem {
  topic: Topic;
  /** Mentions on this page, when the list is about the page. */
  count?: number;
}

/** Props of {@link TopicList}. */
export interface TopicListProps {
  /** Scopes expansion keys and element ids, so one topic can appear in two lists. */
  listId: string;
  items: readonly TopicListItem[];
  /** The notes of every pack that is on. */
  notes: NotesCatalog;
  label: string;
  /** Master switch. */
  enabled: boolean;
  disabledTopics: readonly string[];
  expanded: readonly string[];
  jumps: Readonly<Record<string, JumpPosition>>;
  onToggleExpanded: (key: string) => void;
  onSetTopicEnabled: (topicId: string, enabled: boolean) => void;
  onJump: (topicId: string) => void;
}

/** A list of topics, each expandable to its findings and switchable on and off. */
export function TopicList(props: TopicListProps) {
  const { listId, items, notes, label, enabled, disabledTopics, expanded } = props;
  return (
    <ul class="pl-topic-list" aria-label={label}>
      {items.map(({ topic, count }) => {
        const key = `${listId}:${topic.id}`;
        const panelId = `pl-${listId}-${topic.id}`;
        const isExpanded = expanded.includes(key);
        const topicOn = !disabledTopics.includes(topic.id);
        const packName = importedPackName(notes, topic.id);
        return (
          <li key={topic.id} class={topicOn ? 'pl-topic' : 'pl-topic pl-topic--off'}>
            <div class="pl-topic__head">
              <button
                type="button"
                class="pl-topic__expand"
                aria-expanded={isExpanded}
                aria-controls={panelId}
                onClick={() => props.onToggleExpanded(key)}
              >
                <span class="pl-topic__chevron" aria-hidden="true" />
                {packName === undefined ? (
                  <span class="pl-topic__label">{topic.label}</span>
                ) : (
                  <span class="pl-topic__name">
                    <span class="pl-topic__label">{topic.label}</span>
                    <span class="pl-topic__pack">
                      <span class="pl-visually-hidden">{t('uiPackLead')} </span>
                      {packName}
                    </span>
                  </span>
                )}
                {count !== undefined ? <span class="pl-topic__count">{mentionsLabel(count)}</span> : null}
              </button>
              <Switch
                class="pl-topic__switch"
                hideLabel
                label={t('popupTopicSwitch', topic.label)}
                checked={topicOn}
                onChange={(on) => props.onSetTopicEnabled(topic.id, on)}
              />
            </div>
            <div id={panelId} class="pl-topic__panel" hidden={!isExpanded}>
              {isExpanded ? (
                <TopicBody
                  topic={topic}
                  notes={notes}
                  count={count}
                  marked={enabled && topicOn}
                  jump={props.jumps[topic.id]}
                  onJump={props.onJump}
                />
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
