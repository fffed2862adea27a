/**
 * The messages between the content script, the background and the extension
 * pages: every name, payload and reply. Types only, so the content script can
 * speak the protocol without the messaging library (see `page-channel.ts`).
 */
import type { Settings } from '../settings';

/** A topic found on a page and how often it is mentioned. */
export interface TopicCount {
  topic: string;
  count: number;
}

/** What a content script knows about its page. */
export interface PageReport {
  url: string;
  /** Topics with at least one mention, most mentioned first. */
  topics: TopicCount[];
  /** True while the first scan of the page is still running. */
  scanning: boolean;
}

export interface ProtocolMap {
  /** Content script → background: the page's topics changed. */
  reportPage(report: PageReport): void;
  /** Popup → content script: what is on your page? */
  getPageReport(): PageReport;
  /** Popup → content script: scroll to and flash a mention of a topic. */
  revealMention(request: { topic: string; index: number }): { index: number; total: number };
  /** Background → content script: a keyboard command asked for the next/previous mention's card. Replies whether one opened. */
  navigateMention(request: { direction: 'next' | 'previous' }): boolean;
  /** Content script → background: open the options page (content scripts cannot). */
  openOptionsPage(): void;
  /** Popup → background: the content script's last report for a tab; null when none reported since it last loaded. */
  getTabState(tabId: number): PageReport | null;
  /** Popup → background: site access was just granted; update the extra-sites registration and run Policy Lens in the tab now. Replies whether it was injected. */
  activateExtraSites(request: { tabId?: number }): { injected: boolean };
  /** Content script → background (Firefox): a mark landed in a shadow root; add the highlight styles at user level in my frame, where they reach shadow trees. Replies whether they were added. */
  styleShadowMarks(): boolean;
  /** Content script → background: run the hover card's script in my frame (it loads on first use). Replies whether it ran. */
  loadCard(): boolean;
  /** Content script → background: the built-in notes' compiled tables as JSON (asked only when storage does not hold this version). */
  getBuiltInTables(): string;
  /** Content script → background: the settings, migrated and repaired (asked only when the stored shape is not current). */
  getSettings(): Settings;
  /** Content script → background: the reader turned a topic off or on in a card. Replies whether storage took it. */
  setTopicEnabled(request: { topic: string; enabled: boolean }): boolean;
}

