import { describe, expect, it } from 'vitest';
import { max, median, p90, quantile } from '../../../../scripts/bench/stats';

describe('bench stats', () => {
  it('takes the middle value of an odd count, whatever the input order', () => {
    expect(median([9, 1, 5, 3, 7])).toBe(5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolates p90 between the nearest ranks', () => {
    // Ten values 1..10: rank position 0.9 × 9 = 8.1, between 9 and 10.
    expect(p90([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toBeCloseTo(9.1, 10);
    expect(p90([42])).toBe(42);
  });

  it('returns the extremes at q = 0 and q = 1', () => {
    expect(quantile([3, 1, 2], 0)).toBe(1);
    expect(quantile([3, 1, 2], 1)).toBe(3);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('gives NaN for no values and rejects a q outside [0, 1]', () => {
    expect(median([])).toBeNaN();
    expect(max([])).toBeNaN();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => quantile([1], Number.NaN)).toThrow(RangeError);
  });
});
