import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset } from '@/src/data/index';
import { matcherSourceOf } from '@/src/data/matcher-source';
import { compileMatcher } from '@/src/matching/index';
import { evaluate, formatEvalReport } from '../../../scripts/lib/evaluation';

/**
 * Accuracy, not speed: the labelled set in tests/eval (read with the page's
 * own reader, as `npm run eval` does) must keep precision at 97% or more,
 * recall at 95% or more, and no mark on an off-topic article.
 */
describe('detection on the labelled evaluation set', () => {
  const report = evaluate(join(__dirname, '..', '..', 'eval'), compileMatcher(matcherSourceOf(dataset)));

  it('reads the whole set: at least 40 articles (20 off-topic) and 300 sentences', () => {
    expect(report.articles).toBeGreaterThanOrEqual(40);
    expect(report.offTopicArticles).toBeGreaterThanOrEqual(20);
    expect(report.articles - report.offTopicArticles).toBeGreaterThanOrEqual(20);
    expect(report.sentences).toBeGreaterThanOrEqual(300);
  });

  it('labels every topic', () => {
    const labelled = new Set(report.byTopic.filter((row) => row.hits + row.misses > 0).map((row) => row.topic));
    expect([...labelled].sort()).toEqual(dataset.topics.map((topic) => topic.id).sort());
  });

  it('keeps precision at 97% or more and recall at 95% or more', () => {
    const summary = formatEvalReport(report, 'tests/eval');
    expect(report.precision, summary).toBeGreaterThanOrEqual(0.97);
    expect(report.recall, summary).toBeGreaterThanOrEqual(0.95);
  });

  it('marks nothing on an off-topic article', () => {
    expect(report.offTopicMarked).toEqual([]);
  });
});
