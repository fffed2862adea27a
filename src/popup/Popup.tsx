/**
 * The popup as mounted by its entrypoint: the controller's state rendered by
 * the pure view, and the reader's theme applied to the page root.
 */
import { useDocumentTheme } from '@/src/ui/use-document-theme';
import { usePopupController } from './controller';
import { PopupView } from './PopupView';

/** The connected popup for `tabId` (from `popup.html?tab=ID`) or the active tab. */
export function Popup({ tabId }: { tabId?: number }) {
  const { view, theme } = usePopupController(tabId);
  useDocumentTheme(theme);
  return <PopupView {...view} />;
}
