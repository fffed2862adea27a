/**
 * Small helpers the matcher tests share. Each test file keeps its own data
 * set; only the ways of reading results live here.
 */
import { expect } from 'vitest';
import type { Matcher, Mention } from '@/src/matching/index';

/** Mentions as "topic:text" strings: enough to read a failure at a glance. */
export function found(matcher: Matcher, text: string): string[] {
  return matcher.find(text).map((mention) => `${mention.topic}:${mention.text}`);
}

/** The topics found in a text, one entry per mention. */
export function topicsIn(matcher: Matcher, text: string): string[] {
  return matcher.find(text).map((mention) => mention.topic);
}

/** Every mention slices the text exactly; mentions are sorted and never overlap (one span's topics share its offsets). */
export function expectWellFormed(text: string, mentions: readonly Mention[]): void {
  let previousEnd = 0;
  let previousStart = -1;
  for (const mention of mentions) {
    expect(text.slice(mention.start, mention.end)).toBe(mention.text);
    expect(mention.end).toBeGreaterThan(mention.start);
    if (mention.start === previousStart) {
      // Another topic of the same span.
      expect(mention.end).toBe(previousEnd);
    } else {
      expect(mention.start).toBeGreaterThanOrEqual(previousEnd);
    }
    previousStart = mention.start;
    previousEnd = mention.end;
  }
}

/** A small seeded generator (an LCG), so random tests are the same on every run. */
export function seededRandom(seed: number): (below: number) => number {
  let state = seed;
  return (below: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % below;
  };
}

/** A seeded generator that reads the high bits of its state: better spread for small ranges than `seededRandom`. */
export function seededSpread(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below: number): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % below;
  };
}
