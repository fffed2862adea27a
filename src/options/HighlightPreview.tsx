/**
 * A sample passage marked the way pages will be: the chosen highlight style,
 * and every mention or only the first of each topic. Where the browser has
 * the CSS Custom Highlight API (every browser Policy Lens supports), the
 * sample is painted with the very `::highlight(...)` names and stylesheet the
 * content script uses; elsewhere (tests) spans carry an equivalent style.
 */
import { useEffect, useRef } from 'preact/hooks';
import { dataset, getTopic } from '@/src/data';
import { highlightName, supportsHighlights } from '@/src/page';
import type { HighlightStyle, MarkMode } from '@/src/settings';
import { t, type MessageKey } from '@/src/ui/i18n';

// Private-use characters stand in for the marked terms while the sentence is
// localised, so translators move terms freely and no markup is ever parsed.
const SLOT = ['\uE000', '\uE001'] as const;
const SLOT_PATTERN = /([\uE000\uE001])/;

// The topics the sample terms belong to, so each mark takes its topic's colour as on pages.
const SAMPLE_TOPICS = ['mutual-defense-treaty', 'abraham-accords-normalization'].map(
  (id, index) => getTopic(id)?.id ?? dataset.topics[index]?.id ?? id,
);

const CAPTIONS: Record<HighlightStyle, MessageKey> = {
  // Firefox draws no underline in a highlight; its stylesheet tints instead (scripts/build/highlight-css.ts).
  underline: import.meta.env.FIREFOX ? 'optionsPreviewCaptionUnderlineTinted' : 'optionsPreviewCaptionUnderline',
  background: 'optionsPreviewCaptionBackground',
  none: 'optionsPreviewCaptionNone',
};

/** The localised message `key` split into text and the indices of the terms placed in it. */
export function messageParts(key: MessageKey): Array<string | number> {
  return t(key, [...SLOT])
    .split(SLOT_PATTERN)
    .filter((part) => part !== '')
    .map((part) => {
      const slot = SLOT.indexOf(part as (typeof SLOT)[number]);
      return slot >= 0 ? slot : part;
    });
}

/** Paints the marked spans under `container` with the content script's highlight names; returns the cleanup. */
function paintWithHighlights(container: HTMLElement, style: Exclude<HighlightStyle, 'none'>): () => void {
  const byName = new Map<string, Range[]>();
  for (const mark of container.querySelectorAll<HTMLElement>('[data-topic]')) {
    const range = document.createRange();
    range.selectNodeContents(mark);
    const name = highlightName(style, mark.dataset.topic ?? '');
    byName.set(name, [...(byName.get(name) ?? []), range]);
  }
  for (const [name, ranges] of byName) CSS.highlights.set(name, new Highlight(...ranges));
  return () => {
    for (const name of byName.keys()) CSS.highlights.delete(name);
  };
}

/** Props of {@link HighlightPreview}. */
export interface HighlightPreviewProps {
  style: HighlightStyle;
  markMode: MarkMode;
}

/** The sample passage with marks as the reader's settings would draw them. */
export function HighlightPreview({ style, markMode }: HighlightPreviewProps) {
  const text = useRef<HTMLParagraphElement>(null);
  const native = supportsHighlights();
  useEffect(() => {
    if (!native || style === 'none' || !text.current) return undefined;
    return paintWithHighlights(text.current, style);
  }, [native, style, markMode]);

  const terms = [t('optionsPreviewTermTreaty'), t('optionsPreviewTermAccords')];
  const seen = new Set<number>();
  const sentence = (key: MessageKey) =>
    messageParts(key).map((part, index) => {
      if (typeof part === 'string') return part;
      const marked = style !== 'none' && (markMode === 'every' || !seen.has(part));
      seen.add(part);
      if (!marked) return terms[part];
      return (
        <span
          key={index}
          class={native ? 'pl-preview-mark' : `pl-preview-mark pl-preview-mark--${style}`}
          data-topic={SAMPLE_TOPICS[part]}
        >
          {terms[part]}
        </span>
      );
    });
  return (
    <figure class="pl-preview">
      <p class="pl-preview__text" ref={text}>
        {sentence('optionsPreviewSentence1')} {sentence('optionsPreviewSentence2')}
      </p>
      <figcaption class="pl-preview__caption">{t(CAPTIONS[style])}</figcaption>
    </figure>
  );
}
