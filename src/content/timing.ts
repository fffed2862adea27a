/**
 * When the content script started and when its first marks were registered,
 * kept on the isolated world's global object for the page-cost benchmark
 * (`npm run bench`), which reads it over the DevTools protocol. The page
 * cannot see it; it costs a few numbers.
 */
import type { FirstCardTiming } from '@/src/card';

/** The property the benchmark reads (the floor extension records the same). */
export const BENCH_TIMING_KEY = '__policyLensBenchTiming';

/** What the benchmark reads: `performance.now()` times, null until they happen. */
export interface BenchTiming {
  start: number;
  firstMarks: number | null;
  settled: number | null;
  /** Whether the storage reads the first marks waited for were started at document_start (`start-reads.ts`); null until known. */
  earlyReads: boolean | null;
  /** The page's first hover card. */
  card: FirstCardTiming;
}

/** Starts the record at `start` (taken as the script's first statement ran). */
export function startBenchTiming(start: number): BenchTiming {
  const timing: BenchTiming = { start, firstMarks: null, settled: null, earlyReads: null, card: { loadStarted: null, opened: null, shown: null } };
  Object.defineProperty(globalThis, BENCH_TIMING_KEY, { value: timing, configurable: true });
  return timing;
}
