/**
 * The extension API, reached in a way no page can break. In a content
 * script, named elements of the page also appear as globals (DOM clobbering:
 * `<form id="browser"><input name="runtime" id="r1">` makes `browser.runtime.id`
 * read "r1" in Chrome, where no real `browser` exists). So the API is taken
 * only from the global object's own properties, where the browser puts it,
 * never from the named-element lookup that sits further up its prototype
 * chain, and only if it looks like the real thing.
 *
 * Every entry point uses this module (the build points `@wxt-dev/browser` at
 * it), so libraries that read `globalThis.browser` are safe too.
 */

import type { Browser } from '@wxt-dev/browser';
import { ownGlobal } from '../safe-globals';

/** The extension API (Firefox's `browser`, Chrome's `chrome`: the same shape in Manifest V3). */
export type ExtensionApi = typeof Browser;

/** Whether a value is an extension API object of this extension (its runtime has an id and URLs). */
function isExtensionApi(value: unknown): value is ExtensionApi {
  if (typeof value !== 'object' || value === null) return false;
  const runtime = (value as { runtime?: unknown }).runtime;
  if (typeof runtime !== 'object' || runtime === null) return false;
  const { id, getURL } = runtime as { id?: unknown; getURL?: unknown };
  return typeof id === 'string' && id.length > 0 && typeof getURL === 'function';
}

/**
 * The extension API of this context: Firefox's promise-based `browser`, or
 * Chrome's `chrome` (promise-based too in Manifest V3). Undefined outside an
 * extension, or once the extension is gone (an orphaned content script).
 */
export function findExtensionApi(): ExtensionApi | undefined {
  for (const name of ['browser', 'chrome']) {
    const candidate = ownGlobal(name);
    if (isExtensionApi(candidate)) return candidate;
  }
  return undefined;
}

/** Whether the extension that runs this script is still there (after an update or removal, Chrome leaves its content scripts orphaned). */
export function isExtensionAlive(api: ExtensionApi | undefined): boolean {
  try {
    return api !== undefined && typeof api.runtime?.id === 'string';
  } catch {
    return false;
  }
}

/**
 * For `@wxt-dev/browser`'s importers (WXT's own runtime and @wxt-dev/storage):
 * the same object they would have picked from an honest page. Outside an
 * extension (unit tests), whatever the environment provides.
 */
export const browser = (findExtensionApi() ??
  (globalThis as { browser?: unknown }).browser ??
  (globalThis as { chrome?: unknown }).chrome) as ExtensionApi;
