/**
 * Which parts of the page are never marked: form fields and editable text
 * (the reader is typing), code and non-text content, hidden subtrees, and our
 * own UI. Judged from tags and attributes, which cost nothing to read; the
 * one style-based rule (display: none) lives in `display.ts`.
 */
import { isElement } from './flat-tree';

/** The tag of the element that hosts our own UI (the hover card); the scanner never looks inside it. */
export const POLICY_LENS_UI_TAG = 'policy-lens-ui';

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** Elements whose content is not article prose, or is not rendered as text at all. */
export const SKIPPED_TAG_NAMES: readonly string[] = [
  // Form controls and other interactive widgets: their text is UI, and input text is the reader's.
  'input',
  'textarea',
  'select',
  'option',
  'optgroup',
  'datalist',
  'button',
  // Not rendered as text.
  'head',
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'picture',
  // Code and computer output: term names there are identifiers, not policy talk.
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  // Non-HTML vocabularies also fall out by namespace; the names catch them in any document type.
  'svg',
  'math',
  POLICY_LENS_UI_TAG,
];
const SKIPPED_TAGS: ReadonlySet<string> = new Set(SKIPPED_TAG_NAMES);

/**
 * Why an element's subtree is left alone, from markup alone: `'skipped'` for
 * content that never gets marks, `'hidden'` for content that is hidden now
 * but may be shown later (worth re-checking), or null when it may be scanned.
 */
export function exclusionOf(element: Element): 'skipped' | 'hidden' | null {
  if (element.namespaceURI !== HTML_NAMESPACE || SKIPPED_TAGS.has(element.localName)) return 'skipped';
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
