import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  hasBuiltInSiteAccess,
  hasPageAccess,
  NEWS_SITE_MATCHES,
  patternCovers,
  requestBuiltInSiteAccess,
  watchSiteAccess,
} from '@/src/sites';
import {
  builtInAccessReducer,
  INITIAL_BUILT_IN_ACCESS,
  type BuiltInAccessState,
} from '@/src/ui/use-built-in-site-access';
import { stubPermissions } from '../support/permissions';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('hasBuiltInSiteAccess', () => {
  it('reads the granted origins, where both browsers list the content-script hosts', async () => {
    const api = stubPermissions({ granted: [...NEWS_SITE_MATCHES] });
    expect(await hasBuiltInSiteAccess()).toBe(true);
    expect(api.getAll).toHaveBeenCalled();
    // Chrome's contains() answers false for content-script hosts even while they run, so it must not be
    // asked: the fake browser leaves it unimplemented, and calling it would throw.
  });

  it('is false when even one built-in site is withheld (Firefox lets readers revoke them one by one)', async () => {
    stubPermissions({ granted: NEWS_SITE_MATCHES.filter((pattern) => !pattern.includes('nytimes')) });
    expect(await hasBuiltInSiteAccess()).toBe(false);
  });

  it('counts a broader grant (all sites) as covering every built-in site', async () => {
    stubPermissions({ granted: ['https://*/*'] });
    expect(await hasBuiltInSiteAccess()).toBe(true);
  });

  it('does not count a grant for one host as the whole domain', async () => {
    stubPermissions({
      granted: [...NEWS_SITE_MATCHES.filter((pattern) => !pattern.includes('nytimes')), 'https://www.nytimes.com/*'],
    });
    expect(await hasBuiltInSiteAccess()).toBe(false);
  });
});

describe('patternCovers', () => {
  it.each([
    ['https://*.nytimes.com/*', 'https://*.nytimes.com/*', true],
    ['https://*/*', 'https://*.nytimes.com/*', true],
    ['*://*/*', 'https://*.nytimes.com/*', true],
    ['<all_urls>', 'https://*.nytimes.com/*', true],
    ['https://*.nytimes.com/*', 'https://www.nytimes.com/*', true],
    ['https://*.nytimes.com/*', 'https://cooking.nytimes.com/recipes/*', true],
    ['https://www.nytimes.com/*', 'https://*.nytimes.com/*', false],
    ['https://*.times.com/*', 'https://*.nytimes.com/*', false],
    ['http://*/*', 'https://*.nytimes.com/*', false],
    ['https://*.nytimes.com/world/*', 'https://*.nytimes.com/*', false],
    ['not a pattern', 'https://*.nytimes.com/*', false],
  ])('%s covers %s: %s', (granted, wanted, expected) => {
    expect(patternCovers(granted, wanted)).toBe(expected);
  });
});

describe('hasPageAccess', () => {
  it('checks the one site of the page', async () => {
    stubPermissions({ granted: ['https://*.nytimes.com/*'] });
    expect(await hasPageAccess('https://www.nytimes.com/2024/world/story.html?x=1')).toBe(true);
    expect(await hasPageAccess('https://apnews.com/article/x')).toBe(false);
  });

  it('counts a single-site grant from the browser’s extensions panel', async () => {
    stubPermissions({ granted: ['https://www.nytimes.com/*'] });
    expect(await hasPageAccess('https://www.nytimes.com/2024/world/story.html')).toBe(true);
  });

  it('answers false for pages no host permission can cover, without asking', async () => {
    const api = stubPermissions({ granted: ['<all_urls>'] });
    expect(await hasPageAccess('about:addons')).toBe(false);
    expect(await hasPageAccess('not a url')).toBe(false);
    expect(await hasPageAccess('file:///tmp/x.html')).toBe(false);
    expect(api.getAll).not.toHaveBeenCalled();
  });
});

