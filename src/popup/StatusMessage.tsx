/**
 * One clear sentence on what Policy Lens is doing on this tab, with the one
 * action that helps when there is one (turn on, reload, enable everywhere).
 */
import { t } from '@/src/ui/i18n';
import type { PageStatus } from './page-status';

/** Props of {@link StatusMessage}. */
export interface StatusMessageProps {
  status: PageStatus;
  onTurnOn: () => void;
  onReload: () => void;
  onEnableAllSites: () => void;
}

/** The tab's state in words; renders nothing when topics were found (the list says it all). */
export function StatusMessage({ status, onTurnOn, onReload, onEnableAllSites }: StatusMessageProps) {
  const box = (kind: string, title: string, detail?: string, action?: { label: string; run: () => void }) => (
    <div class={`pl-status pl-status--${kind}`} data-status={kind} role="status">
      <p class="pl-status__title">{title}</p>
      {detail ? <p class="pl-status__detail">{detail}</p> : null}
      {action ? (
        <button type="button" class="pl-button" onClick={action.run}>
          {action.label}
        </button>
      ) : null}
    </div>
  );
  switch (status.kind) {
    case 'loading':
      return box('loading', t('popupStatusLoading'));
    case 'restricted':
      return box('restricted', t('popupStatusRestricted'), t('popupStatusRestrictedDetail'));
    case 'off':
      return box('off', t('popupStatusOff'), t('popupStatusOffDetail'), { label: t('popupTurnOn'), run: onTurnOn });
    case 'paused':
      return box('paused', t('popupStatusPaused', status.site), t('popupStatusPausedDetail'));
    case 'not-enabled':
      return box('not-enabled', t('popupStatusNotEnabled', status.site), t('popupStatusNotEnabledDetail'));
    case 'needs-reload':
      return box('needs-reload', t('popupStatusNeedsReload'), t('popupStatusNeedsReloadDetail'), {
        label: t('popupReload'),
        run: onReload,
      });
    case 'unreachable':
      return box('unreachable', t('popupStatusUnreachable'), t('popupStatusUnreachableDetail'), {
        label: t('popupEnableAllSites'),
        run: onEnableAllSites,
      });
    case 'no-mentions':
      return box('no-mentions', t('popupStatusNoMentions'), t('popupStatusNoMentionsDetail'));
    case 'found':
      return status.scanning ? box('scanning', t('popupStatusScanning')) : null;
  }
}
