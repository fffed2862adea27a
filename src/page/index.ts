/**
 * The page scanner's public surface: start a marker, read its marks, report
 * them, scroll a mention into view. Everything else in this folder is internal.
 */
export { POLICY_LENS_UI_TAG } from './exclusions';
export { FLASH_HIGHLIGHT_NAME, HIGHLIGHT_NAME_PREFIX, highlightName, supportsHighlights } from './highlights';
export { DEFAULT_MAX_MARKS } from './mark-store';
export type { MarkingSettings } from './marking-options';
export { createPageMarker, type PageMarker, type PageMarkerOptions, type PageMarkerStats } from './page-marker';
export { createPageReporter, type PageReporter } from './page-report';
export { scrollMentionIntoView, type ScrollMentionOptions } from './reveal';
export { createYieldToHost } from './scheduler';
export type { MarkedMention, MarkRegistry } from './types';
