import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '@/src/background';
import { startExtraSiteSync } from '@/src/background/extra-sites';
import {
  ALL_SITES_ORIGINS,
  CONTENT_SCRIPT_GUARD_KEY,
  EXTRA_SITES_EARLY_READS_SCRIPT_ID,
  EXTRA_SITES_SCRIPT_ID,
  extraSiteOriginFor,
  extraSiteOrigins,
  getExtraSites,
  isCoveredByExtraSites,
  NEWS_SITE_MATCHES,
  removeExtraSites,
  requestExtraSites,
  syncExtraSiteRegistration,
  watchExtraSites,
} from '@/src/sites';
import { useRealMessages } from '../support/messages';

type Listener = (...args: unknown[]) => unknown;
type Registration = Browser.scripting.RegisteredContentScript;

/** Replaces a not-implemented fake event with a working one; `fire` awaits every listener. */
function stubEvent(event: object) {
  const listeners = new Set<Listener>();
  const target = event as { addListener: Listener; removeListener: Listener; hasListeners: Listener };
  vi.spyOn(target, 'addListener').mockImplementation((listener) => void listeners.add(listener as Listener));
  vi.spyOn(target, 'removeListener').mockImplementation((listener) => void listeners.delete(listener as Listener));
  vi.spyOn(target, 'hasListeners').mockImplementation(() => listeners.size > 0);
  return { listeners, fire: async (...args: unknown[]) => void (await Promise.all([...listeners].map((l) => l(...args)))) };
}

/** The manifest's two content scripts, as the build writes them. */
const MANIFEST_CONTENT_SCRIPTS = [
  { matches: [...NEWS_SITE_MATCHES], js: ['content-scripts/prefetch.js'], run_at: 'document_start' },
  { matches: [...NEWS_SITE_MATCHES], js: ['content-scripts/content.js'], css: ['content-scripts/content.css'], run_at: 'document_idle' },
] as const satisfies Browser.runtime.Manifest['content_scripts'];

/** The browser's permissions and scripting APIs, reduced to the state these tests look at. */
function fakeExtensionApis({ granted = [] as string[], prompt = true, guardPresent = false } = {}) {
  const registrations = new Map<string, Registration>();
  const state = {
    granted: [...granted],
    registrations,
    /** The registration that runs the content script (undefined when there is none). */
    get registered(): Registration | undefined {
      return registrations.get(EXTRA_SITES_SCRIPT_ID);
    },
    /** The one that starts its storage reads early. */
    get earlyReads(): Registration | undefined {
      return registrations.get(EXTRA_SITES_EARLY_READS_SCRIPT_ID);
    },
  };
  const registerAll = (scripts: unknown, mustExist: boolean) => {
    for (const script of scripts as Registration[]) {
      // As the browsers do: registering an id twice, or updating one that is not there, is an error.
      if (registrations.has(script.id) !== mustExist) throw new Error(`Duplicate or unknown script id: ${script.id}`);
      registrations.set(script.id, structuredClone(script));
    }
  };
  const onAdded = stubEvent(fakeBrowser.permissions.onAdded);
  const onRemoved = stubEvent(fakeBrowser.permissions.onRemoved);
  const permissions = fakeBrowser.permissions as unknown as Record<string, Listener>;
  const scripting = fakeBrowser.scripting as unknown as Record<string, Listener>;

  const api = {
    state,
    onAdded,
    onRemoved,
    getAll: vi.spyOn(permissions, 'getAll').mockImplementation(async () => ({ origins: [...state.granted], permissions: [] })),
    request: vi.spyOn(permissions, 'request').mockImplementation(async (request) => {
      if (!prompt) return false;
      const origins = (request as { origins: string[] }).origins;
      state.granted.push(...origins);
      await onAdded.fire({ origins });
      return true;
    }),
    remove: vi.spyOn(permissions, 'remove').mockImplementation(async (request) => {
      const origins = (request as { origins: string[] }).origins;
      state.granted = state.granted.filter((origin) => !origins.includes(origin));
      await onRemoved.fire({ origins });
      return true;
    }),
    getRegistered: vi.spyOn(scripting, 'getRegisteredContentScripts').mockImplementation(async (filter) => {
      const ids = (filter as { ids?: string[] } | undefined)?.ids;
      return [...registrations.values()].filter((script) => ids === undefined || ids.includes(script.id)).map((script) => structuredClone(script));
    }),
    register: vi.spyOn(scripting, 'registerContentScripts').mockImplementation(async (scripts) => registerAll(scripts, false)),
    update: vi.spyOn(scripting, 'updateContentScripts').mockImplementation(async (scripts) => registerAll(scripts, true)),
    unregister: vi.spyOn(scripting, 'unregisterContentScripts').mockImplementation(async (filter) => {
      for (const id of (filter as { ids: string[] }).ids) registrations.delete(id);
    }),
    executeScript: vi.spyOn(scripting, 'executeScript').mockImplementation(async (injection) =>
      'func' in (injection as object) ? [{ frameId: 0, result: guardPresent }] : [{ frameId: 0, result: undefined }],
    ),
    insertCSS: vi.spyOn(scripting, 'insertCSS').mockResolvedValue(undefined),
  };
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Policy Lens',
    version: '0.1.0',
    content_scripts: MANIFEST_CONTENT_SCRIPTS,
  });
  return api;
}

