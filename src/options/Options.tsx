/**
 * The options page as mounted by its entrypoint: the controller's state
 * rendered by the pure view, and the reader's theme applied to the page root.
 */
import { useDocumentTheme } from '@/src/ui/use-document-theme';
import { useOptionsController } from './controller';
import { OptionsView } from './OptionsView';

/** The connected options page; renders nothing until settings are read (a few milliseconds). */
export function Options() {
  const { view, theme } = useOptionsController();
  useDocumentTheme(theme);
  return view ? <OptionsView {...view} /> : null;
}