describe('requestBuiltInSiteAccess', () => {
  it('asks for every built-in site synchronously, inside the caller’s user gesture', async () => {
    const api = stubPermissions({ granted: [] });
    const answer = requestBuiltInSiteAccess();
    // Nothing may be awaited before the request, or the browser refuses to prompt.
    expect(api.request).toHaveBeenCalledWith({ origins: [...NEWS_SITE_MATCHES] });
    expect(await answer).toBe(true);
    expect(await hasBuiltInSiteAccess()).toBe(true);
  });

  it('resolves false when the reader declines', async () => {
    stubPermissions({ granted: [], prompt: 'decline' });
    expect(await requestBuiltInSiteAccess()).toBe(false);
  });

  it('turns a synchronous refusal into a rejected promise', async () => {
    const api = stubPermissions({ granted: [] });
    api.request.mockImplementation(() => {
      throw new Error('permissions.request may only be called from a user input handler');
    });
    await expect(requestBuiltInSiteAccess()).rejects.toThrow('user input handler');
  });
});

describe('watchSiteAccess', () => {
  it('answers at once, then after every grant or revocation, until stopped', async () => {
    const api = stubPermissions({ granted: [...NEWS_SITE_MATCHES] });
    const seen: boolean[] = [];
    const stop = watchSiteAccess((granted) => seen.push(granted));
    await vi.waitFor(() => expect(seen).toEqual([true]));

    await api.revoke(['https://*.nytimes.com/*']);
    await vi.waitFor(() => expect(seen).toEqual([true, false]));
    await api.grant(['https://*.nytimes.com/*']);
    await vi.waitFor(() => expect(seen).toEqual([true, false, true]));

    stop();
    expect(api.onAdded.listeners.size).toBe(0);
    expect(api.onRemoved.listeners.size).toBe(0);
    await api.revoke(['https://*.nytimes.com/*']);
    expect(seen).toEqual([true, false, true]);
  });

  it('reports only the newest answer when answers come back out of order', async () => {
    const api = stubPermissions({ granted: [] });
    const answers: Array<(origins: string[]) => void> = [];
    api.getAll.mockImplementation(
      () => new Promise((resolve) => answers.push((origins) => resolve({ origins, permissions: [] }))),
    );
    const seen: boolean[] = [];
    watchSiteAccess((granted) => seen.push(granted));
    await api.onAdded.fire({ origins: ['https://*.nytimes.com/*'] });
    expect(answers).toHaveLength(2);

    answers[1]!([...NEWS_SITE_MATCHES]);
    answers[0]!([]);
    await vi.waitFor(() => expect(seen).toEqual([true]));
    await Promise.resolve();
    expect(seen).toEqual([true]);
  });

  it('drops an answer that arrives after it was stopped', async () => {
    const api = stubPermissions({ granted: [] });
    let answer: () => void = () => undefined;
    api.getAll.mockImplementation(
      () => new Promise((resolve) => (answer = () => resolve({ origins: [...NEWS_SITE_MATCHES], permissions: [] }))),
    );
    const onChange = vi.fn();
    watchSiteAccess(onChange)();
    answer();
    await Promise.resolve();
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('builtInAccessReducer', () => {
  const after = (...events: Parameters<typeof builtInAccessReducer>[1][]): BuiltInAccessState =>
    events.reduce(builtInAccessReducer, INITIAL_BUILT_IN_ACCESS);

  it('shows nothing where access was granted all along (Chrome grants at install)', () => {
    expect(after({ type: 'checked', granted: true })).toEqual({ granted: true, banner: null });
  });

  it('asks where access is missing, and confirms once the reader grants it', () => {
    expect(after({ type: 'checked', granted: false })).toEqual({ granted: false, banner: 'missing' });
    expect(after({ type: 'checked', granted: false }, { type: 'answered', granted: true })).toEqual({
      granted: true,
      banner: 'granted',
    });
  });

  it('confirms a grant made in the browser’s own UI while the banner was showing', () => {
    expect(after({ type: 'checked', granted: false }, { type: 'checked', granted: true }).banner).toBe('granted');
  });

  it('keeps saying the request was declined until access arrives', () => {
    const declined = after({ type: 'checked', granted: false }, { type: 'answered', granted: false });
    expect(declined.banner).toBe('denied');
    expect(builtInAccessReducer(declined, { type: 'checked', granted: false }).banner).toBe('denied');
    expect(builtInAccessReducer(declined, { type: 'checked', granted: true }).banner).toBe('granted');
  });

  it('asks again when access is revoked after it was granted', () => {
    expect(after({ type: 'checked', granted: true }, { type: 'checked', granted: false }).banner).toBe('missing');
  });
});
