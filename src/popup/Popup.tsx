/**
 * The popup as mounted by its entrypoint: the controller's state rendered by
 * the pure view, and the reader's theme applied to the page root.
 */
import { useEffect } from 'preact/hooks';
import { PopupView } from './PopupView';
import { usePopupController } from './state';

/** The connected popup for `tabId` (from `popup.html?tab=ID`) or the active tab. */
export function Popup({ tabId }: { tabId?: number }) {
  const { view, theme } = usePopupController(tabId);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return <PopupView {...view} />;
}
