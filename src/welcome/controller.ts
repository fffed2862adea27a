/**
 * The welcome page's controller: the built-in site list, the live state of
 * access to those sites and the request for it, the way to the settings, and
 * the reader's theme. The view receives the result as plain props.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getSettings, watchSettings, type ThemePreference } from '@/src/settings';
import { NEWS_SITE_DOMAINS } from '@/src/sites';
import { useBuiltInSiteAccess } from '@/src/ui/use-built-in-site-access';
import type { WelcomeViewProps } from './WelcomeView';

// Well-known names first, so the example reads as familiar.
const EXAMPLES = ['apnews.com', 'reuters.com', 'timesofisrael.com'].filter((site) => NEWS_SITE_DOMAINS.includes(site));

/** What the welcome page renders: the view's props, and the theme for the page root. */
export interface WelcomeController {
  view: WelcomeViewProps;
  theme: ThemePreference;
}

/** All state and actions of the welcome page. */
export function useWelcomeController(): WelcomeController {
  const access = useBuiltInSiteAccess();
  const [theme, setTheme] = useState<ThemePreference>('system');
  const exampleSites = useMemo(
    () => new Intl.ListFormat(browser.i18n.getUILanguage(), { type: 'conjunction' }).format(EXAMPLES),
    [],
  );

  useEffect(() => {
    let active = true;
    void getSettings().then((settings) => active && setTheme(settings.theme));
    const unwatch = watchSettings((settings) => setTheme(settings.theme));
    return () => {
      active = false;
      unwatch();
    };
  }, []);

  return {
    view: {
      builtInSiteCount: NEWS_SITE_DOMAINS.length,
      exampleSites,
      accessBanner: access.banner,
      // The permission prompt needs the click's user gesture: the request is made before any await.
      onGrantSiteAccess: () => void access.grant(),
      onOpenSettings: () => void browser.runtime.openOptionsPage(),
    },
    theme,
  };
}
