/**
 * What content scripts ask of the background, because they cannot do it
 * themselves or should not carry the code on every page: open the options
 * page, run the hover card's script in their frame on first use, add the
 * highlight styles where Firefox's page-level sheet cannot reach, read
 * settings whose stored shape needs migrating or repairing, and switch a
 * topic from a card.
 */
import { browser } from 'wxt/browser';
import { onMessage } from '@/src/messaging/protocol';
import { getSettings, setTopicEnabled } from '@/src/settings';
import { contentScriptFiles } from '@/src/sites';

/** The card script as the build writes it (an unlisted script, by the extension's package path). */
export const CARD_SCRIPT_FILE = '/card.js';

/** Answers the content scripts; returns the function that stops answering. */
export function startContentRequests(): () => void {
  const stops = [
    onMessage('openOptionsPage', () => browser.runtime.openOptionsPage()),
    onMessage('getSettings', () => getSettings()),
    onMessage('setTopicEnabled', async ({ data }) => (await setTopicEnabled(data.topic, data.enabled)).ok),
    onMessage('loadCard', async ({ sender }) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return false;
      // Into the asking frame's isolated world, where its content script waits for the card.
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [sender.frameId ?? 0] },
        files: [CARD_SCRIPT_FILE],
      });
      return true;
    }),
    onMessage('styleShadowMarks', async ({ sender }) => {
      const tabId = sender.tab?.id;
      const { css } = contentScriptFiles();
      if (tabId === undefined || css.length === 0) return false;
      // The content script's own stylesheet again, at user level: Firefox applies user sheets inside
      // shadow trees, which the manifest's (author) sheet never reaches (src/content/shadow-mark-styles.ts).
      await browser.scripting.insertCSS({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: css, origin: 'USER' });
      return true;
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
