/**
 * The contract between a matching strategy and the matcher: a strategy finds
 * the leftmost-longest, non-overlapping spans that spell a term (case, word
 * boundaries and endings checked) and says which entries each span names.
 * Context rules are not its business.
 */
import type { TermEntry } from '@/src/matching/terms';

/** Receives one span; `entries` is never empty. */
export type SpanSink = (start: number, end: number, entries: readonly TermEntry[]) => void;

/** Reports the spans of one block of text to `emit`, in text order. */
export type SpanFinder = (text: string, emit: SpanSink) => void;

/** Compiles the entries once into a finder. */
export type StrategyCompiler = (entries: readonly TermEntry[]) => SpanFinder;
