import { describe, expect, it } from 'vitest';
import { dataset } from '@/src/data/index';
import { matcherSourceOf } from '@/src/data/matcher-source';
import { compileMatcher, matchArticle } from '@/src/matching/index';

/**
 * The bundled notes against headline phrasings and the classes of error the
 * rules exist for. These name topic ids, not wording, so rewording a note
 * does not break them; dropping a rule or a term does.
 */
const matcher = compileMatcher(matcherSourceOf(dataset));

function topicsIn(text: string): string[] {
  return [...new Set(matcher.find(text).map((mention) => mention.topic))];
}

function textsIn(text: string): string[] {
  return matcher.find(text).map((mention) => mention.text);
}

function articleTopics(...blocks: string[]): string[][] {
  return matchArticle(matcher, blocks).map((found) => found.map((mention) => `${mention.topic}:${mention.text}`));
}

describe('the matcher on the bundled notes', () => {
  it('finds every term without a context rule on its own', () => {
    const missed: string[] = [];
    for (const topic of dataset.topics) {
      for (const term of topic.terms) {
        if (term.context !== undefined) continue;
        const found = matcher.find(`${term.text}.`).some((mention) => mention.topic === topic.id && mention.start === 0);
        if (!found) missed.push(`${topic.id}: "${term.text}"`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('finds the treaty however it is written', () => {
    expect(topicsIn('Israel and a U.S.–Israel mutual-defence pact')).toEqual(['mutual-defense-treaty']);
    expect(topicsIn('Lawmakers weighed a mutual\u00a0defense\ntreaty with Israel.')).toEqual(['mutual-defense-treaty']);
    expect(topicsIn('Talk of a U.S.-Israeli security pact grew.')).toEqual(['mutual-defense-treaty']);
    expect(topicsIn('JINSA has long argued for an MDT.')).toEqual(['jinsa-treaty-work', 'mutual-defense-treaty']);
  });

  it('tells the treaty acronym from a time zone, a ticker and software', () => {
    for (const text of ['Treaty talks resume at 9 a.m. MDT on Monday.', 'Treaty talks resume at 9pm MDT.', 'Shares of Medtronic (NYSE: MDT) rose.']) {
      expect(topicsIn(text), text).toEqual([]);
    }
    expect(textsIn('An MDT would formalize the defense pact with Israel.')).toContain('MDT');
  });

  it('judges context over the whole article: the country named once, the generic name later', () => {
    expect(articleTopics('Israel and the United States resume treaty talks', 'The mutual defense treaty would apply only to grave threats.', 'Since Oct. 7, the case has grown, supporters say.')).toEqual([
      [],
      ['mutual-defense-treaty:mutual defense treaty'],
      ['october-7-war:Oct. 7'],
    ]);
    expect(articleTopics('The quarterly report is out.', 'The mutual defense treaty was discussed.')).toEqual([[], []]);
  });

  it('gives other countries\' pacts to their own topic, or to none', () => {
    expect(topicsIn('The Philippines invoked its mutual defense treaty with the United States.')).toEqual(['us-alliances-nato']);
    expect(topicsIn('The U.S.-ROK Mutual Defense Treaty dates from 1953, Israeli officials noted.')).not.toContain('mutual-defense-treaty');
    expect(topicsIn('Saudi Arabia and Pakistan signed a mutual defense agreement.')).toEqual([]);
    expect(topicsIn('Riyadh wants a U.S.-Saudi defense pact before any deal.')).toEqual(['abraham-accords-normalization']);
  });

  it('does not take names for topics', () => {
    expect(articleTopics('Israel Adesanya fights in Perth.', 'The card starts on Oct. 7 at 8 p.m.')).toEqual([[], []]);
    expect(topicsIn('The Bank of Israel signaled a gradual normalization of interest rates.')).toEqual([]);
    expect(topicsIn('Spartak Moscow beat Dynamo Kyiv 2-1.')).toEqual([]);
    expect(topicsIn('The American Alliance of Museums met in Denver.')).toEqual([]);
    expect(topicsIn('The filly faces no pacing threat in the final.')).toEqual([]);
  });

  it('reads "Oct. 7" with a year as the attack only for 2023', () => {
    expect(textsIn('Hamas attacked on Oct. 7, 2023, taking hostages.')).toEqual(['Oct. 7, 2023']);
    expect(textsIn('Hamas released a statement on Oct. 7, 2024.')).toEqual([]);
    expect(textsIn('Hamas attacked Israel; the 1973 war began on Oct. 6, 1973.')).toEqual([]);
  });

  it('finds the other headline topics', () => {
    expect(topicsIn('the Abraham Accords’ signatories')).toEqual(['abraham-accords-normalization']);
    expect(topicsIn('the specter of a nuclear Iran')).toEqual(['iran-nuclear']);
    expect(textsIn('NATO’s Article 5')).toEqual(['NATO’s', 'Article 5']);
    expect(topicsIn('Hezbollah fired rockets')).toEqual(['iran-proxies-attacks']);
    expect(topicsIn("Israel's qualitative military edge")).toContain('security-assistance-mou');
  });

  it('ignores near misses', () => {
    expect(matcher.find('NATOLI, Jinsan and MOUSE met at the MOUSETRAP cafe near Natonal Street.')).toEqual([]);
    expect(matcher.find('nato, jinsa and mdt in lower case')).toEqual([]);
    expect(matcher.find('Pilots use the NATO phonetic alphabet.')).toEqual([]);
  });
});
