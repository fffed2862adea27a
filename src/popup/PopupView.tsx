/**
 * The toolbar popup, as a pure function of its props: header with the master
 * switch, search (always available), then either search results, an opened
 * topic, or the page's state and topics; the site controls at the foot.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { NotesCatalog } from '@/src/packs';
import type { SearchResult } from '@/src/search';
import { AccessBanner, type AccessBannerState } from '@/src/ui/AccessBanner';
import { t } from '@/src/ui/i18n';
import { Switch } from '@/src/ui/switch';
import type { PageStatus } from './page-status';
import { RESULTS_ID, resultId, SearchResults } from './SearchResults';
import { SiteControl } from './SiteControl';
import { StatusMessage } from './StatusMessage';
import { TopicDetail } from './TopicDetail';
import { TopicList, type TopicListItem } from './TopicList';
import type { JumpPosition, PopupActions, SiteView } from './types';
import type { PopupUiState } from './ui-state';

/** Props of {@link PopupView}. */
export interface PopupViewProps {
  status: PageStatus;
  /** The tab's site, when it is a web page whose address is known. */
  site: SiteView | null;
  /** The request for access to the built-in news sites, where their missing access keeps Policy Lens off this page; null shows none. */
  accessBanner: AccessBannerState | null;
  /** Master switch. */
  enabled: boolean;
  disabledTopics: readonly string[];
  /** The notes of every pack that is on, loaded once as the popup opens; null until then. */
  notes: NotesCatalog | null;
  ui: PopupUiState;
  results: readonly SearchResult[];
  jumps: Readonly<Record<string, JumpPosition>>;
  /** Feedback from the last site action (e.g. permission refused). */
  notice: string | null;
  actions: PopupActions;
}

// States where the page offers nothing to list, so the full topic list opens by itself.
const QUIET_STATES: ReadonlySet<PageStatus['kind']> = new Set([
  'no-mentions',
  'restricted',
  'unreachable',
  'not-enabled',
  'paused',
  'off',
  'needs-reload',
]);

function SettingsIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        fill-rule="evenodd"
        d="M16.61 7.71 L18.99 8.03 L18.99 11.97 L16.61 12.29 L16.30 13.05 L17.75 14.96 L14.96 17.75 L13.05 16.30 L12.29 16.61 L11.97 18.99 L8.03 18.99 L7.71 16.61 L6.95 16.30 L5.04 17.75 L2.25 14.96 L3.70 13.05 L3.39 12.29 L1.01 11.97 L1.01 8.03 L3.39 7.71 L3.70 6.95 L2.25 5.04 L5.04 2.25 L6.95 3.70 L7.71 3.39 L8.03 1.01 L11.97 1.01 L12.29 3.39 L13.05 3.70 L14.96 2.25 L17.75 5.04 L16.30 6.95 Z M13 10 A3 3 0 1 0 7 10 A3 3 0 1 0 13 10 Z"
      />
    </svg>
  );
}

