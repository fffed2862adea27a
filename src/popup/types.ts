/**
 * The shapes the popup's views receive: what the controller knows, reduced
 * to plain data, and the reader's possible actions as callbacks.
 */

/** Where the reader is in a topic's mentions after "jump to mention". */
export interface JumpPosition {
  /** Zero-based index of the mention last revealed. */
  index: number;
  total: number;
}

/**
 * How Policy Lens came to run on a site (or not). `built-in-not-granted`: a
 * built-in news site the browser has not granted access to (Firefox lets
 * readers withhold it), so the content script does not run there.
 */
export type SiteAccess = 'built-in' | 'built-in-not-granted' | 'site' | 'all-sites' | 'none';

/** The current tab's site, for the site controls. */
export interface SiteView {
  /** Host as shown to the reader, e.g. "example.com". */
  site: string;
  access: SiteAccess;
  paused: boolean;
}

/** Every action the popup offers; the controller decides what each does. */
export interface PopupActions {
  onQueryChange(query: string): void;
  /** Arrow keys over the search results. */
  onMoveActive(by: number): void;
  onActivate(index: number): void;
  /** Enter or click on a search result. */
  onOpenResult(index: number): void;
  onCloseTopic(): void;
  /** Expand or collapse a topic row; `key` is scoped to its list. */
  onToggleExpanded(key: string): void;
  onSetEnabled(enabled: boolean): void;
  onSetTopicEnabled(topicId: string, enabled: boolean): void;
  onJump(topicId: string): void;
  onPauseSite(): void;
  onResumeSite(): void;
  /** Must request the host permission synchronously: it runs inside the click. */
  onEnableSite(): void;
  /** Must request the permission synchronously: it runs inside the click. */
  onEnableAllSites(): void;
  /** Grants access to the built-in news sites; must request synchronously: it runs inside the click. */
  onGrantSiteAccess(): void;
  onRevokeSite(): void;
  onRevokeAllSites(): void;
  onReload(): void;
  onOpenOptions(): void;
}
