/**
 * A saved HTML page → the blocks of text a reader sees, for `npm run scan` and
 * the matcher benchmark. It mirrors what the page scanner reads in a browser:
 * block elements separate texts, inline elements do not (so
 * "<b>mutual</b> defense <a>treaty</a>" is one phrase), and subtrees that are
 * code, form fields, hidden or editable are left out.
 */
import { parseHTML } from 'linkedom';

/** Elements whose content is not prose a reader sees on the page, or not ours to mark. */
const SKIPPED_ELEMENTS = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'code', 'pre', 'kbd', 'svg', 'math',
  'textarea', 'input', 'select', 'datalist', 'iframe', 'object',
]);

/** Elements that start and end a block of text (browsers' default `display: block`, list items, table cells). */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog',
  'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol',
  'optgroup', 'option', 'p', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'ul',
]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

function isSkipped(element: Element): boolean {
  return (
    SKIPPED_ELEMENTS.has(element.localName) ||
    element.hasAttribute('hidden') ||
    element.getAttribute('aria-hidden') === 'true' ||
    element.hasAttribute('contenteditable')
  );
}

/**
 * The page's blocks of text in document order, each trimmed, empty ones
 * dropped. Text nodes are taken as they are (no whitespace collapsing), a
 * `<br>` counts as a line break inside its block, and a skipped subtree ends
 * the current text so that no match can run across text that was not read.
 */
export function htmlBlocks(html: string): string[] {
  const { document } = parseHTML(html);
  const blocks: string[] = [];
  let current = '';
  const endBlock = (): void => {
    const text = current.trim();
    if (text.length > 0) blocks.push(text);
    current = '';
  };
  const visit = (parent: Node): void => {
    // childNodes, not nextSibling: linkedom leaves the doctype's nextSibling undefined.
    for (const node of Array.from(parent.childNodes)) {
      if (node.nodeType === TEXT_NODE) {
        current += node.nodeValue ?? '';
      } else if (node.nodeType === ELEMENT_NODE) {
        const element = node as Element;
        if (isSkipped(element)) {
          endBlock();
        } else if (element.localName === 'br') {
          current += '\n';
        } else if (BLOCK_ELEMENTS.has(element.localName)) {
          endBlock();
          visit(element);
          endBlock();
        } else {
          visit(element);
        }
      }
    }
  };
  visit(document as unknown as Node);
  endBlock();
  return blocks;
}
