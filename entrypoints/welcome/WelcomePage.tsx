/**
 * The welcome page as mounted: the pure view with the built-in site list and
 * the live state of access to those sites.
 */
import { useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { NEWS_SITE_DOMAINS } from '@/src/sites/news-sites';
import { useBuiltInSiteAccess } from '@/src/ui/use-built-in-site-access';
import { Welcome } from './Welcome';

// Well-known names first, so the example reads as familiar.
const EXAMPLES = ['apnews.com', 'reuters.com', 'timesofisrael.com'].filter((site) => NEWS_SITE_DOMAINS.includes(site));

/** The connected welcome page. */
export function WelcomePage() {
  const access = useBuiltInSiteAccess();
  const exampleSites = useMemo(
    () => new Intl.ListFormat(browser.i18n.getUILanguage(), { type: 'conjunction' }).format(EXAMPLES),
    [],
  );
  return (
    <Welcome
      builtInSiteCount={NEWS_SITE_DOMAINS.length}
      exampleSites={exampleSites}
      accessBanner={access.banner}
      // The permission prompt needs the click's user gesture: the request is made before any await.
      onGrantSiteAccess={() => void access.grant()}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
    />
  );
}
