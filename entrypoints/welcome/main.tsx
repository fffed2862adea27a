import '@/src/ui/tokens.css';
import '@/src/ui/components.css';
import '@/src/ui/access-banner.css';
import './welcome.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { getSettings, watchSettings, type ThemePreference } from '@/src/settings';
import { WelcomePage } from './WelcomePage';

function applyTheme(theme: ThemePreference) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

document.title = browser.i18n.getMessage('welcomePageTitle');
void getSettings().then((settings) => applyTheme(settings.theme));
watchSettings((settings) => applyTheme(settings.theme));

render(<WelcomePage />, document.getElementById('app')!);
