/**
 * The first-run page: what Policy Lens does, what it keeps private, and how
 * to turn it on for sites beyond the built-in list; at the top, the request
 * for access to the built-in sites when the browser has not granted it
 * (Firefox lets readers withhold it). Pure: props in, markup out.
 */
import { AccessBanner, type AccessBannerState } from '@/src/ui/AccessBanner';
import { t } from '@/src/ui/i18n';

/** What the welcome page shows and can do. */
export interface WelcomeViewProps {
  /** How many news sites Policy Lens runs on without asking. */
  builtInSiteCount: number;
  /** A few of them, by name, already joined for reading ("a, b and c"). */
  exampleSites: string;
  /** The site-access banner's state; null shows none (access was granted all along, or is still being checked). */
  accessBanner: AccessBannerState | null;
  /** Must request the permission synchronously: it runs inside the click. */
  onGrantSiteAccess: () => void;
  onOpenSettings: () => void;
}

/** The welcome page. */
export function WelcomeView({ builtInSiteCount, exampleSites, accessBanner, onGrantSiteAccess, onOpenSettings }: WelcomeViewProps) {
  return (
    <main class="welcome">
      <header class="welcome__header">
        <img class="welcome__logo" src="/icon/96.png" alt="" width={56} height={56} />
        <div>
          <h1 class="welcome__title">{t('welcomePageTitle')}</h1>
          <p class="welcome__lead">{t('welcomeLead')}</p>
        </div>
      </header>

      {accessBanner ? (
        <div class="welcome__access">
          <AccessBanner
            state={accessBanner}
            detail={t('accessBannerDetail', [String(builtInSiteCount)])}
            onGrant={onGrantSiteAccess}
          />
        </div>
      ) : null}

      <section class="welcome__section" aria-labelledby="welcome-what">
        <h2 id="welcome-what">{t('welcomeWhatHeading')}</h2>
        <ol class="welcome__steps">
          <li>
            <h3>{t('welcomeStepSpotTitle')}</h3>
            <p>{t('welcomeStepSpot')}</p>
          </li>
          <li>
            <h3>{t('welcomeStepReadTitle')}</h3>
            <p>{t('welcomeStepRead')}</p>
          </li>
          <li>
            <h3>{t('welcomeStepListTitle')}</h3>
            <p>{t('welcomeStepList')}</p>
          </li>
        </ol>
      </section>

      <section class="welcome__section welcome__section--privacy" aria-labelledby="welcome-privacy">
        <h2 id="welcome-privacy">{t('welcomePrivacyHeading')}</h2>
        <ul class="welcome__points">
          <li>{t('welcomePrivacyOffline')}</li>
          <li>{t('welcomePrivacyNoTracking')}</li>
          <li>{t('welcomePrivacySettings')}</li>
        </ul>
      </section>

      <section class="welcome__section" aria-labelledby="welcome-sites">
        <h2 id="welcome-sites">{t('welcomeSitesHeading')}</h2>
        <p>{t('welcomeSitesBuiltIn', [String(builtInSiteCount), exampleSites])}</p>
        <p>{t('welcomeSitesOtherIntro')}</p>
        <ol class="welcome__howto">
          <li>{t('welcomeSitesStepOpen')}</li>
          <li>{t('welcomeSitesStepButton')}</li>
          <li>{t('welcomeSitesStepEnable')}</li>
        </ol>
        <p class="welcome__note">{t('welcomeSitesRevoke')}</p>
      </section>

      <footer class="welcome__footer">
        <button type="button" class="pl-button welcome__primary" onClick={onOpenSettings}>
          {t('welcomeOpenSettings')}
        </button>
        <p class="welcome__note">{t('welcomeCloseHint')}</p>
      </footer>
    </main>
  );
}
