/**
 * The own property the content script sets on its (isolated) world's global
 * object when it starts. It returns early when the property is already
 * there, so that injecting into an open tab never runs it twice; injection
 * checks it before injecting. Only own properties count: a page element
 * named like it (DOM clobbering) must not stop Policy Lens.
 */
export const CONTENT_SCRIPT_GUARD_KEY = '__policyLensContentScript';
