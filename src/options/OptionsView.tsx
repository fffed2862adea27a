/**
 * The options page as a pure function of its props: topics, how marks look
 * and behave, the card, shortcuts, sites, backup and reset, and note packs.
 * Every control reports the new value through `onUpdate` (note packs through
 * their own actions); the controller writes it.
 */
import { useState } from 'preact/hooks';
import { dataset } from '@/src/data';
import type { HighlightStyle, MarkMode, Settings, ThemePreference } from '@/src/settings';
import { HOVER_DELAY_RANGE, withTopicEnabled } from '@/src/settings';
import { t, type MessageKey } from '@/src/ui/i18n';
import { Switch } from '@/src/ui/switch';
import { BackupSection } from './BackupSection';
import { ChoiceGroup, type Choice } from './ChoiceGroup';
import { HighlightPreview } from './HighlightPreview';
import { PacksSection } from './PacksSection';
import { ShortcutsSection } from './ShortcutsSection';
import { SitesSection } from './SitesSection';
import type { ExtraSitesView, ImportState, OptionsActions, PackActions, PacksView, ShortcutHelp, ShortcutView } from './types';

/** Props of {@link OptionsView}. */
export interface OptionsViewProps {
  settings: Settings;
  shortcuts: readonly ShortcutView[] | null;
  shortcutHelp: ShortcutHelp;
  extraSites: ExtraSitesView;
  importState: ImportState;
  resetConfirming: boolean;
  resetDone: boolean;
  /** Why the last change could not be saved (e.g. sync storage quota), if it could not. */
  saveError: string | null;
  actions: OptionsActions;
  packs: PacksView;
  packActions: PackActions;
  /** How many note packs the reader imported (export offers to include them). */
  importedPacks: number;
}

/** Hover delay slider: the setting's own range, in 50 ms steps. */
export const HOVER_DELAY = { ...HOVER_DELAY_RANGE, step: 50 } as const;

// Choices in the order offered, each with the message that names it.
const HIGHLIGHT_STYLES: Record<HighlightStyle, MessageKey> = {
  underline: 'optionsHighlightUnderline',
  background: 'optionsHighlightBackground',
  none: 'optionsHighlightNone',
};
const MARK_MODES: Record<MarkMode, MessageKey> = { every: 'optionsMarkModeEvery', first: 'optionsMarkModeFirst' };
const THEMES: Record<ThemePreference, MessageKey> = {
  system: 'optionsThemeSystem',
  light: 'optionsThemeLight',
  dark: 'optionsThemeDark',
};

/** Radio choices from a value → message map. */
function choices<T extends string>(labels: Record<T, MessageKey>): Choice<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: t(labels[value]) }));
}

/** The hover delay slider: shows the value while dragging, saves once on release. */
function HoverDelay({ value, onCommit }: { value: number; onCommit: (value: number) => void }) {
  const [draft, setDraft] = useState<number | null>(null);
  const shown = draft ?? value;
  const label = t('optionsMilliseconds', String(shown));
  return (
    <div class="pl-range">
      <label for="pl-hover-delay">{t('optionsHoverDelay')}</label>
      <div class="pl-range__control">
        <input
          id="pl-hover-delay"
          type="range"
          min={HOVER_DELAY.min}
          max={HOVER_DELAY.max}
          step={HOVER_DELAY.step}
          value={shown}
          aria-valuetext={label}
          aria-describedby="pl-hover-delay-hint"
          onInput={(event) => setDraft(Number(event.currentTarget.value))}
          onChange={(event) => {
            setDraft(null);
            onCommit(Number(event.currentTarget.value));
          }}
        />
        <output for="pl-hover-delay" class="pl-range__value">
          {label}
        </output>
      </div>
      <p id="pl-hover-delay-hint" class="pl-hint">
        {t('optionsHoverDelayHint')}
      </p>
    </div>
  );
}

