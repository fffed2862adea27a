import '@/src/ui/tokens.css';
import '@/src/ui/components.css';
import '@/src/ui/access-banner.css';
import '@/src/welcome/welcome.css';
import { render } from 'preact';
import { t } from '@/src/ui/i18n';
import { Welcome } from '@/src/welcome/Welcome';

document.title = t('welcomePageTitle');
const root = document.getElementById('app');
if (root) render(<Welcome />, root);
