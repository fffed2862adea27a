/**
 * Matching a whole article at once, when all of its text is at hand (saved
 * pages in Node, rule examples, plain-text files): every block is scanned,
 * the article's facts summed, and the spans that waited on them decided.
 * The page marker does the same incrementally as blocks arrive.
 */
import { ArticleFacts } from './article-facts';
import type { Matcher, Mention } from './types';

/** The mentions of each block of one article; `context` texts (title, main heading) only lend their words. */
export function matchArticle(matcher: Matcher, blocks: readonly string[], context: readonly string[] = []): Mention[][] {
  const scans = blocks.map((block) => matcher.scan(block));
  const facts = new ArticleFacts(matcher.factCount);
  for (const scan of scans) facts.add(scan.facts);
  for (const text of context) facts.add(matcher.scan(text).facts);
  return scans.map((scan) => {
    if (!scan.pending) return scan.mentions;
    const decided = matcher.resolve(scan.pending, facts.counts);
    return decided.length === 0 ? scan.mentions : [...scan.mentions, ...decided].sort((a, b) => a.start - b.start);
  });
}
