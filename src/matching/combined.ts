/**
 * Several note packs on one page: each pack's matcher runs on its own (its
 * rules see only its own words, its topics compete only with its own), and
 * their mentions are put together, so a span two packs name gets both
 * packs' topics. Article facts are laid end to end, one pack's after another's.
 */
import type { BlockScan, Matcher, Mention, PendingSpan } from './types';

const NO_MENTIONS: Mention[] = [];

/** One matcher that runs all of `matchers` (the first is the built-in pack's, when it is on). */
export function combineMatchers(matchers: readonly Matcher[]): Matcher {
  if (matchers.length === 1) return matchers[0]!;
  const offsets: number[] = [];
  let factCount = 0;
  for (const matcher of matchers) {
    offsets.push(factCount);
    factCount += matcher.factCount;
  }
  /** Which matcher a waiting span came from. */
  const origin = new WeakMap<PendingSpan, number>();

  const combined: Matcher = {
    factCount,
    scan(text: string): BlockScan {
      let mentions: Mention[] | null = null;
      let pending: PendingSpan[] | null = null;
      let facts: Int32Array | null = null;
      matchers.forEach((matcher, index) => {
        const scan = matcher.scan(text);
        if (scan.mentions.length > 0) mentions = mentions ? [...mentions, ...scan.mentions] : [...scan.mentions];
        if (scan.pending) {
          for (const span of scan.pending) origin.set(span, index);
          pending = pending ? [...pending, ...scan.pending] : [...scan.pending];
        }
        if (scan.facts) (facts ??= new Int32Array(factCount)).set(scan.facts, offsets[index]);
      });
      const all = mentions as Mention[] | null;
      if (all && all.length > 1) all.sort((a, b) => a.start - b.start || a.end - b.end);
      return { mentions: all ?? NO_MENTIONS, pending, facts };
    },
    resolve(pending, articleFacts) {
      if (!articleFacts || pending.length === 0) return NO_MENTIONS;
      const decided: Mention[] = [];
      matchers.forEach((matcher, index) => {
        const own = pending.filter((span) => origin.get(span) === index);
        if (own.length === 0) return;
        const facts = Array.from({ length: matcher.factCount }, (_, fact) => articleFacts[offsets[index]! + fact] ?? 0);
        decided.push(...matcher.resolve(own, facts));
      });
      return decided.sort((a, b) => a.start - b.start);
    },
    find(text) {
      const scan = combined.scan(text);
      if (!scan.pending) return scan.mentions;
      return [...scan.mentions, ...combined.resolve(scan.pending, scan.facts)].sort((a, b) => a.start - b.start);
    },
  };
  return combined;
}
