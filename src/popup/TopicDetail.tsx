/**
 * A topic opened from search: its summary, switch, jump control when it is on
 * the page, and every finding (the picked one first). Escape or Back returns.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { NotesCatalog } from '@/src/packs';
import { t } from '@/src/ui/i18n';
import { Switch } from '@/src/ui/switch';
import { mentionsLabel, TopicBody } from './TopicList';
import type { JumpPosition } from './types';
import type { OpenTopic } from './ui-state';

/** Props of {@link TopicDetail}. */
export interface TopicDetailProps {
  open: OpenTopic;
  /** The notes of every pack that is on. */
  notes: NotesCatalog;
  /** Mentions of this topic on the page (0 when absent). */
  count: number;
  enabled: boolean;
  topicOn: boolean;
  jump?: JumpPosition;
  onBack: () => void;
  onJump: (topicId: string) => void;
  onSetTopicEnabled: (topicId: string, enabled: boolean) => void;
}

/** The full view of one topic. */
export function TopicDetail({ open, notes, count, enabled, topicOn, jump, onBack, onJump, onSetTopicEnabled }: TopicDetailProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Move focus into the view the reader opened, so Tab and screen readers start here.
    heading.current?.focus();
  }, [open.topicId, open.findingId]);

  const topic = notes.getTopic(open.topicId);
  if (!topic) return null;
  return (
    <section
      class="pl-detail"
      aria-labelledby="pl-detail-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onBack();
        }
      }}
    >
      <button type="button" class="pl-button pl-button--quiet pl-detail__back" onClick={onBack}>
        <span aria-hidden="true">←</span> {t('popupBackToResults')}
      </button>
      <h2 id="pl-detail-title" class="pl-detail__title" tabIndex={-1} ref={heading}>
        {topic.label}
      </h2>
      <div class="pl-detail__meta">
        {count > 0 ? <span class="pl-topic__count">{mentionsLabel(count)}</span> : null}
        <Switch
          label={t('popupDetailSwitch')}
          checked={topicOn}
          onChange={(on) => onSetTopicEnabled(topic.id, on)}
        />
      </div>
      <TopicBody
        topic={topic}
        notes={notes}
        count={count}
        marked={enabled && topicOn}
        jump={jump}
        onJump={onJump}
        firstFindingId={open.findingId}
      />
    </section>
  );
}
