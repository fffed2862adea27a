/**
 * Paints marks with the CSS Custom Highlight API: one `Highlight` per topic,
 * registered in `CSS.highlights` under a name the content-script stylesheet
 * styles (`::highlight(policy-lens-u-<topic>)`). The page's DOM is never
 * touched. Switching style re-registers the same Highlight objects under the
 * other style's name; style "none" unregisters them but keeps their ranges.
 */
import type { HighlightStyle } from '@/src/settings';

/** Prefix of every highlight name we register. */
export const HIGHLIGHT_NAME_PREFIX = 'policy-lens-';
/** The highlight that briefly flashes a mention the popup asked to reveal. */
export const FLASH_HIGHLIGHT_NAME = `${HIGHLIGHT_NAME_PREFIX}flash`;
/** How long a revealed mention flashes. */
export const FLASH_DURATION_MS = 1600;

/**
 * How many colours imported packs' topics share. Their ids are not known at
 * build time (and `pack/topic` is no CSS name), so each paints under one of
 * these slots, chosen from its id: the same topic has the same colour on
 * every page.
 */
export const IMPORTED_PAINT_SLOTS = 16;

/** The paint of a topic: its own id for the bundled notes, a shared slot (`pack-N`) for an imported pack's. */
export function paintKeyOf(topic: string): string {
  if (!topic.includes('/')) return topic;
  // FNV-1a: cheap, stable, and spreads similar ids apart.
  let hash = 0x811c9dc5;
  for (let index = 0; index < topic.length; index += 1) hash = Math.imul(hash ^ topic.charCodeAt(index), 0x01000193);
  return `pack-${(hash >>> 0) % IMPORTED_PAINT_SLOTS}`;
}

/** The paint keys of imported topics' slots, in order (for the stylesheet). */
export function importedPaintKeys(): string[] {
  return Array.from({ length: IMPORTED_PAINT_SLOTS }, (_, slot) => `pack-${slot}`);
}

/** The registered name of a topic's highlight (or an imported topic's slot) in a style. */
export function highlightName(style: Exclude<HighlightStyle, 'none'>, topic: string): string {
  return `${HIGHLIGHT_NAME_PREFIX}${style === 'underline' ? 'u' : 'b'}-${paintKeyOf(topic)}`;
}

/** Whether this browser has the CSS Custom Highlight API (Chrome 105+, Firefox 140+). */
export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && CSS.highlights !== undefined && typeof Highlight === 'function';
}

/** A paint's highlight (one topic's, or an imported slot's) and the ranges we put in it. */
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
  /** By paint key (see `paintKeyOf`). */
  private readonly byTopic = new Map<string, TopicHighlight>();
  /** What we registered, by name: the page may delete or replace these, and `restore()` puts them back. */
  private readonly registered = new Map<string, Highlight>();
  private style: HighlightStyle = 'underline';
  private flashHighlight: Highlight | null = null;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly registry: HighlightRegistry = CSS.highlights) {}

  /** Makes each topic's highlight hold exactly `rangesByTopic`'s ranges. */
  sync(rangesByTopic: ReadonlyMap<string, readonly Range[]>): void {
    const rangesByPaint = new Map<string, Set<Range>>();
    for (const [topic, ranges] of rangesByTopic) {
      const key = paintKeyOf(topic);
      const merged = rangesByPaint.get(key);
      if (merged) for (const range of ranges) merged.add(range);
      else rangesByPaint.set(key, new Set(ranges));
    }
    for (const [paint, { highlight, ranges }] of this.byTopic) {
      const wanted = rangesByPaint.get(paint) ?? new Set<Range>();
      for (const range of ranges) {
        if (wanted.has(range)) continue;
        highlight.delete(range);
        ranges.delete(range);
      }
    }
    for (const [paint, wanted] of rangesByPaint) {
      let entry = this.byTopic.get(paint);
      if (!entry) this.byTopic.set(paint, (entry = { highlight: new Highlight(), ranges: new Set() }));
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
      for (const [paint, { highlight, ranges }] of this.byTopic) {
        if (ranges.size > 0) wanted.set(highlightName(style, paint), highlight);
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
