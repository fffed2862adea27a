import '@/src/ui/tokens.css';
import '@/src/ui/components.css';
import './welcome.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { getSettings, watchSettings, type ThemePreference } from '@/src/settings';
import { NEWS_SITE_DOMAINS } from '@/src/sites/news-sites';
import { Welcome } from './Welcome';

// Well-known names first, so the example reads as familiar.
const EXAMPLES = ['apnews.com', 'reuters.com', 'timesofisrael.com'].filter((site) => NEWS_SITE_DOMAINS.includes(site));

function applyTheme(theme: ThemePreference) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

document.title = browser.i18n.getMessage('welcomePageTitle');
void getSettings().then((settings) => applyTheme(settings.theme));
watchSettings((settings) => applyTheme(settings.theme));

render(
  <Welcome
    builtInSiteCount={NEWS_SITE_DOMAINS.length}
    exampleSites={new Intl.ListFormat(browser.i18n.getUILanguage(), { type: 'conjunction' }).format(EXAMPLES)}
    onOpenSettings={() => void browser.runtime.openOptionsPage()}
  />,
  document.getElementById('app')!,
);
