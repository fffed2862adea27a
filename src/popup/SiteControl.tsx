/**
 * Per-site control: pause or resume Policy Lens on the current site, enable
 * it on a site outside the built-in list (or on all sites), and take that back.
 */
import { t } from '@/src/ui/i18n';
import type { PopupActions, SiteView } from './types';

/** Props of {@link SiteControl}. */
export interface SiteControlProps {
  site: SiteView;
  /** A message after a site action, e.g. that the permission was not granted. */
  notice: string | null;
  actions: Pick<
    PopupActions,
    'onPauseSite' | 'onResumeSite' | 'onEnableSite' | 'onEnableAllSites' | 'onRevokeSite' | 'onRevokeAllSites'
  >;
}

function accessText({ site, access, paused }: SiteView): string {
  if (paused) return t('popupSitePaused', site);
  switch (access) {
    case 'built-in':
      return t('popupSiteBuiltIn', site);
    case 'built-in-not-granted':
      return t('popupSiteBuiltInNoAccess', site);
    case 'site':
      return t('popupSiteEnabledByYou', site);
    case 'all-sites':
      return t('popupSiteAllSites', site);
    case 'none':
      return t('popupSiteNotEnabled', site);
  }
}

/** What Policy Lens does on this site, and the buttons to change it. */
export function SiteControl({ site, notice, actions }: SiteControlProps) {
  // Without access the grant is offered by the banner at the top, so there is nothing to pause or enable here.
  const running = site.access !== 'none' && site.access !== 'built-in-not-granted';
  return (
    <section class="pl-site" aria-label={t('popupSiteSection')}>
      <p class="pl-site__text">{accessText(site)}</p>
      <div class="pl-site__actions">
        {site.paused ? (
          <button type="button" class="pl-button" onClick={actions.onResumeSite}>
            {t('popupResumeSite')}
          </button>
        ) : null}
        {running && !site.paused ? (
          <button type="button" class="pl-button" onClick={actions.onPauseSite}>
            {t('popupPauseSite')}
          </button>
        ) : null}
        {site.access === 'none' ? (
          <>
            <button type="button" class="pl-button pl-button--primary" onClick={actions.onEnableSite}>
              {t('popupEnableSite', site.site)}
            </button>
            <button type="button" class="pl-button" onClick={actions.onEnableAllSites}>
              {t('popupEnableAllSites')}
            </button>
          </>
        ) : null}
        {site.access === 'site' ? (
          <button type="button" class="pl-button pl-button--quiet" onClick={actions.onRevokeSite}>
            {t('popupRevokeSite', site.site)}
          </button>
        ) : null}
        {site.access === 'all-sites' ? (
          <button type="button" class="pl-button pl-button--quiet" onClick={actions.onRevokeAllSites}>
            {t('popupRevokeAllSites')}
          </button>
        ) : null}
      </div>
      <p class="pl-site__notice" role="status">
        {notice ?? ''}
      </p>
    </section>
  );
}
