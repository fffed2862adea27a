/**
 * Where a rule's words may vouch from (the sentence, the paragraph, the
 * article: by `matchArticle`, or by `scan` and `resolve` with facts summed
 * from other blocks and context texts), and which topic a span names when
 * several could: the nearest evidence, then the most words; silent readings
 * win spans without marking them.
 */
import { describe, expect, it } from 'vitest';
import { ArticleFacts, compileMatcher, matchArticle, type Matcher, type MatcherSource, type Mention } from '@/src/matching/index';
import { found } from './support';

/** A small data set of our own, so these tests do not move when the bundled notes do. */
const wordLists: MatcherSource['wordLists'] = {
  israel: { reason: 'Israel.', words: ['Israel', 'Israeli', 'Jerusalem'] },
  saudi: { reason: 'Another pact’s parties.', words: ['Saudi Arabia', 'Pakistan', 'Riyadh'] },
};

const scopes = compileMatcher({
  wordLists,
  contexts: [
    { id: 'in-sentence', reason: 'Israel in the sentence.', needs: [{ anyOf: ['@israel'], within: 'sentence' }] },
    { id: 'in-paragraph', reason: 'Israel in the paragraph.', needs: [{ anyOf: ['@israel'], within: 'paragraph' }] },
    { id: 'in-article', reason: 'Israel in the article.', needs: [{ anyOf: ['@israel'], within: 'article' }] },
    { id: 'missile', reason: 'A missile in the sentence.', needs: [{ anyOf: ['missile'], within: 'sentence' }] },
    { id: 'arrow', reason: 'The Arrow missile in the sentence.', needs: [{ anyOf: ['Arrow missile'], within: 'sentence' }] },
  ],
  topics: [
    { id: 'sentence-topic', terms: [{ text: 'security pact', context: 'in-sentence' }] },
    { id: 'paragraph-topic', terms: [{ text: 'formal alliance', context: 'in-paragraph' }] },
    { id: 'article-topic', terms: [{ text: 'defense treaty', context: 'in-article' }, { text: 'Israel treaty', context: 'in-article' }] },
    { id: 'certain-topic', terms: [{ text: 'U.S.-Israel security pact' }, { text: "Israel's security pact" }] },
    { id: 'interceptors', terms: [{ text: 'interceptor deal', context: 'missile' }, { text: 'launcher deal', context: 'arrow' }] },
  ],
});

function mention(text: string, topic: string, term: string, at: string = term): Mention {
  const start = text.indexOf(at);
  if (start < 0) throw new Error(`"${at}" is not in "${text}"`);
  return { topic, term, text: at, start, end: start + at.length };
}

describe('sentence scope', () => {
  it('counts a word in the sentence of the match', () => {
    expect(found(scopes, 'Israel signed a security pact.')).toEqual(['sentence-topic:security pact']);
    expect(found(scopes, 'The talks went on. A security pact, Israeli officials said, is near. Nothing else.')).toEqual([
      'sentence-topic:security pact',
    ]);
  });

  it('fails when the word is only in another sentence of the paragraph', () => {
    expect(found(scopes, 'Israel spoke. A security pact was signed.')).toEqual([]);
    expect(found(scopes, 'A security pact was signed. Israel spoke.')).toEqual([]);
    expect(found(scopes, 'A security pact was signed!Israel spoke? Yes')).toEqual(['sentence-topic:security pact']);
  });

  it('fails when the word is only in another block of the article', () => {
    expect(matchArticle(scopes, ['Israel spoke.', 'A security pact was signed.'])).toEqual([[], []]);
    expect(matchArticle(scopes, ['A security pact was signed.'], ['Israel signs a pact'])).toEqual([[]]);
  });
});

