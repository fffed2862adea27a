/**
 * The one typed protocol between the content script, the background and the
 * extension pages. Every message name, payload and reply is declared here.
 */
import { defineExtensionMessaging, type GetDataType, type GetReturnType } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import type { ProtocolMap } from './types';

export type { PageReport, ProtocolMap, TopicCount } from './types';

const messenger = defineExtensionMessaging<ProtocolMap>();

/** Answers one message type in this context; returns the function that stops answering. */
export const onMessage = messenger.onMessage;

/**
 * Sends a message to the background, or to the content script of tab `tabId`, and resolves with
 * the reply; rejects when nothing answers.
 */
export function sendMessage<T extends keyof ProtocolMap>(
  type: T,
  data: GetDataType<ProtocolMap[T]>,
  tabId?: number,
): Promise<GetReturnType<ProtocolMap[T]>> {
  return tabId === undefined ? messenger.sendMessage(type, data) : sendToTab(type, data, tabId);
}

/** The library's message envelope, which its `onMessage` listeners expect. */
interface Envelope {
  id: number;
  type: string;
  data: unknown;
  timestamp: number;
}

let nextMessageId = Math.floor(Math.random() * 10_000);

/**
 * A tab message through `browser.tabs.sendMessage`, in the library's envelope. The library's own
 * tab path leaves Chrome's `lastError` unread when the tab has no content script (any page
 * Policy Lens does not run on), and Chrome then reports "Unchecked runtime.lastError" as an
 * error of the extension each time the popup opens there.
 */
async function sendToTab<T extends keyof ProtocolMap>(
  type: T,
  data: GetDataType<ProtocolMap[T]>,
  tabId: number,
): Promise<GetReturnType<ProtocolMap[T]>> {
  const envelope: Envelope = { id: (nextMessageId += 1), type, data, timestamp: Date.now() };
  const reply = (await browser.tabs.sendMessage(tabId, envelope)) as { res?: unknown; err?: { name?: string; message?: string } } | undefined;
  if (reply === undefined || reply === null) throw new Error('No response');
  if (reply.err != null) {
    const error = new Error(reply.err.message ?? 'The tab could not answer');
    if (reply.err.name) error.name = reply.err.name;
    throw error;
  }
  return reply.res as GetReturnType<ProtocolMap[T]>;
}