let stop: (() => void) | undefined;

beforeEach(() => {
  fakeBrowser.reset();
  useRealMessages();
});

afterEach(() => {
  stop?.();
  stop = undefined;
});

describe('which origin a page asks for', () => {
  it.each([
    ['https://www.example.com/a/b?c#d', 'https://www.example.com/*'],
    ['http://blog.example.org:8080/', 'http://blog.example.org/*'],
    ['https://www.nytimes.com/2024/world.html', null],
    ['chrome://extensions/', null],
    ['file:///home/me/page.html', null],
    ['not a url', null],
  ])('%s → %s', (url, origin) => {
    expect(extraSiteOriginFor(url)).toBe(origin);
  });

  it('keeps only the patterns it manages', () => {
    expect(
      extraSiteOrigins([
        'https://b.example/*',
        'https://a.example/*',
        'https://a.example/*',
        '<all_urls>',
        'chrome://favicon/*',
        NEWS_SITE_MATCHES[0]!,
        ...ALL_SITES_ORIGINS,
      ]),
    ).toEqual(['http://*/*', 'https://*/*', 'https://a.example/*', 'https://b.example/*']);
  });

  it('tells whether granted patterns cover a page', () => {
    expect(isCoveredByExtraSites('https://www.example.com/x', ['https://www.example.com/*'])).toBe(true);
    expect(isCoveredByExtraSites('https://example.com/x', ['https://www.example.com/*'])).toBe(false);
    expect(isCoveredByExtraSites('http://any.test/', ALL_SITES_ORIGINS)).toBe(true);
    expect(isCoveredByExtraSites('https://any.test/', ['not a pattern'])).toBe(false);
  });
});

