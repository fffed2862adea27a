/**
 * Helpers for page-scanner tests: a marker over `document.body` with test
 * terms and default settings, torn down after each test.
 */
import { afterEach, beforeEach } from 'vitest';
import { createPageMarker, type PageMarker, type PageMarkerOptions } from '@/src/page/page-marker';
import type { MarkingSettings } from '@/src/page/marking-options';
import { fakeMatcher, TEST_TERMS, TEST_TOPICS, type CountingMatcher } from './fake-matcher';
import { installHighlightApi } from './highlight-api';

/** Settings with everything on, every mention underlined. */
export const MARK_ALL: MarkingSettings = Object.freeze({
  enabled: true,
  disabledTopics: [],
  markMode: 'every',
  highlightStyle: 'underline',
  pausedSites: [],
});

/** A marker plus the matcher it uses. */
export interface TestMarker {
  marker: PageMarker;
  matcher: CountingMatcher;
}

const live: PageMarker[] = [];

/** Installs the Highlight API stand-in and cleans the page and markers after each test. */
export function usePageTestEnvironment(): void {
  let uninstall: () => void = () => undefined;
  beforeEach(() => {
    uninstall = installHighlightApi();
    document.body.replaceChildren();
  });
  afterEach(() => {
    for (const marker of live.splice(0)) marker.destroy();
    uninstall();
  });
}

/** Makes a marker on the current document (destroyed after the test) without waiting for anything. */
export function createTestMarker(overrides: Partial<PageMarkerOptions> = {}): TestMarker {
  const matcher = fakeMatcher(TEST_TERMS);
  const marker = createPageMarker({
    matcher,
    topics: TEST_TOPICS,
    settings: MARK_ALL,
    hostname: 'news.example',
    ...overrides,
  });
  live.push(marker);
  return { marker, matcher: (overrides.matcher as CountingMatcher | undefined) ?? matcher };
}

/** Starts a marker on the current document (destroyed after the test) and waits for its first scan. */
export async function startMarker(overrides: Partial<PageMarkerOptions> = {}): Promise<TestMarker> {
  const started = createTestMarker(overrides);
  await started.marker.settled();
  return started;
}

/** The text of every shown mark, in document order. */
export function markTexts(marker: PageMarker, topic?: string): string[] {
  return marker.registry.marks(topic).map((mark) => mark.range.toString());
}

/** Builds DOM from trusted test markup. */
export function setBody(html: string): void {
  document.body.innerHTML = html;
}
