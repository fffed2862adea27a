/**
 * What computed style says about an element: hidden (display: none), a block
 * (it ends the text run around it) or inline (its text flows with its
 * neighbours'). Read once per element and cached for one slice of work:
 * styles can change between slices, not within one.
 */
import { flatParent, isElement } from './flat-tree';

/** How an element takes part in the page's text. */
export type DisplayKind = 'none' | 'block' | 'inline';

// Block-level by default; used only where computed style says nothing (test DOMs, detached nodes).
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Classifies a CSS `display` value; an empty value falls back to the tag's usual display. */
export function displayKindOf(display: string, localName: string): DisplayKind {
  if (display === 'none') return 'none';
  if (display === '') return BLOCK_TAGS.has(localName) ? 'block' : 'inline';
  // inline, inline-block, inline-flex, "inline flow-root", contents and ruby boxes keep text flowing.
  if (display.startsWith('inline') || display === 'contents' || display.startsWith('ruby')) return 'inline';
  return 'block';
}

/** Reads and caches display kinds; call `reset()` whenever the page may have changed. */
export class DisplayReader {
  private cache = new Map<Element, DisplayKind>();

  /** The element's display kind, from computed style; cached, for elements asked about repeatedly (ancestors). */
  kindOf(element: Element): DisplayKind {
    let kind = this.cache.get(element);
    if (kind === undefined) {
      kind = this.read(element);
      this.cache.set(element, kind);
    }
    return kind;
  }

  /** The element's display kind without caching, for walks that meet each element once. */
  read(element: Element): DisplayKind {
    const view = element.ownerDocument.defaultView;
    const display = view && element.isConnected ? view.getComputedStyle(element).display : '';
    return displayKindOf(display, element.localName);
  }

  /** The nearest flat-tree ancestor-or-self of `node` that is a block, or `root` if none is closer. */
  blockOf(node: Node, root: Element): Element {
    for (let current: Node | null = node; current && current !== root; current = flatParent(current)) {
      if (isElement(current) && this.kindOf(current) === 'block') return current;
    }
    return root;
  }

  /** Whether `element` or a flat-tree ancestor up to `root` is display: none. */
  isUndisplayed(element: Element, root: Element): boolean {
    for (let current: Node | null = element; current && current !== root; current = flatParent(current)) {
      if (isElement(current) && this.kindOf(current) === 'none') return true;
    }
    return false;
  }

  /** Forgets cached styles. */
  reset(): void {
    this.cache.clear();
  }
}