/** The whole popup. */
export function PopupView(props: PopupViewProps) {
  const { status, site, accessBanner, enabled, disabledTopics, notes, ui, results, jumps, notice, actions } = props;
  const searchField = useRef<HTMLInputElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Leaving an opened topic returns the reader to the field they searched from.
    if (wasOpen.current && !ui.open) searchField.current?.focus();
    wasOpen.current = ui.open !== null;
  }, [ui.open]);

  const searching = ui.query.trim() !== '';
  const pageCounts = status.kind === 'found' ? status.topics : [];
  // Topics the page reports that no pack that is on knows (a pack removed meanwhile) are left out.
  const pageItems: TopicListItem[] = notes
    ? pageCounts.flatMap(({ topic, count }) => {
        const known = notes.getTopic(topic);
        return known ? [{ topic: known, count }] : [];
      })
    : [];
  const listProps = {
    enabled,
    disabledTopics,
    expanded: ui.expanded,
    jumps,
    onToggleExpanded: actions.onToggleExpanded,
    onSetTopicEnabled: actions.onSetTopicEnabled,
    onJump: actions.onJump,
  };

  const onSearchKey = (event: KeyboardEvent) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!searching) return;
        event.preventDefault();
        actions.onMoveActive(event.key === 'ArrowDown' ? 1 : -1);
        return;
      case 'Enter':
        if (searching && ui.active >= 0 && ui.active < results.length) {
          event.preventDefault();
          actions.onOpenResult(ui.active);
        }
        return;
      case 'Escape':
        // Clear the search first; a second Escape closes the popup as usual.
        if (ui.query) {
          event.preventDefault();
          actions.onQueryChange('');
        }
    }
  };

  const hasOptions = searching && !ui.open && results.length > 0;
  // On a built-in site without access the banner says why nothing runs; "not enabled here" would contradict it.
  const bannerExplainsStatus = accessBanner !== null && status.kind === 'not-enabled';
  const openCount = ui.open ? (pageCounts.find((entry) => entry.topic === ui.open?.topicId)?.count ?? 0) : 0;

  return (
    <div class="pl-popup">
      <header class="pl-popup__header">
        <img class="pl-popup__logo" src="/icon/32.png" alt="" width={20} height={20} />
        <h1 class="pl-popup__title">{t('extName')}</h1>
        <Switch
          class="pl-popup__master"
          label={t('popupMasterSwitch')}
          hideLabel
          checked={enabled}
          onChange={actions.onSetEnabled}
        />
        <button
          type="button"
          class="pl-button pl-button--quiet pl-button--icon"
          aria-label={t('popupOpenSettings')}
          title={t('popupOpenSettings')}
          onClick={actions.onOpenOptions}
        >
          <SettingsIcon />
        </button>
      </header>

      {accessBanner ? (
        <div class="pl-popup__access">
          <AccessBanner
            state={accessBanner}
            detail={site ? t('accessBannerDetailSite', site.site) : t('accessBannerDetailUnknownPage')}
            onGrant={actions.onGrantSiteAccess}
          />
        </div>
      ) : null}

      <div class="pl-popup__search" role="search">
        <label class="pl-visually-hidden" for="pl-search">
          {t('popupSearchLabel')}
        </label>
        <input
          ref={searchField}
          id="pl-search"
          class="pl-search"
          type="search"
          autoFocus
          autoComplete="off"
          spellcheck={false}
          placeholder={t('popupSearchPlaceholder')}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={hasOptions}
          aria-controls={hasOptions ? RESULTS_ID : undefined}
          aria-activedescendant={hasOptions && ui.active >= 0 ? resultId(ui.active) : undefined}
          value={ui.query}
          onInput={(event) => actions.onQueryChange(event.currentTarget.value)}
          onKeyDown={onSearchKey}
        />
      </div>

      {/* Search results hold no focusable element (focus stays in the field), so the list itself takes focus for scrolling. */}
      <main class="pl-popup__body" tabIndex={searching && !ui.open ? 0 : undefined}>
        {ui.open && notes ? (
          <TopicDetail
            open={ui.open}
            notes={notes}
            count={openCount}
            enabled={enabled}
            topicOn={!disabledTopics.includes(ui.open.topicId)}
            jump={jumps[ui.open.topicId]}
            onBack={actions.onCloseTopic}
            onJump={actions.onJump}
            onSetTopicEnabled={actions.onSetTopicEnabled}
          />
        ) : searching && notes ? (
          <SearchResults
            query={ui.query}
            results={results}
            notes={notes}
            active={ui.active}
            onActivate={actions.onActivate}
            onOpen={actions.onOpenResult}
          />
        ) : (
          <>
            {bannerExplainsStatus ? null : (
              <StatusMessage
                status={status}
                onTurnOn={() => actions.onSetEnabled(true)}
                onReload={actions.onReload}
                onEnableAllSites={actions.onEnableAllSites}
              />
            )}
            {notes && pageItems.length > 0 ? (
              <section class="pl-section" aria-labelledby="pl-page-topics">
                <h2 id="pl-page-topics" class="pl-section__title">
                  {t('popupOnThisPage')}
                </h2>
                <TopicList listId="page" items={pageItems} notes={notes} label={t('popupOnThisPage')} {...listProps} />
              </section>
            ) : null}
            {notes ? (
              <details class="pl-section pl-all-topics" open={QUIET_STATES.has(status.kind)}>
                <summary class="pl-section__title">{t('popupAllTopics', String(notes.topics.length))}</summary>
                <TopicList
                  listId="all"
                  items={notes.topics.map((topic) => ({ topic }))}
                  notes={notes}
                  label={t('popupAllTopicsLabel')}
                  {...listProps}
                />
              </details>
            ) : null}
          </>
        )}
      </main>

      {site && status.kind !== 'restricted' ? (
        <footer class="pl-popup__footer">
          <SiteControl site={site} notice={notice} actions={actions} />
        </footer>
      ) : notice ? (
        <footer class="pl-popup__footer">
          <p class="pl-site__notice" role="status">
            {notice}
          </p>
        </footer>
      ) : null}
    </div>
  );
}
