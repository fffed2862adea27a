/**
 * The one typed protocol between the content script, the background and the
 * extension pages. Every message name, payload and reply is declared here.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';

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

interface ProtocolMap {
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
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