describe('paragraph scope', () => {
  it('counts a word anywhere in the paragraph', () => {
    expect(found(scopes, 'Israel spoke. A formal alliance was signed.')).toEqual(['paragraph-topic:formal alliance']);
    expect(found(scopes, 'A formal alliance was signed.\nJerusalem cheered.')).toEqual(['paragraph-topic:formal alliance']);
  });

  it('fails when the word is only in another block of the article or in a title', () => {
    expect(found(scopes, 'A formal alliance was signed.')).toEqual([]);
    expect(matchArticle(scopes, ['Israel spoke.', 'A formal alliance was signed.'])).toEqual([[], []]);
    expect(matchArticle(scopes, ['A formal alliance was signed.'], ['Israel and the alliance'])).toEqual([[]]);
  });
});

describe('article scope', () => {
  const later = 'A defense treaty was signed.';

  it('counts a word in the sentence or paragraph at once, without waiting for the article', () => {
    const scan = scopes.scan('Israel spoke. A defense treaty was signed.');
    expect(scan.pending).toBeNull();
    expect(scan.mentions.map((m) => m.topic)).toEqual(['article-topic']);
  });

  it('counts a word in another block of the article (matchArticle)', () => {
    expect(matchArticle(scopes, ['Israel spoke.', later])).toEqual([[], [mention(later, 'article-topic', 'defense treaty')]]);
    expect(matchArticle(scopes, [later, 'Jerusalem replied.', 'Nothing here.'])).toEqual([[mention(later, 'article-topic', 'defense treaty')], [], []]);
    expect(matchArticle(scopes, ['The weather was mild.', later])).toEqual([[], []]);
    expect(found(scopes, later)).toEqual([]);
  });

  it('counts a word in a context text such as the title, which only lends its words', () => {
    expect(matchArticle(scopes, [later], ['Israel and the US sign a defense treaty'])).toEqual([[mention(later, 'article-topic', 'defense treaty')]]);
    expect(matchArticle(scopes, [later], ['The US signs a defense treaty'])).toEqual([[]]);
  });

  it('leaves a span waiting in `scan`, decided by `resolve` with facts from another block', () => {
    const scan = scopes.scan(later);
    expect(scan.mentions).toEqual([]);
    expect(scan.facts).toBeNull();
    expect(scan.pending).toEqual([
      { start: 2, end: 16, text: 'defense treaty', candidates: [{ topic: 'article-topic', term: 'defense treaty', sets: [{ set: 0, own: 0 }] }] },
    ]);
    const other = scopes.scan('Israeli and Israel officials met in Jerusalem.');
    expect(other.mentions).toEqual([]);
    expect(other.pending).toBeNull();
    expect(Array.from(other.facts!)).toEqual([3]);
    expect(scopes.factCount).toBe(1);
    expect(scopes.resolve(scan.pending!, other.facts)).toEqual([mention(later, 'article-topic', 'defense treaty')]);
  });

  it('resolves nothing without facts', () => {
    const pending = scopes.scan(later).pending!;
    expect(scopes.resolve(pending, null)).toEqual([]);
    expect(scopes.resolve(pending, new Int32Array(scopes.factCount))).toEqual([]);
    expect(scopes.resolve([], new Int32Array([5]))).toEqual([]);
    expect(scopes.resolve(pending, [1])).toEqual([mention(later, 'article-topic', 'defense treaty')]);
  });

  it('sums facts over blocks and takes them away again (ArticleFacts)', () => {
    const facts = new ArticleFacts(scopes.factCount);
    expect(facts.empty).toBe(true);
    const israel = scopes.scan('Israel spoke.').facts;
    expect(facts.add(null)).toBe(false);
    expect(facts.add(new Int32Array(1))).toBe(false);
    expect(facts.add(israel)).toBe(true);
    expect(facts.add(israel)).toBe(true);
    expect(Array.from(facts.counts)).toEqual([2]);
    expect(facts.add(israel, -1)).toBe(true);
    expect(facts.empty).toBe(false);
    const pending = scopes.scan(later).pending!;
    expect(scopes.resolve(pending, facts.counts)).toHaveLength(1);
    facts.add(israel, -1);
    expect(facts.empty).toBe(true);
    expect(scopes.resolve(pending, facts.counts)).toEqual([]);
  });

  it('does not count a vouching word inside the match itself', () => {
    const own = 'The Israel treaty was signed.';
    expect(found(scopes, own)).toEqual([]);
    expect(scopes.scan(own).pending?.[0]?.candidates).toEqual([{ topic: 'article-topic', term: 'Israel treaty', sets: [{ set: 0, own: 1 }] }]);
    expect(Array.from(scopes.scan(own).facts!)).toEqual([1]);
    expect(matchArticle(scopes, [own, 'Israel spoke.'])).toEqual([[mention(own, 'article-topic', 'Israel treaty')], []]);
    // Two such spans vouch for each other, not for themselves.
    expect(matchArticle(scopes, [own, own]).map((mentions) => mentions.length)).toEqual([1, 1]);
    expect(matchArticle(scopes, [own], [own]).map((mentions) => mentions.length)).toEqual([1]);
  });
});

