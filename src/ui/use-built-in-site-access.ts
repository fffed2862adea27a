/**
 * The state behind the site-access banner: whether the browser has granted
 * the built-in news sites, kept current while the page is open, and the
 * outcome of the reader's own request (declined, or granted just now).
 */
import { useCallback, useEffect, useReducer } from 'preact/hooks';
import { requestBuiltInSiteAccess, watchSiteAccess } from '@/src/sites';
import type { AccessBannerState } from './AccessBanner';

/** Access to the built-in news sites as last checked, and what the banner shows. */
export interface BuiltInAccessState {
  /** Undefined until the first check answers. */
  granted: boolean | undefined;
  /** Null shows no banner: access was there all along, or is not known yet. */
  banner: AccessBannerState | null;
}

/** A check (the first, or after a permission change), or the answer to the reader's own request. */
export type BuiltInAccessEvent = { type: 'checked'; granted: boolean } | { type: 'answered'; granted: boolean };

/** Nothing known yet. */
export const INITIAL_BUILT_IN_ACCESS: BuiltInAccessState = { granted: undefined, banner: null };

/** Folds one event into the state. A grant earns a confirmation only where the banner was showing. */
export function builtInAccessReducer(state: BuiltInAccessState, event: BuiltInAccessEvent): BuiltInAccessState {
  const { granted } = event;
  if (event.type === 'answered') return { granted, banner: granted ? 'granted' : 'denied' };
  if (granted) return { granted, banner: state.banner === null ? null : 'granted' };
  // After a refusal keep saying so, rather than dropping back to the plain request.
  return { granted, banner: state.banner === 'denied' ? 'denied' : 'missing' };
}

/** The state, plus the request. */
export interface BuiltInSiteAccess extends BuiltInAccessState {
  /** Asks the browser at once (call it inside the click; nothing is awaited before the prompt); resolves whether access was granted. */
  grant: () => Promise<boolean>;
}

/** Follows access to the built-in news sites for as long as the component is mounted. */
export function useBuiltInSiteAccess(): BuiltInSiteAccess {
  const [state, dispatch] = useReducer(builtInAccessReducer, INITIAL_BUILT_IN_ACCESS);

  // The watcher answers right away, then after every permission change (ours or the browser's UI).
  useEffect(() => watchSiteAccess((granted) => dispatch({ type: 'checked', granted })), []);

  const grant = useCallback(
    () =>
      requestBuiltInSiteAccess().then(
        (granted) => {
          dispatch({ type: 'answered', granted });
          return granted;
        },
        (error: unknown) => {
          console.error('[Policy Lens] the browser did not ask for site access', error);
          dispatch({ type: 'answered', granted: false });
          return false;
        },
      ),
    [],
  );

  return { ...state, grant };
}
