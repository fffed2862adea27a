// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { dataset } from '@/src/data';
import { compileMatcher } from '@/src/matching';
import { markTexts, setBody, startMarker, usePageTestEnvironment } from '../support/page';

usePageTestEnvironment();

describe('page marker with the bundled data and matcher', () => {
  it('marks a treaty mention split over inline elements, under the data topic', async () => {
    setBody('<article><p>Lawmakers weighed a U.S.-Israel <em>mutual</em> defense <a href="#">treaty</a> on Tuesday.</p></article>');
    const topics = dataset.topics.map((topic) => topic.id);
    // The lazy form, as the content script passes it.
    const { marker } = await startMarker({ matcher: () => compileMatcher(dataset), topics });
    const marks = marker.registry.marks('mutual-defense-treaty');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.range.toString()).toMatch(/mutual defense treaty$/);
    expect(marker.registry.topicCounts()[0]?.topic).toBe('mutual-defense-treaty');
    expect(markTexts(marker).every((text) => text.length > 0)).toBe(true);
  });
});
