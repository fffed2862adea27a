/**
 * Globals the page cannot shadow. A page's named elements (`<img name="scheduler">`,
 * `<form id="browser">`) also appear as globals in a content script's world,
 * through the named-properties object at the end of the window's prototype
 * chain. The browser defines its own globals as properties of the global
 * object itself (or accessors on it), so reading only those skips anything
 * a page can plant.
 */

/** The global `name` if the browser defines it on the global object itself; never a named element. */
export function ownGlobal(name: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
  if (!descriptor) return undefined;
  if ('value' in descriptor) return descriptor.value;
  try {
    return descriptor.get?.call(globalThis);
  } catch {
    return undefined;
  }
}
