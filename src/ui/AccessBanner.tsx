/**
 * The banner shown where Policy Lens cannot run because the browser has not
 * granted access to the built-in news sites (Firefox lets readers withhold or
 * revoke it): what is missing, one button to grant it, then a confirmation.
 * Pure: props in, markup out; the page decides when to show it.
 */
import { t } from './i18n';

/** Where the grant stands: still missing, just declined, or just granted. */
export type AccessBannerState = 'missing' | 'denied' | 'granted';

/** Props of {@link AccessBanner}. */
export interface AccessBannerProps {
  state: AccessBannerState;
  /** The sentence under the title: what the missing access means on this page. */
  detail: string;
  /** Must request the permission synchronously: it runs inside the click. */
  onGrant: () => void;
}

const TITLE_ID = 'pl-access-title';

/** The access banner, or its confirmation once access is granted. */
export function AccessBanner({ state, detail, onGrant }: AccessBannerProps) {
  if (state === 'granted') {
    return (
      <section class="pl-access pl-access--granted" data-access-state="granted" aria-label={t('accessBannerTitle')}>
        <p class="pl-access__detail" role="status">
          {t('accessBannerGranted')}
        </p>
      </section>
    );
  }
  return (
    <section class="pl-access" data-access-state={state} aria-labelledby={TITLE_ID}>
      <h2 class="pl-access__title" id={TITLE_ID}>
        {t('accessBannerTitle')}
      </h2>
      <p class="pl-access__detail">{detail}</p>
      <button type="button" class="pl-button pl-access__grant" onClick={onGrant}>
        {t('accessBannerGrant')}
      </button>
      <p class="pl-access__outcome" role="status">
        {state === 'denied' ? t('accessBannerDenied') : ''}
      </p>
    </section>
  );
}
