/**
 * Keeps the extra-sites registration equal to what the browser granted: after
 * a grant or a revocation (in our pages or the browser's own UI), on install
 * or update, on browser start, and when the popup asks right after a grant.
 */
import { browser } from 'wxt/browser';
import { onMessage } from '@/src/messaging/protocol';
import { injectIntoTab, onHostAccessChanged, syncExtraSiteRegistration } from '@/src/sites';

/** Runs tasks one after another, so two syncs never interleave their register/update calls. */
function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Starts keeping the registration in sync; returns the function that stops it. */
export function startExtraSiteSync(): () => void {
  const serial = createSerialQueue();
  const sync = () => {
    serial(syncExtraSiteRegistration).catch((error: unknown) => {
      console.error('[Policy Lens] could not update the extra-sites registration', error);
    });
  };

  const stopActivation = onMessage('activateExtraSites', ({ data }) =>
    serial(async () => {
      await syncExtraSiteRegistration();
      if (data.tabId === undefined) return { injected: false };
      // A page the browser will not let us script (store pages, PDFs) simply stays as it is.
      const injected = await injectIntoTab(data.tabId).catch(() => false);
      return { injected };
    }),
  );

  const stopAccessWatch = onHostAccessChanged(sync);
  browser.runtime.onInstalled.addListener(sync);
  browser.runtime.onStartup.addListener(sync);

  return () => {
    stopActivation();
    stopAccessWatch();
    browser.runtime.onInstalled.removeListener(sync);
    browser.runtime.onStartup.removeListener(sync);
  };
}
