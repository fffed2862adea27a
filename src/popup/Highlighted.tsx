/**
 * Text with the words that matched a search emphasised. Segments become text
 * nodes and `<mark>` elements; nothing is ever parsed as markup.
 */
import type { TextSegment } from '@/src/search';

/** Renders segments, matched ones inside `<mark>`. */
export function Highlighted({ segments }: { segments: readonly TextSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.match ? (
          <mark key={index} class="pl-match">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
