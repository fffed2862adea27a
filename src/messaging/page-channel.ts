/**
 * The protocol of `protocol.ts`, spoken by the content script without the
 * messaging library: the same envelope (`{ id, type, data, timestamp }`,
 * replies `{ res }` or `{ err }`), over the extension API found by
 * `src/extension/api.ts`. On every page load this is all the content script
 * needs of messaging; the library stays with the background and the pages.
 */
import type { ExtensionApi } from '../extension/api';
import type { ProtocolMap } from './types';

type Data<T extends keyof ProtocolMap> = Parameters<ProtocolMap[T]>[0];
type Reply<T extends keyof ProtocolMap> = ReturnType<ProtocolMap[T]>;

/** Handlers for the messages the content script answers. */
export type PageHandlers = {
  [T in keyof ProtocolMap]?: (data: Data<T>) => Reply<T> | Promise<Reply<T>>;
};

interface Envelope {
  id: number;
  type: string;
  data: unknown;
  timestamp: number;
}

let nextId = Math.floor(Math.random() * 10_000);

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as Envelope).type === 'string' && typeof (message as Envelope).timestamp === 'number';
}

/** Sends a message to the background and resolves with its reply; rejects when nothing answers or it failed. */
export async function sendToBackground<T extends keyof ProtocolMap>(api: ExtensionApi, type: T, data: Data<T>): Promise<Reply<T>> {
  const envelope: Envelope = { id: (nextId += 1), type, data, timestamp: Date.now() };
  const reply = (await api.runtime.sendMessage(envelope)) as { res?: unknown; err?: { message?: string } } | undefined;
  if (reply === undefined || reply === null) throw new Error('No response');
  if (reply.err != null) throw new Error(reply.err.message ?? `${type} failed`);
  return reply.res as Reply<T>;
}

/**
 * Answers the messages in `handlers` until `signal` aborts. Other messages are
 * left to other listeners. Replies go through `sendResponse`, which both
 * browsers honour (Chrome's extension API does not take a returned promise
 * as the reply).
 */
export function answerMessages(api: ExtensionApi, handlers: PageHandlers, signal: AbortSignal): void {
  const listener = (message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void): boolean => {
    if (!isEnvelope(message)) return false;
    const handler = handlers[message.type as keyof ProtocolMap] as ((data: unknown) => unknown) | undefined;
    if (!handler) return false;
    Promise.resolve()
      .then(() => handler(message.data))
      .then(
        (res) => sendResponse({ res }),
        (error: unknown) => sendResponse({ err: { name: 'Error', message: error instanceof Error ? error.message : String(error) } }),
      );
    return true;
  };
  api.runtime.onMessage.addListener(listener);
  signal.addEventListener(
    'abort',
    () => {
      try {
        api.runtime.onMessage.removeListener(listener);
      } catch {
        // The extension is gone, and its listener with it.
      }
    },
    { once: true },
  );
}
