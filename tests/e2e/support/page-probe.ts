/**
 * Scripts the harness runs inside test pages. They are serialized into the page, so each one is
 * self-contained and touches no DOM node: the "page DOM unchanged" tests stay meaningful.
 */

/** Global (non-enumerable) where the probe keeps what it saw. */
export const PROBE_GLOBAL = '__policyLensE2E';

/** What the probe records in a page. */
export interface ProbeRecord {
  /** Each WXT content-script start signal seen, by event type. */
  contentScripts: string[];
  /** console.error messages caught in the page (extension pages in Firefox). */
  consoleErrors: string[];
}

/** Where the probe keeps its record, and the start event it listens for (null: no extension loaded). */
export interface ContentScriptProbe {
  globalName: string;
  startEvent: string | null;
}

/** The event WXT's content-script runtime dispatches on the document at every start of our content script. */
export function contentScriptStartEvent(runtimeId: string): string {
  return `${runtimeId}:content:wxt:content-script-started`;
}

/**
 * Runs before page scripts. WXT's content-script runtime announces every start with an event on
 * the document (`contentScriptStartEvent`; it uses it to stop a stale copy after an update). DOM
 * events reach every world, so hearing it from the main world proves our content script ran,
 * without the product exposing anything for tests. The probe listens on the window in the capture
 * phase, registered before anything of ours, so our guard against forged restarts (which stops the
 * event at the window) cannot hide it. `startEvent` is null when no extension is loaded.
 */
export function installContentScriptProbe({ globalName, startEvent }: ContentScriptProbe): void {
  const record: ProbeRecord = { contentScripts: [], consoleErrors: [] };
  Object.defineProperty(window, globalName, { value: record, enumerable: false, configurable: true });
  if (startEvent !== null) window.addEventListener(startEvent, (event) => record.contentScripts.push(event.type), { capture: true });
}

/**
 * Firefox tells automation nothing about console calls on moz-extension pages (uncaught errors
 * reach its stderr log, see firefox-driver.ts), so the harness hooks console.error itself once
 * such a page has loaded. Calls made while the page was loading are not seen.
 */
export function installConsoleErrorHook(globalName: string): void {
  const host = window as unknown as Record<string, ProbeRecord | undefined>;
  const record: ProbeRecord = host[globalName] ?? { contentScripts: [], consoleErrors: [] };
  if (host[globalName] === undefined) {
    Object.defineProperty(window, globalName, { value: record, enumerable: false, configurable: true });
  }
  const originalError = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    record.consoleErrors.push(args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg))).join(' '));
    originalError(...args);
  };
}

/** Whether the probe has seen a content script start (for waits). */
export function contentScriptSeen(globalName: string): boolean {
  const record = (window as unknown as Record<string, ProbeRecord | undefined>)[globalName];
  return (record?.contentScripts.length ?? 0) > 0;
}

/** Reads the probe's record (or an empty one when the probe never ran in this document). */
export function readProbe(globalName: string): ProbeRecord {
  const record = (window as unknown as Record<string, ProbeRecord | undefined>)[globalName];
  return {
    contentScripts: [...(record?.contentScripts ?? [])],
    consoleErrors: [...(record?.consoleErrors ?? [])],
  };
}
