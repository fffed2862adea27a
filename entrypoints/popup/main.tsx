import '@/src/ui/tokens.css';
import '@/src/ui/components.css';
import '@/src/ui/switch.css';
import '@/src/ui/access-banner.css';
import '@/src/popup/popup.css';
import { render } from 'preact';
import { Popup } from '@/src/popup/Popup';
import { tabIdFromSearch } from '@/src/popup/tab';
import { t } from '@/src/ui/i18n';

document.title = t('extName');
const root = document.getElementById('app');
if (root) render(<Popup tabId={tabIdFromSearch(location.search)} />, root);
