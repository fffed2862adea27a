/**
 * The reader's site lists: sites enabled beyond the built-in news sites (or
 * all sites), and sites where Policy Lens is paused. Each entry can go.
 */
import { t } from '@/src/ui/i18n';
import type { ExtraSitesView } from './types';

/** Props of {@link SitesSection}. */
export interface SitesSectionProps {
  extraSites: ExtraSitesView;
  pausedSites: readonly string[];
  onRemoveExtraSite: (origin: string) => void;
  onRevokeAllSites: () => void;
  onRemovePausedSite: (site: string) => void;
}

interface SiteEntry {
  /** What removal passes back. */
  key: string;
  label: string;
}

function SiteList({
  id,
  sites,
  empty,
  removeLabel,
  onRemove,
}: {
  id: string;
  sites: readonly SiteEntry[];
  empty: string;
  removeLabel: (label: string) => string;
  onRemove: (key: string) => void;
}) {
  if (sites.length === 0) return <p class="pl-muted">{empty}</p>;
  return (
    <ul class="pl-site-list" aria-labelledby={id}>
      {sites.map((site) => (
        <li key={site.key} class="pl-site-list__item">
          <span class="pl-site-list__name">{site.label}</span>
          <button
            type="button"
            class="pl-button pl-button--quiet"
            aria-label={removeLabel(site.label)}
            onClick={() => onRemove(site.key)}
          >
            {t('optionsRemove')}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Enabled extra sites and paused sites, with remove buttons. */
export function SitesSection({ extraSites, pausedSites, onRemoveExtraSite, onRevokeAllSites, onRemovePausedSite }: SitesSectionProps) {
  return (
    <section class="pl-options__section" aria-labelledby="pl-sites-title">
      <h2 id="pl-sites-title">{t('optionsSitesTitle')}</h2>
      <p class="pl-hint">{t('optionsSitesIntro')}</p>

      <h3 id="pl-extra-sites-title">{t('optionsExtraSitesTitle')}</h3>
      {extraSites.allSites ? (
        <div class="pl-all-sites">
          <p>{t('optionsAllSitesOn')}</p>
          <button type="button" class="pl-button" onClick={onRevokeAllSites}>
            {t('optionsRevokeAllSites')}
          </button>
        </div>
      ) : null}
      <SiteList
        id="pl-extra-sites-title"
        sites={extraSites.sites.map((site) => ({ key: site.origin, label: site.label }))}
        empty={t('optionsExtraSitesEmpty')}
        removeLabel={(site) => t('optionsRemoveExtraSite', site)}
        onRemove={onRemoveExtraSite}
      />

      <h3 id="pl-paused-sites-title">{t('optionsPausedSitesTitle')}</h3>
      <SiteList
        id="pl-paused-sites-title"
        sites={pausedSites.map((site) => ({ key: site, label: site }))}
        empty={t('optionsPausedSitesEmpty')}
        removeLabel={(site) => t('optionsRemovePausedSite', site)}
        onRemove={onRemovePausedSite}
      />
    </section>
  );
}
