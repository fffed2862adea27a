// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { matchBlock, matchWholeBlock, textWindows } from '@/src/page/match-block';
import { BlockText } from '@/src/page/reading';
import { fakeMatcher } from '../support/fake-matcher';
import { drain } from '../support/reading';

describe('textWindows and matchBlock', () => {
  it('returns a short text as one window', () => {
    expect(textWindows('short text')).toEqual([{ offset: 0, text: 'short text', acceptFrom: 0, acceptTo: 10 }]);
  });

  it('cuts a long text at spaces with overlapping context, each offset accepted once', () => {
    const text = Array.from({ length: 400 }, (_, index) => `word${index}`).join(' ');
    const windows = textWindows(text, 500, 40);
    expect(windows.length).toBeGreaterThan(5);
    expect(windows[0]?.acceptFrom).toBe(0);
    expect(windows.at(-1)?.acceptTo).toBe(text.length);
    for (const [index, window] of windows.entries()) {
      expect(window.text.length).toBeLessThanOrEqual(500);
      expect(text.slice(window.offset, window.offset + window.text.length)).toBe(window.text);
      if (index > 0) expect(window.acceptFrom).toBe(windows[index - 1]?.acceptTo);
      // Cuts fall after a space, so no window starts its accepted part mid-word.
      expect(text[window.acceptFrom - 1] ?? ' ').toBe(' ');
    }
  });

  it('finds every mention of a huge block exactly once, including those across window cuts', () => {
    const sentence = 'The mutual defense treaty was discussed again. ';
    const node = new Text(sentence.repeat(2000));
    const text = new BlockText();
    text.appendNode(node);
    const matcher = fakeMatcher({ 'mutual defense treaty': 'treaty' });
    const { drafts } = drain(matchBlock(text, matcher));
    expect(matcher.calls.length).toBeGreaterThan(5);
    expect(drafts).toHaveLength(2000);
    expect(new Set(drafts.map((draft) => draft.start.offset)).size).toBe(2000);
    for (const draft of drafts) expect(node.data.slice(draft.start.offset, draft.end.offset)).toBe('mutual defense treaty');
  });

  it('matches a whole block at once as the windowed matcher does, a short block in one matcher call', () => {
    const short = new BlockText();
    short.appendNode(new Text('The mutual defense treaty was discussed again.'));
    const shortMatcher = fakeMatcher({ 'mutual defense treaty': 'treaty' });
    expect(matchWholeBlock(short, shortMatcher).drafts.map((draft) => draft.start.offset)).toEqual([4]);
    expect(shortMatcher.calls).toHaveLength(1);

    const long = new BlockText();
    long.appendNode(new Text('The mutual defense treaty was discussed again. '.repeat(500)));
    const matcher = fakeMatcher({ 'mutual defense treaty': 'treaty' });
    const whole = matchWholeBlock(long, matcher);
    expect(matcher.calls.length).toBeGreaterThan(1);
    expect(whole.drafts.map((draft) => draft.start.offset)).toEqual(drain(matchBlock(long, matcher)).drafts.map((draft) => draft.start.offset));
    expect(whole.drafts).toHaveLength(500);
  });
});
