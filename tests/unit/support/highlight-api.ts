/**
 * A stand-in for the CSS Custom Highlight API, which happy-dom lacks:
 * `Highlight` is a set of ranges with a priority, `CSS.highlights` a map.
 * Behaves like the browser's for everything the page scanner uses.
 */

/** Minimal `Highlight`: a set of ranges. */
export class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
  type: HighlightType = 'highlight';

  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}

/** Installs `Highlight` and `CSS.highlights`; returns the function that removes them again. */
export function installHighlightApi(): () => void {
  const scope = globalThis as unknown as { Highlight?: unknown };
  const previousHighlight = scope.Highlight;
  // happy-dom's `CSS` getter returns a fresh object on every read, so pin one that carries the registry.
  const previousCss = Object.getOwnPropertyDescriptor(globalThis, 'CSS');
  const css = Object.assign(Object.create(Object.getPrototypeOf(globalThis.CSS ?? {}) as object) as object, {
    highlights: new Map<string, Highlight>(),
  });
  Object.defineProperty(globalThis, 'CSS', { value: css, configurable: true, writable: true });
  scope.Highlight = FakeHighlight;
  return () => {
    scope.Highlight = previousHighlight;
    if (previousCss) Object.defineProperty(globalThis, 'CSS', previousCss);
    else Reflect.deleteProperty(globalThis, 'CSS');
  };
}

/** The registry as a plain map, for assertions. */
export function highlightRegistry(): Map<string, Highlight> {
  return CSS.highlights as unknown as Map<string, Highlight>;
}

/** The text of each range in a highlight, in insertion order. */
export function highlightTexts(highlight: Highlight | undefined): string[] {
  return highlight ? [...highlight].map((range) => (range as Range).toString()) : [];
}
