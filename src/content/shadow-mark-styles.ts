/**
 * Firefox: the highlight styles for marks inside shadow roots.
 *
 * The manifest's stylesheet is an author-level sheet of the document, and an
 * author sheet never reaches into a shadow tree. Chromium does not need one
 * there (a custom highlight inherits its styles from the shadow host); Firefox
 * 140 has no such inheritance, so a mark in a component would be registered
 * and never painted. A user-level sheet does reach shadow trees, and only the
 * background can add one (`scripting.insertCSS` with origin USER). So the
 * first time a mark of this page lands in a shadow root, the content script
 * asks for it, once per page: most pages have no such mark and pay nothing.
 */
import type { MarkRegistry } from '@/src/page';

const DOCUMENT_FRAGMENT_NODE = 11;

/** Whether any mark sits in a shadow root (its text's root is a fragment, not the document). */
function hasMarkInShadowRoot(registry: MarkRegistry): boolean {
  return registry.marks().some((mark) => mark.range.startContainer.getRootNode().nodeType === DOCUMENT_FRAGMENT_NODE);
}

/**
 * For one page: `watch` follows a session's marks until one lands in a shadow
 * root, then calls `requestStyles` (once for the page, whatever the sessions).
 */
export function createShadowMarkStyles(requestStyles: () => Promise<unknown>): { watch(registry: MarkRegistry, signal: AbortSignal): void } {
  let requested = false;
  return {
    watch(registry, signal) {
      if (requested) return;
      const check = () => {
        if (requested || !hasMarkInShadowRoot(registry)) return;
        requested = true;
        stop();
        // Marks in components stay unpainted if this fails; nothing else depends on it.
        requestStyles().catch(() => undefined);
      };
      const stop = registry.subscribe(check);
      signal.addEventListener('abort', stop, { once: true });
      check();
    },
  };
}