/** The whole options page. */
export function OptionsView(props: OptionsViewProps) {
  const { settings, actions } = props;
  const update = actions.onUpdate;
  const setTopic = (topicId: string, on: boolean) =>
    update({
      disabledTopics: withTopicEnabled(settings.disabledTopics, topicId, on),
    });

  return (
    <div class="pl-options">
      <header class="pl-options__header">
        <img src="/icon/48.png" alt="" width={32} height={32} />
        <h1>{t('optionsTitle')}</h1>
      </header>
      <main class="pl-options__main">
        {props.saveError ? (
          <p class="pl-message pl-message--error" role="alert">
            {props.saveError}
          </p>
        ) : null}

        <section class="pl-options__section" aria-labelledby="pl-general-title">
          <h2 id="pl-general-title">{t('optionsGeneralTitle')}</h2>
          <Switch label={t('optionsEnabled')} checked={settings.enabled} onChange={(enabled) => update({ enabled })} />
          <Switch
            label={t('optionsShowBadge')}
            checked={settings.showBadge}
            onChange={(showBadge) => update({ showBadge })}
          />
        </section>

        <section class="pl-options__section" aria-labelledby="pl-topics-title">
          <h2 id="pl-topics-title">{t('optionsTopicsTitle')}</h2>
          <p class="pl-hint">{t('optionsTopicsIntro')}</p>
          <div class="pl-row">
            <button
              type="button"
              class="pl-button"
              disabled={settings.disabledTopics.length === 0}
              onClick={() => update({ disabledTopics: [] })}
            >
              {t('optionsTopicsAllOn')}
            </button>
            <button
              type="button"
              class="pl-button"
              disabled={dataset.topics.every((topic) => settings.disabledTopics.includes(topic.id))}
              onClick={() => update({ disabledTopics: dataset.topics.map((topic) => topic.id) })}
            >
              {t('optionsTopicsAllOff')}
            </button>
          </div>
          <ul class="pl-topic-options">
            {dataset.topics.map((topic) => (
              <li key={topic.id} class="pl-topic-option">
                <Switch
                  label={topic.label}
                  checked={!settings.disabledTopics.includes(topic.id)}
                  onChange={(on) => setTopic(topic.id, on)}
                />
                <p class="pl-topic-option__summary">{topic.summary}</p>
              </li>
            ))}
          </ul>
        </section>

        <section class="pl-options__section" aria-labelledby="pl-marks-title">
          <h2 id="pl-marks-title">{t('optionsMarksTitle')}</h2>
          <ChoiceGroup
            name="highlight-style"
            legend={t('optionsHighlightStyle')}
            choices={choices(HIGHLIGHT_STYLES)}
            value={settings.highlightStyle}
            onChange={(highlightStyle) => update({ highlightStyle })}
          />
          <ChoiceGroup
            name="mark-mode"
            legend={t('optionsMarkMode')}
            choices={choices(MARK_MODES)}
            value={settings.markMode}
            onChange={(markMode) => update({ markMode })}
          />
          <HighlightPreview style={settings.highlightStyle} markMode={settings.markMode} />
          <HoverDelay value={settings.hoverDelayMs} onCommit={(hoverDelayMs) => update({ hoverDelayMs })} />
        </section>

        <section class="pl-options__section" aria-labelledby="pl-card-title">
          <h2 id="pl-card-title">{t('optionsCardTitle')}</h2>
          <ChoiceGroup
            name="theme"
            legend={t('optionsTheme')}
            choices={choices(THEMES)}
            value={settings.theme}
            onChange={(theme) => update({ theme })}
          />
        </section>

        <ShortcutsSection
          shortcuts={props.shortcuts}
          help={props.shortcutHelp}
          onOpenShortcutSettings={actions.onOpenShortcutSettings}
        />

        <SitesSection
          extraSites={props.extraSites}
          pausedSites={settings.pausedSites}
          onRemoveExtraSite={actions.onRemoveExtraSite}
          onRevokeAllSites={actions.onRevokeAllSites}
          onRemovePausedSite={(site) => update({ pausedSites: settings.pausedSites.filter((entry) => entry !== site) })}
        />

        <BackupSection
          importState={props.importState}
          resetConfirming={props.resetConfirming}
          resetDone={props.resetDone}
          importedPacks={props.importedPacks}
          onExport={actions.onExport}
          onImportFile={actions.onImportFile}
          onRequestReset={actions.onRequestReset}
          onConfirmReset={actions.onConfirmReset}
          onCancelReset={actions.onCancelReset}
        />

        {/* Last, for now: tests/e2e/options.e2e.ts takes the page's first file field and status line to be the settings import's. */}
        <PacksSection view={props.packs} actions={props.packActions} />
      </main>
    </div>
  );
}