describe('carried sets', () => {
  it('lets a term holding a vouching word vouch for other spans', () => {
    const text = 'The U.S.-Israel security pact is near; a formal alliance would follow.';
    expect(found(scopes, text)).toEqual(['certain-topic:U.S.-Israel security pact', 'paragraph-topic:formal alliance']);
    expect(matchArticle(scopes, ['The U.S.-Israel security pact is near.', 'A defense treaty would follow.'])).toEqual([
      [mention('The U.S.-Israel security pact is near.', 'certain-topic', 'U.S.-Israel security pact')],
      [mention('A defense treaty would follow.', 'article-topic', 'defense treaty')],
    ]);
    expect(Array.from(scopes.scan('The U.S.-Israel security pact.').facts!)).toEqual([1]);
  });

  it('lets a term with a possessive vouch as its word', () => {
    expect(found(scopes, 'Israel’s security pact is near; a formal alliance would follow.')).toEqual([
      'certain-topic:Israel’s security pact',
      'paragraph-topic:formal alliance',
    ]);
    expect(Array.from(scopes.scan('Israel’s security pact.').facts!)).toEqual([1]);
  });

  it('counts a shorter near word inside a longer near phrase', () => {
    // "Arrow missile" is the longest near phrase there; it carries the set of "missile".
    expect(found(scopes, 'The interceptor deal covers the Arrow missile.')).toEqual(['interceptors:interceptor deal']);
    expect(found(scopes, 'The launcher deal covers the Arrow missile.')).toEqual(['interceptors:launcher deal']);
    expect(found(scopes, 'The launcher deal covers the missile.')).toEqual([]);
    expect(found(scopes, 'The interceptor deal covers the Arrow.')).toEqual([]);
  });
});

/** Two readings of "defense pact", each vouched for by its own parties from anywhere in the article. */
const choiceSource: MatcherSource = {
  wordLists,
  contexts: [
    { id: 'israel-near', reason: 'Israel.', needs: [{ anyOf: ['@israel'], within: 'article' }] },
    { id: 'saudi-near', reason: 'Saudi Arabia and Pakistan.', needs: [{ anyOf: ['@saudi'], within: 'article' }] },
  ],
  topics: [
    { id: 'us-israel-pact', terms: [{ text: 'defense pact', context: 'israel-near' }] },
    { id: 'saudi-pact', terms: [{ text: 'defense pact', context: 'saudi-near' }] },
  ],
};
const choice = compileMatcher(choiceSource);

function topicsByBlock(matcher: Matcher, blocks: string[], context: string[] = []): string[][] {
  return matchArticle(matcher, blocks, context).map((mentions) => mentions.map((m) => m.topic));
}

