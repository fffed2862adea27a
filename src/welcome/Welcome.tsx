/**
 * The welcome page as mounted by its entrypoint: the controller's state
 * rendered by the pure view, and the reader's theme applied to the page root.
 */
import { useDocumentTheme } from '@/src/ui/use-document-theme';
import { useWelcomeController } from './controller';
import { WelcomeView } from './WelcomeView';

/** The connected welcome page. */
export function Welcome() {
  const { view, theme } = useWelcomeController();
  useDocumentTheme(theme);
  return <WelcomeView {...view} />;
}
