/**
 * The options page as mounted by its entrypoint: the controller's state
 * rendered by the pure view, and the reader's theme applied to the page root.
 */
import { useEffect } from 'preact/hooks';
import { OptionsView } from './OptionsView';
import { useOptionsController } from './state';

/** The connected options page; renders nothing until settings are read (a few milliseconds). */
export function Options() {
  const { view, theme } = useOptionsController();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return view ? <OptionsView {...view} /> : null;
}
