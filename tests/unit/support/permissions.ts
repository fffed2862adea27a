/**
 * A working stand-in for `browser.permissions` (the fake browser leaves it
 * unimplemented): granted origins as state, listed by `getAll` the way both
 * browsers list them (content-script hosts included), a prompt that accepts
 * or declines, and the onAdded/onRemoved events.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Listener = (...args: unknown[]) => unknown;
interface Origins {
  origins?: string[];
}

/** Replaces a not-implemented fake event with a working one; `fire` awaits every listener. */
function stubEvent(event: object) {
  const listeners = new Set<Listener>();
  const target = event as Record<'addListener' | 'removeListener' | 'hasListener', Listener>;
  vi.spyOn(target, 'addListener').mockImplementation((listener) => void listeners.add(listener as Listener));
  vi.spyOn(target, 'removeListener').mockImplementation((listener) => void listeners.delete(listener as Listener));
  vi.spyOn(target, 'hasListener').mockImplementation((listener) => listeners.has(listener as Listener));
  return {
    listeners,
    fire: async (...args: unknown[]) => void (await Promise.all([...listeners].map((listener) => listener(...args)))),
  };
}

/** Installs the stand-in with `granted` origins; `prompt` is what the reader answers to a request. */
export function stubPermissions({ granted = [] as readonly string[], prompt = 'accept' as 'accept' | 'decline' } = {}) {
  const state = { granted: [...granted] };
  const onAdded = stubEvent(fakeBrowser.permissions.onAdded);
  const onRemoved = stubEvent(fakeBrowser.permissions.onRemoved);
  const permissions = fakeBrowser.permissions as unknown as Record<string, Listener>;

  const grant = async (origins: string[]) => {
    state.granted.push(...origins.filter((origin) => !state.granted.includes(origin)));
    await onAdded.fire({ origins, permissions: [] });
  };
  const revoke = async (origins: string[]) => {
    state.granted = state.granted.filter((origin) => !origins.includes(origin));
    await onRemoved.fire({ origins, permissions: [] });
  };

  return {
    state,
    onAdded,
    onRemoved,
    /** A grant made outside our pages (the browser's own UI). */
    grant,
    /** A revocation made outside our pages (about:addons, the extensions panel). */
    revoke,
    getAll: vi.spyOn(permissions, 'getAll').mockImplementation(async () => ({ origins: [...state.granted], permissions: [] })),
    request: vi.spyOn(permissions, 'request').mockImplementation(async (asked) => {
      if (prompt === 'decline') return false;
      await grant((asked as Origins).origins ?? []);
      return true;
    }),
    remove: vi.spyOn(permissions, 'remove').mockImplementation(async (asked) => {
      await revoke((asked as Origins).origins ?? []);
      return true;
    }),
  };
}