describe('topic choice', () => {
  it('gives the span to the topic with the nearest evidence', () => {
    expect(found(choice, 'Israel wants a defense pact. Saudi Arabia watched.')).toEqual(['us-israel-pact:defense pact']);
    expect(found(choice, 'Israel watched. Saudi Arabia wants a defense pact.')).toEqual(['saudi-pact:defense pact']);
    expect(topicsByBlock(choice, ['Israel watched.', 'A defense pact was signed. Riyadh cheered.'])).toEqual([[], ['saudi-pact']]);
    expect(topicsByBlock(choice, ['Riyadh watched.', 'A defense pact was signed. Israel cheered.'])).toEqual([[], ['us-israel-pact']]);
  });

  it('among equally near evidence, gives it to the topic with more vouching words there', () => {
    expect(found(choice, 'Saudi Arabia and Pakistan want a defense pact, officials in Israel say.')).toEqual(['saudi-pact:defense pact']);
    expect(found(choice, 'Israel and Jerusalem want a defense pact, officials in Riyadh say.')).toEqual(['us-israel-pact:defense pact']);
    // Sentence counts decide even where the paragraph holds more of the other words.
    expect(found(choice, 'Israel wants a defense pact. Riyadh, Pakistan and Saudi Arabia watched.')).toEqual(['us-israel-pact:defense pact']);
    expect(found(choice, 'Israel spoke. A defense pact was signed. Riyadh, Pakistan and Saudi Arabia watched.')).toEqual(['saudi-pact:defense pact']);
  });

  it('takes a word right next to the span as nearer than the rest of its sentence', () => {
    expect(found(choice, 'Riyadh, Pakistan and Saudi Arabia doubt the Israel defense pact.')).toEqual(['us-israel-pact:defense pact']);
    expect(found(choice, 'Riyadh, Pakistan and Saudi Arabia doubt the Israel’s defense pact.')).toEqual(['us-israel-pact:defense pact']);
    expect(found(choice, 'Israel and Jerusalem want a defense pact with Pakistan.')).toEqual(['saudi-pact:defense pact']);
    expect(found(choice, 'Israel and Jerusalem want a defense pact, Pakistan says.')).toEqual(['saudi-pact:defense pact']);
    expect(found(choice, 'Israel and Jerusalem want a defense pact between the Saudi Arabia and Pakistan.')).toEqual(['saudi-pact:defense pact']);
    // Other words in between: merely in the sentence, where Israel has more.
    expect(found(choice, 'Israel and Jerusalem want a defense pact soon, Pakistan says.')).toEqual(['us-israel-pact:defense pact']);
  });

  it('among as many words as near, gives it to the topic whose nearest word is closer', () => {
    expect(found(choice, 'Israel and Pakistan want a defense pact.')).toEqual(['saudi-pact:defense pact']);
    expect(found(choice, 'Pakistan and Israel want a defense pact.')).toEqual(['us-israel-pact:defense pact']);
    expect(found(choice, 'Israel spoke. A defense pact was signed. Pakistan spoke.')).toEqual(['us-israel-pact:defense pact']);
  });

  it('gives the span to every topic that ties, in data order', () => {
    // Eight characters on either side: " eyes a " and ", as do ".
    expect(found(choice, 'Israel eyes a defense pact, as do Pakistan and others.')).toEqual(['us-israel-pact:defense pact', 'saudi-pact:defense pact']);
    expect(found(choice, 'Pakistan eyes a defense pact, as do Israel and others.')).toEqual(['us-israel-pact:defense pact', 'saudi-pact:defense pact']);
  });

  it('decides by article counts when neither has words in the paragraph', () => {
    expect(topicsByBlock(choice, ['Israel, Jerusalem and Riyadh.', 'A defense pact.'])).toEqual([[], ['us-israel-pact']]);
    expect(topicsByBlock(choice, ['Israel, Pakistan and Riyadh.', 'A defense pact.'])).toEqual([[], ['saudi-pact']]);
    expect(topicsByBlock(choice, ['Israel and Riyadh.', 'A defense pact.'])).toEqual([[], ['us-israel-pact', 'saudi-pact']]);
    expect(topicsByBlock(choice, ['Riyadh spoke.', 'A defense pact.'], ['Israel, Jerusalem'])).toEqual([[], ['us-israel-pact']]);
  });

  it('keeps both readings waiting in `scan`, each with its own facts', () => {
    const pending = choice.scan('A defense pact.').pending;
    expect(pending).toHaveLength(1);
    expect(pending![0]!.candidates.map((candidate) => candidate.topic)).toEqual(['us-israel-pact', 'saudi-pact']);
    expect(pending![0]!.candidates.map((candidate) => candidate.sets)).toEqual([[{ set: 0, own: 0 }], [{ set: 1, own: 0 }]]);
    expect(choice.factCount).toBe(2);
  });

  it('gives a term without a rule the span over any rule’s evidence', () => {
    const certain = compileMatcher({
      ...choiceSource,
      topics: [...choiceSource.topics, { id: 'any-pact', terms: [{ text: 'defense pact' }] }],
    });
    expect(found(certain, 'Israel and Jerusalem want a defense pact.')).toEqual(['any-pact:defense pact']);
    expect(found(certain, 'A defense pact.')).toEqual(['any-pact:defense pact']);
    expect(certain.scan('A defense pact.').pending).toBeNull();
  });
});

