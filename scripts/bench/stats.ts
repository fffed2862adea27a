/** Order statistics for timing samples and per-page figures. */

/**
 * The q-quantile (0 ≤ q ≤ 1) of `values`, interpolating linearly between the
 * two nearest ranks (the common "type 7" definition); NaN for no values.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile needs 0 <= q <= 1, got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (high - low) * (position - below);
}

/** The middle value (the mean of the two middle values for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The 90th percentile; NaN for no values. */
export function p90(values: readonly number[]): number {
  return quantile(values, 0.9);
}

/** The largest value; NaN for none. */
export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}
