import '@/src/ui/tokens.css';
import '@/src/ui/components.css';
import '@/src/ui/switch.css';
import '@/src/options/options.css';
// The preview paints its sample with the content script's own ::highlight rules.
import 'virtual:policy-lens/highlights.css';
import { render } from 'preact';
import { Options } from '@/src/options/Options';
import { t } from '@/src/ui/i18n';

document.title = t('optionsTitle');
const root = document.getElementById('app');
if (root) render(<Options />, root);
