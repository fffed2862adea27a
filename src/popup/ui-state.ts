/**
 * The popup's own view state (what the reader typed, which result is active,
 * which topics are open) as a pure reducer: no browser, no data, so keyboard
 * behaviour is testable and the view stays a function of its props.
 */

/** A topic opened from a search result, optionally with the finding the reader picked. */
export interface OpenTopic {
  topicId: string;
  findingId?: string;
}

/** The popup's view state. */
export interface PopupUiState {
  query: string;
  /** Index of the active search result; -1 when there is none. */
  active: number;
  /** Topic ids whose findings are expanded in the topic lists. */
  expanded: readonly string[];
  /** The topic shown in full after picking a search result. */
  open: OpenTopic | null;
}

/** Everything the reader can do to the view state. */
export type PopupUiAction =
  | { type: 'query'; query: string }
  /** Arrow keys: move the active result by `by`, wrapping within `count` results. */
  | { type: 'move'; by: number; count: number }
  | { type: 'activate'; index: number }
  | { type: 'open'; topic: OpenTopic }
  | { type: 'close' }
  | { type: 'toggle-expanded'; topicId: string };

/** The popup as it opens. */
export const INITIAL_POPUP_UI: PopupUiState = { query: '', active: -1, expanded: [], open: null };

/** Applies one reader action to the view state. */
export function popupUiReducer(state: PopupUiState, action: PopupUiAction): PopupUiState {
  switch (action.type) {
    case 'query':
      // The first result is active at once, so typing then Enter opens the best hit.
      return { ...state, query: action.query, active: action.query.trim() ? 0 : -1, open: null };
    case 'move': {
      if (action.count <= 0) return { ...state, active: -1 };
      const from = state.active < 0 && action.by < 0 ? 0 : state.active;
      return { ...state, active: (((from + action.by) % action.count) + action.count) % action.count };
    }
    case 'activate':
      return { ...state, active: action.index };
    case 'open':
      return { ...state, open: action.topic };
    case 'close':
      return { ...state, open: null };
    case 'toggle-expanded':
      return {
        ...state,
        expanded: state.expanded.includes(action.topicId)
          ? state.expanded.filter((id) => id !== action.topicId)
          : [...state.expanded, action.topicId],
      };
  }
}