describe('silent readings', () => {
  const silent = compileMatcher({
    wordLists,
    contexts: choiceSource.contexts,
    topics: [
      { id: 'other-pact', silent: true, terms: [{ text: 'defense pact', context: 'saudi-near' }, { text: 'Warsaw Pact', context: 'saudi-near' }] },
      { id: 'us-israel-pact', terms: [{ text: 'defense pact', context: 'israel-near' }, { text: 'pact' }] },
    ],
  });

  it('wins the span and marks nothing where the article holds more of its words', () => {
    expect(found(silent, 'Saudi Arabia and Pakistan signed a defense pact.')).toEqual([]);
    expect(topicsByBlock(silent, ['Riyadh and Pakistan spoke.', 'A defense pact.'])).toEqual([[], []]);
    expect(topicsByBlock(silent, ['Israel spoke.', 'Riyadh and Pakistan spoke.', 'A defense pact.'])).toEqual([[], [], []]);
    expect(topicsByBlock(silent, ['A defense pact.'], ['Riyadh and Pakistan'])).toEqual([[]]);
  });

  it('weighs whole articles only: a real topic with nearer evidence keeps the span', () => {
    expect(found(silent, 'Israel wants a defense pact. Pakistan watched.')).toEqual(['us-israel-pact:defense pact']);
    expect(found(silent, 'Israel spoke. Saudi Arabia and Pakistan signed a defense pact.')).toEqual(['us-israel-pact:defense pact']);
    expect(found(silent, 'Saudi Arabia, Pakistan and Riyadh want a defense pact with Israel.')).toEqual(['us-israel-pact:defense pact']);
  });

  it('lets the real topic have the span where the article holds as many of its words, or more', () => {
    expect(topicsByBlock(silent, ['Israel and Jerusalem spoke.', 'A defense pact.'])).toEqual([[], ['us-israel-pact']]);
    expect(topicsByBlock(silent, ['Israel and Riyadh spoke.', 'A defense pact.'])).toEqual([[], ['us-israel-pact']]);
  });

  it('marks the silent candidates of a waiting span', () => {
    expect(silent.scan('A defense pact.').pending![0]!.candidates).toEqual([
      { topic: 'us-israel-pact', term: 'defense pact', sets: [{ set: 0, own: 0 }] },
      { topic: 'other-pact', term: 'defense pact', silent: true, sets: [{ set: 1, own: 0 }] },
    ]);
  });

  it('leaves no waiting span that only other readings could take', () => {
    expect(silent.scan('The Warsaw Pact fell.')).toEqual({ mentions: [], pending: null, facts: null });
  });

  it('hides a shorter real term inside a longer silent term', () => {
    expect(found(silent, 'The Warsaw Pact fell; a new pact rose.')).toEqual(['us-israel-pact:pact']);
  });
});