describe('enabling a site from the popup', () => {
  it('asks for the permission synchronously, then registers the script and runs it in the tab', async () => {
    const api = fakeExtensionApis();
    stop = startExtraSiteSync();
    const pending = requestExtraSites(['https://www.example.com/*'], 12);
    // Still inside the click's user gesture: the request went out before anything was awaited.
    expect(api.request).toHaveBeenCalledWith({ origins: ['https://www.example.com/*'] });
    expect(await pending).toEqual({ ok: true, injected: true });

    // Two registrations, as in the manifest: the content script, and the script that starts its reads early.
    expect(api.register).toHaveBeenCalledTimes(2);
    expect(api.state.registered).toEqual({
      id: EXTRA_SITES_SCRIPT_ID,
      matches: ['https://www.example.com/*'],
      excludeMatches: [...NEWS_SITE_MATCHES],
      js: ['content-scripts/content.js'],
      css: ['content-scripts/content.css'],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });
    expect(api.state.earlyReads).toEqual({
      id: EXTRA_SITES_EARLY_READS_SCRIPT_ID,
      matches: ['https://www.example.com/*'],
      excludeMatches: [...NEWS_SITE_MATCHES],
      js: ['content-scripts/prefetch.js'],
      runAt: 'document_start',
      persistAcrossSessions: true,
    });
    // The grant's onAdded sync and the popup's activation ran one after the other, not twice over.
    expect(api.update).not.toHaveBeenCalled();
    expect(api.insertCSS).toHaveBeenCalledWith({ target: { tabId: 12 }, files: ['content-scripts/content.css'] });
    expect(api.executeScript).toHaveBeenLastCalledWith({ target: { tabId: 12 }, files: ['content-scripts/content.js'] });
    expect(await getExtraSites()).toEqual(['https://www.example.com/*']);
  });

  it("registers and runs package paths when the manifest gives full URLs (Firefox's getManifest)", async () => {
    const api = fakeExtensionApis();
    const root = fakeBrowser.runtime.getURL('/');
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Policy Lens',
      version: '0.1.0',
      content_scripts: [
        { matches: [...NEWS_SITE_MATCHES], js: [`${root}content-scripts/prefetch.js`], run_at: 'document_start' },
        { matches: [...NEWS_SITE_MATCHES], js: [`${root}content-scripts/content.js`], css: [`${root}content-scripts/content.css`] },
      ],
    });
    stop = startExtraSiteSync();
    expect(await requestExtraSites(['https://www.example.com/*'], 12)).toEqual({ ok: true, injected: true });
    // registerContentScripts refuses full URLs ("must be a relative URL").
    expect(api.state.registered).toMatchObject({ js: ['content-scripts/content.js'], css: ['content-scripts/content.css'] });
    expect(api.state.earlyReads).toMatchObject({ js: ['content-scripts/prefetch.js'] });
    expect(api.insertCSS).toHaveBeenCalledWith({ target: { tabId: 12 }, files: ['content-scripts/content.css'] });
    expect(api.executeScript).toHaveBeenLastCalledWith({ target: { tabId: 12 }, files: ['content-scripts/content.js'] });
  });

  it("runs only the manifest's document_idle script in an open tab: the early reads' script would start too late to help", async () => {
    const api = fakeExtensionApis();
    stop = startExtraSiteSync();
    expect(await requestExtraSites(['https://www.example.com/*'], 12)).toEqual({ ok: true, injected: true });
    const injected = api.executeScript.mock.calls.map(([injection]) => (injection as { files?: string[] }).files).filter(Boolean);
    expect(injected).toEqual([['content-scripts/content.js']]);
  });

  it('registers only the content script when the manifest has no early-reads script', async () => {
    const api = fakeExtensionApis();
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Policy Lens',
      version: '0.1.0',
      content_scripts: [{ matches: [...NEWS_SITE_MATCHES], js: ['content-scripts/content.js'], css: ['content-scripts/content.css'] }],
    });
    stop = startExtraSiteSync();
    expect(await requestExtraSites(['https://www.example.com/*'], 12)).toEqual({ ok: true, injected: true });
    expect([...api.state.registrations.keys()]).toEqual([EXTRA_SITES_SCRIPT_ID]);
  });

  it('does not run the script twice in a tab that already has it', async () => {
    const api = fakeExtensionApis({ guardPresent: true });
    stop = startExtraSiteSync();
    expect(await requestExtraSites(['https://www.example.com/*'], 12)).toEqual({ ok: true, injected: false });
    expect(api.executeScript).toHaveBeenCalledTimes(1);
    expect(api.executeScript.mock.calls[0]?.[0]).toMatchObject({ args: [CONTENT_SCRIPT_GUARD_KEY] });
    expect(api.insertCSS).not.toHaveBeenCalled();
  });

  it('still registers the site when the tab cannot be scripted', async () => {
    const api = fakeExtensionApis();
    stop = startExtraSiteSync();
    api.executeScript.mockRejectedValue(new Error('Cannot access contents of the page'));
    expect(await requestExtraSites(['https://www.example.com/*'], 12)).toEqual({ ok: true, injected: false });
    expect(api.state.registered?.matches).toEqual(['https://www.example.com/*']);
  });

  it('changes nothing when the reader declines', async () => {
    const api = fakeExtensionApis({ prompt: false });
    stop = startExtraSiteSync();
    expect(await requestExtraSites(['https://www.example.com/*'], 12)).toEqual({
      ok: false,
      reason: 'denied',
      message: 'Access was not granted, so Policy Lens stays off on this site.',
    });
    expect(api.register).not.toHaveBeenCalled();
    expect(api.executeScript).not.toHaveBeenCalled();
  });

  it('reports a browser error as a failure with its message', async () => {
    const api = fakeExtensionApis();
    stop = startExtraSiteSync();
    api.request.mockRejectedValue(new Error('Only permissions specified in the manifest may be requested.'));
    expect(await requestExtraSites(['https://www.example.com/*'])).toEqual({
      ok: false,
      reason: 'failed',
      message: 'Policy Lens could not be turned on for this site: Only permissions specified in the manifest may be requested.',
    });
  });

  it('enables all sites with one registration', async () => {
    const api = fakeExtensionApis({ granted: ['https://www.example.com/*'] });
    stop = startExtraSiteSync();
    expect(await requestExtraSites(ALL_SITES_ORIGINS, 3)).toMatchObject({ ok: true });
    expect(api.state.registered?.matches).toEqual(['http://*/*', 'https://*/*', 'https://www.example.com/*']);
    expect(api.state.registered?.excludeMatches).toEqual([...NEWS_SITE_MATCHES]);
  });
});

