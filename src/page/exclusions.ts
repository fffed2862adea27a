/**
 * Which parts of the page are never marked: form fields and editable text
 * (the reader is typing), code and non-text content, hidden subtrees, and our
 * own UI. Judged from tags (the tag table, `tags.ts`) and attributes, which
 * cost nothing to read; the one style-based rule (display: none) lives in
 * `display.ts`. An element's own markup only: `MentionChecker` looks up the
 * whole path to the scanned root.
 */
import { isElement } from './flat-tree';
import { isSkippedTag, POLICY_LENS_UI_TAG } from './tags';

export { POLICY_LENS_UI_TAG };

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/**
 * Why an element's own markup leaves its subtree alone: `'skipped'` for
 * content that never gets marks, `'hidden'` for content that is hidden now
 * but may be shown later (worth re-checking), or null when it may be scanned.
 * Its ancestors are not looked at.
 */
export function ownExclusionOf(element: Element): 'skipped' | 'hidden' | null {
  if (element.namespaceURI !== HTML_NAMESPACE || isSkippedTag(element.localName)) return 'skipped';
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return 'skipped';
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return 'hidden';
  return null;
}

/** Whether a node is our own UI host or inside it (its light tree). */
export function isInOwnUi(node: Node): boolean {
  const element = isElement(node) ? node : node.parentElement;
  return element?.closest(POLICY_LENS_UI_TAG) != null;
}
