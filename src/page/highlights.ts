/**
 * Paints marks with the CSS Custom Highlight API: one `Highlight` per topic,
 * registered in `CSS.highlights` under a name the content-script stylesheet
 * styles (`::highlight(policy-lens-u-<topic>)`). The page's DOM is never
 * touched. Switching style re-registers the same Highlight objects under the
 * other style's name; style "none" unregisters them but keeps their ranges.
 */
import type { HighlightStyle } from '@/src/settings/fields';

/** Prefix of every highlight name we register. */
export const HIGHLIGHT_NAME_PREFIX = 'policy-lens-';
/** The highlight that briefly flashes a mention the popup asked to reveal. */
export const FLASH_HIGHLIGHT_NAME = `${HIGHLIGHT_NAME_PREFIX}flash`;
/** How long a revealed mention flashes. */
export const FLASH_DURATION_MS = 1600;

/** The registered name of a topic's highlight in a style. */
export function highlightName(style: Exclude<HighlightStyle, 'none'>, topic: string): string {
  return `${HIGHLIGHT_NAME_PREFIX}${style === 'underline' ? 'u' : 'b'}-${topic}`;
}

/** Whether this browser has the CSS Custom Highlight API (Chrome 105+, Firefox 140+). */
export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && CSS.highlights !== undefined && typeof Highlight === 'function';
}

/** A topic's highlight and the ranges we put in it. */
interface TopicHighlight {
  highlight: Highlight;
  /**
   * Our own record of the highlight's ranges: Firefox does not let content
   * scripts iterate a page-world Highlight ("Xray wrapping of iterators not
   * supported"), so we never read ranges back from it.
   */
  ranges: Set<Range>;
}

/** Keeps the page's highlight registry showing the marks we want, in the chosen style. */
export class HighlightLayer {
  private readonly byTopic = new Map<string, TopicHighlight>();
  /** What we registered, by name: the page may delete or replace these, and `restore()` puts them back. */
  private readonly registered = new Map<string, Highlight>();
  private style: HighlightStyle = 'underline';
  private flashHighlight: Highlight | null = null;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly registry: HighlightRegistry = CSS.highlights) {}

  /** Makes each topic's highlight hold exactly `rangesByTopic`'s ranges. */
  sync(rangesByTopic: ReadonlyMap<string, readonly Range[]>): void {
    for (const [topic, { highlight, ranges }] of this.byTopic) {
      const wanted = new Set(rangesByTopic.get(topic));
      for (const range of ranges) {
        if (wanted.has(range)) continue;
        highlight.delete(range);
        ranges.delete(range);
      }
    }
    for (const [topic, wanted] of rangesByTopic) {
      let entry = this.byTopic.get(topic);
      if (!entry) this.byTopic.set(topic, (entry = { highlight: new Highlight(), ranges: new Set() }));
      for (const range of wanted) {
        if (entry.ranges.has(range)) continue;
        entry.highlight.add(range);
        entry.ranges.add(range);
      }
    }
    this.applyRegistrations();
  }

  /** Switches the paint style at once; no range is added or removed. */
  setStyle(style: HighlightStyle): void {
    if (style === this.style) return;
    this.style = style;
    this.applyRegistrations();
  }

  /** Re-registers anything the page deleted or replaced; returns how many entries came back. */
  restore(): number {
    let restored = 0;
    for (const [name, highlight] of this.registered) {
      if (this.registry.get(name) !== highlight) {
        this.registry.set(name, highlight);
        restored += 1;
      }
    }
    return restored;
  }

  /** Flashes `range` for a moment on top of everything else. */
  flash(range: Range, durationMs = FLASH_DURATION_MS): void {
    this.endFlash();
    const highlight = new Highlight(range);
    if ('priority' in highlight) highlight.priority = 1;
    this.flashHighlight = highlight;
    this.register(FLASH_HIGHLIGHT_NAME, highlight);
    this.flashTimer = setTimeout(() => this.endFlash(), durationMs);
  }

  /** Removes every range and registration. */
  clear(): void {
    this.endFlash();
    for (const { highlight } of this.byTopic.values()) highlight.clear();
    this.byTopic.clear();
    this.applyRegistrations();
  }

  private endFlash(): void {
    clearTimeout(this.flashTimer);
    this.flashTimer = undefined;
    if (this.flashHighlight) this.unregister(FLASH_HIGHLIGHT_NAME);
    this.flashHighlight = null;
  }

  private applyRegistrations(): void {
    const wanted = new Map<string, Highlight>();
    const style = this.style;
    if (style !== 'none') {
      for (const [topic, { highlight, ranges }] of this.byTopic) {
        if (ranges.size > 0) wanted.set(highlightName(style, topic), highlight);
      }
    }
    for (const name of [...this.registered.keys()]) {
      if (name !== FLASH_HIGHLIGHT_NAME && wanted.get(name) !== this.registered.get(name)) this.unregister(name);
    }
    for (const [name, highlight] of wanted) if (this.registered.get(name) !== highlight) this.register(name, highlight);
  }

  private register(name: string, highlight: Highlight): void {
    this.registered.set(name, highlight);
    this.registry.set(name, highlight);
  }

  private unregister(name: string): void {
    const highlight = this.registered.get(name);
    this.registered.delete(name);
    // Only delete what is still ours; never a value the page put under the name since.
    if (highlight && this.registry.get(name) === highlight) this.registry.delete(name);
  }
}