describe('keeping the registration in sync', () => {
  it('updates one registration as sites come and go, and drops it when none is left', async () => {
    const api = fakeExtensionApis({ granted: ['https://a.example/*'] });
    const seen: string[][] = [];
    const unwatch = watchExtraSites((origins) => seen.push(origins));

    expect(await syncExtraSiteRegistration()).toEqual(['https://a.example/*']);
    expect(api.register).toHaveBeenCalledTimes(2);

    api.state.granted.push('https://b.example/*');
    await syncExtraSiteRegistration();
    expect(api.update).toHaveBeenCalledTimes(2);
    expect(api.state.registered?.matches).toEqual(['https://a.example/*', 'https://b.example/*']);
    expect(api.state.earlyReads?.matches).toEqual(['https://a.example/*', 'https://b.example/*']);

    await syncExtraSiteRegistration();
    expect(api.update).toHaveBeenCalledTimes(2);

    api.state.granted = [];
    expect(await syncExtraSiteRegistration()).toEqual([]);
    expect(api.unregister).toHaveBeenCalledWith({ ids: [EXTRA_SITES_SCRIPT_ID] });
    expect(api.unregister).toHaveBeenCalledWith({ ids: [EXTRA_SITES_EARLY_READS_SCRIPT_ID] });
    expect(api.state.registrations.size).toBe(0);

    unwatch();
    expect(seen).toEqual([['https://a.example/*'], ['https://a.example/*', 'https://b.example/*'], []]);
  });

  it('follows a revocation made in the browser UI', async () => {
    const api = fakeExtensionApis({ granted: ['https://a.example/*', 'https://b.example/*'] });
    stop = startExtraSiteSync();
    await syncExtraSiteRegistration();

    api.state.granted = ['https://b.example/*'];
    await api.onRemoved.fire({ origins: ['https://a.example/*'] });
    await vi.waitFor(async () => {
      expect(api.state.registered?.matches).toEqual(['https://b.example/*']);
      expect(await getExtraSites()).toEqual(['https://b.example/*']);
    });
  });

  it('removes access through the permissions API, and the background follows', async () => {
    const api = fakeExtensionApis({ granted: ['https://a.example/*'] });
    stop = startExtraSiteSync();
    await syncExtraSiteRegistration();
    expect(await removeExtraSites(['https://a.example/*'])).toBe(true);
    expect(api.remove).toHaveBeenCalledWith({ origins: ['https://a.example/*'] });
    await vi.waitFor(() => expect(api.state.registered).toBeUndefined());
  });

  it('re-checks on install, update and browser start', async () => {
    const api = fakeExtensionApis({ granted: ['https://a.example/*'] });
    stop = startExtraSiteSync();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await vi.waitFor(() => expect(api.register).toHaveBeenCalledTimes(2));
    api.state.registrations.clear();
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(() => expect(api.register).toHaveBeenCalledTimes(4));
  });

  it('adds the early-reads registration to an install that has only the content script (an update from before it)', async () => {
    const api = fakeExtensionApis({ granted: ['https://a.example/*'] });
    api.state.registrations.set(EXTRA_SITES_SCRIPT_ID, {
      id: EXTRA_SITES_SCRIPT_ID,
      matches: ['https://a.example/*'],
      excludeMatches: [...NEWS_SITE_MATCHES],
      js: ['content-scripts/content.js'],
      css: ['content-scripts/content.css'],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });
    stop = startExtraSiteSync();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await vi.waitFor(() => expect(api.state.earlyReads?.matches).toEqual(['https://a.example/*']));
    expect(api.register).toHaveBeenCalledTimes(1);
    expect(api.update).not.toHaveBeenCalled();
  });
});

describe('the public module', () => {
  it('touches no storage when imported, only when the enabled sites are asked for', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    vi.resetModules();
    const sites = await import('@/src/sites');
    await new Promise((resolve) => setTimeout(resolve));
    expect(get).not.toHaveBeenCalled();
    expect(await sites.getExtraSites()).toEqual([]);
    expect(get).toHaveBeenCalled();
  });
});

describe('startBackground', () => {
  it('starts every service and its cleanup removes every listener', () => {
    const api = fakeExtensionApis();
    const commands = stubEvent(fakeBrowser.commands.onCommand);
    const stopAll = startBackground({ builtInTables: { id: 'test', json: '{}' } });
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
    expect(fakeBrowser.runtime.onInstalled.hasListeners()).toBe(true);
    expect(fakeBrowser.tabs.onUpdated.hasListeners()).toBe(true);
    expect(api.onAdded.listeners.size).toBe(1);
    expect(commands.listeners.size).toBe(1);

    stopAll();
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);
    expect(fakeBrowser.runtime.onInstalled.hasListeners()).toBe(false);
    expect(fakeBrowser.runtime.onStartup.hasListeners()).toBe(false);
    expect(fakeBrowser.tabs.onUpdated.hasListeners()).toBe(false);
    expect(fakeBrowser.tabs.onRemoved.hasListeners()).toBe(false);
    expect(api.onAdded.listeners.size).toBe(0);
    expect(api.onRemoved.listeners.size).toBe(0);
    expect(commands.listeners.size).toBe(0);
  });
});
