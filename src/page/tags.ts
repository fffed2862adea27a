/**
 * The tag table: what an element's tag alone says about the page's text. One
 * lookup per element tells both readers (`reading/`), the mutation planner
 * and the display rules whether an element is a block, a line break, a
 * subtree never read, inline, or a possible shadow host. Style and
 * attributes are judged elsewhere (`display.ts`, `exclusions.ts`).
 */

/** The tag of the element that hosts our own UI (the hover card); the scanner never looks inside it. */
export const POLICY_LENS_UI_TAG = 'policy-lens-ui';

/** Elements that are blocks by default: each ends the run of text around it and has text of its own. */
export const BLOCK_TAG_NAMES: readonly string[] = [
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
];

/** Elements that cut the text without being blocks. */
export const LINE_BREAK_TAG_NAMES: readonly string[] = ['br'];

/** Elements whose content is not article prose, or is not rendered as text at all: nothing inside is read. */
export const SKIPPED_TAG_NAMES: readonly string[] = [
  // Form controls and other interactive widgets: their text is UI, and input text is the reader's.
  'input', 'textarea', 'select', 'option', 'optgroup', 'datalist', 'button',
  // Not rendered as text.
  'head', 'title', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'picture',
  // Code and computer output: term names there are identifiers, not policy talk.
  'code', 'pre', 'kbd', 'samp', 'var',
  // Non-HTML vocabularies also fall out by namespace (`exclusions.ts`); the names catch them in any document type.
  'svg', 'math',
  POLICY_LENS_UI_TAG,
];

/** Common inline elements, listed so a lookup finds them (unknown tags are inline too, but cost a second look). */
export const INLINE_TAG_NAMES: readonly string[] = [
  'a', 'b', 'i', 'em', 'strong', 'small', 'sub', 'sup', 'time', 'img', 'abbr', 'cite', 'q', 'u', 's', 'mark', 'label', 'wbr', 'source',
];

/**
 * Elements that may have a shadow root: custom elements and these (the DOM
 * standard's valid shadow host names). Asking any other element for its
 * shadow root would be wasted time.
 */
export const SHADOW_HOST_TAG_NAMES: readonly string[] = [
  'article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span',
];

/** Tag flags (bits of `tagFlags`). Inline is no flag at all. */
export const IS_BLOCK = 1;
export const IS_LINE_BREAK = 2;
export const IS_SKIPPED = 4;
export const MAY_HOST_SHADOW = 8;
/** A line break or a skipped element: it cuts the text, and nothing inside it is read. */
export const CUTS_TEXT = IS_LINE_BREAK | IS_SKIPPED;

const TAG_FLAGS: ReadonlyMap<string, number> = (() => {
  const flags = new Map<string, number>();
  const set = (names: readonly string[], flag: number) => {
    for (const name of names) flags.set(name, (flags.get(name) ?? 0) | flag);
  };
  set(INLINE_TAG_NAMES, 0);
  set(BLOCK_TAG_NAMES, IS_BLOCK);
  set(LINE_BREAK_TAG_NAMES, IS_LINE_BREAK);
  set(SKIPPED_TAG_NAMES, IS_SKIPPED);
  set(SHADOW_HOST_TAG_NAMES, MAY_HOST_SHADOW);
  return flags;
})();

/** The flags of an element's tag (its `localName`). Unknown tags are inline, and possible shadow hosts only if custom. */
export function tagFlags(localName: string): number {
  const known = TAG_FLAGS.get(localName);
  if (known !== undefined) return known;
  return localName.includes('-') ? MAY_HOST_SHADOW : 0;
}

/** Whether the element starts a block of its own (by tag). */
export function isBlockTag(localName: string): boolean {
  return ((TAG_FLAGS.get(localName) ?? 0) & IS_BLOCK) !== 0;
}

/** Whether nothing inside the element is ever read (by tag). */
export function isSkippedTag(localName: string): boolean {
  return ((TAG_FLAGS.get(localName) ?? 0) & IS_SKIPPED) !== 0;
}
