import { describe, expect, it } from 'vitest';
import { dataset } from '@/src/data/index';
import { compileMatcher } from '@/src/matching/index';

/**
 * The bundled notes against headline phrasings. These name topic ids, not
 * wording, so rewording a note does not break them; dropping a headline term does.
 */
const matcher = compileMatcher(dataset);

function topicsIn(text: string): string[] {
  return [...new Set(matcher.find(text).map((mention) => mention.topic))];
}

function textsIn(text: string): string[] {
  return matcher.find(text).map((mention) => mention.text);
}

describe('the matcher on the bundled notes', () => {
  it('compiles, and every term finds itself (with its context rule satisfied)', () => {
    const contexts = new Map(dataset.contexts.map((rule) => [rule.id, rule]));
    const missed: string[] = [];
    for (const topic of dataset.topics) {
      for (const term of topic.terms) {
        const vouch = term.context ? ` Context: ${contexts.get(term.context)!.anyOf[0]}.` : '';
        const block = `${term.text}.${vouch}`;
        const found = matcher.find(block).some((m) => m.topic === topic.id && m.start === 0 && m.text === term.text);
        if (!found) missed.push(`${topic.id}: "${term.text}"`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('finds the treaty however it is written', () => {
    expect(topicsIn('Israel and a U.S.–Israel mutual-defence pact')).toEqual(['mutual-defense-treaty']);
    expect(topicsIn('Lawmakers weighed a mutual\u00a0defense\ntreaty with Israel.')).toEqual(['mutual-defense-treaty']);
    expect(textsIn('Talk of a U.S.-Israel defense treaty grew.')).toEqual(['U.S.-Israel defense treaty']);
    expect(topicsIn('JINSA has long argued for an MDT.')).toEqual(['jinsa-treaty-work', 'mutual-defense-treaty']);
  });

  it('tells the treaty acronym from a time zone', () => {
    expect(topicsIn('Treaty talks resume at 9 a.m. MDT on Monday.')).toEqual([]);
    expect(textsIn('An MDT would formalize the alliance.')).toEqual(['MDT']);
    expect(textsIn('The MDT closed higher on Friday.')).toEqual([]);
  });

  it('reads the dates of the 2023 attack only where the paragraph is about it', () => {
    expect(textsIn('Since Hamas attacked on 10/7, the hostages remain in Gaza.')).toContain('10/7');
    expect(textsIn('On 10/7/2023 the store opened.')).toEqual([]);
    expect(textsIn('Israel has fought on several fronts since Oct. 7.')).toContain('Oct. 7');
    expect(textsIn('The museum reopens on 7 October.')).toEqual([]);
    expect(topicsIn('The 7 October massacre at the Nova festival')).toContain('october-7-war');
  });

  it('finds the other headline topics', () => {
    expect(topicsIn('the Abraham Accords’ signatories')).toEqual(['abraham-accords-normalization']);
    expect(topicsIn('the specter of a nuclear Iran')).toEqual(['iran-nuclear']);
    expect(topicsIn('JINSA’s new report')).toEqual(['jinsa-treaty-work']);
    expect(textsIn('NATO’s Article 5')).toEqual(['NATO’s', 'Article 5']);
    expect(topicsIn('Hezbollah fired rockets')).toEqual(['iran-proxies-attacks']);
    expect(topicsIn("Israel's qualitative military edge")).toContain('security-assistance-mou');
  });

  it('gives a Saudi pact to normalization, not to the Israel treaty', () => {
    expect(topicsIn('Riyadh wants a U.S.-Saudi defense pact before any deal.')).toEqual(['abraham-accords-normalization']);
  });

  it('ignores near misses', () => {
    expect(matcher.find('NATOLI, Jinsan and MOUSE met at the MOUSETRAP cafe near Natonal Street.')).toEqual([]);
    expect(matcher.find('nato, jinsa and mdt in lower case')).toEqual([]);
  });
});
