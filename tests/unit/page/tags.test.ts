import { describe, expect, it } from 'vitest';
import {
  BLOCK_TAG_NAMES,
  CUTS_TEXT,
  INLINE_TAG_NAMES,
  IS_BLOCK,
  IS_LINE_BREAK,
  IS_SKIPPED,
  isBlockTag,
  isSkippedTag,
  LINE_BREAK_TAG_NAMES,
  MAY_HOST_SHADOW,
  POLICY_LENS_UI_TAG,
  SHADOW_HOST_TAG_NAMES,
  SKIPPED_TAG_NAMES,
  tagFlags,
} from '@/src/page/tags';

describe('the tag table', () => {
  it('gives each listed tag exactly one kind: block, line break, skipped or inline', () => {
    const lists = [BLOCK_TAG_NAMES, LINE_BREAK_TAG_NAMES, SKIPPED_TAG_NAMES, INLINE_TAG_NAMES];
    const all = lists.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([
    ['p', IS_BLOCK | MAY_HOST_SHADOW],
    ['li', IS_BLOCK],
    ['br', IS_LINE_BREAK],
    ['code', IS_SKIPPED],
    [POLICY_LENS_UI_TAG, IS_SKIPPED],
    ['span', MAY_HOST_SHADOW],
    ['b', 0],
    ['x-card', MAY_HOST_SHADOW],
    ['blink', 0],
  ])('<%s> has flags %i', (tag, flags) => {
    expect(tagFlags(tag)).toBe(flags);
  });

  it('says what cuts the text, and answers the two questions asked by name', () => {
    expect(tagFlags('br') & CUTS_TEXT).not.toBe(0);
    expect(tagFlags('textarea') & CUTS_TEXT).not.toBe(0);
    expect(tagFlags('p') & CUTS_TEXT).toBe(0);
    expect(BLOCK_TAG_NAMES.every(isBlockTag)).toBe(true);
    expect(SKIPPED_TAG_NAMES.every(isSkippedTag)).toBe(true);
    expect(isBlockTag('x-card') || isSkippedTag('x-card') || isBlockTag('span')).toBe(false);
  });

  it('lists as possible shadow hosts only tags that are not skipped', () => {
    expect(SHADOW_HOST_TAG_NAMES.filter(isSkippedTag)).toEqual([]);
  });
});
