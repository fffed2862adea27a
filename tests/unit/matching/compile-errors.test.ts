/**
 * Data the matcher cannot compile throws `MatcherCompileError`, with a
 * message that names the entry to fix.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, MatcherCompileError, type ContextRuleSource, type MatcherSource } from '@/src/matching/index';

/** A source with one rule (given) that the term "pact" of topic "pacts" names, and one word list. */
function withRule(rule: Partial<ContextRuleSource>, extra: Partial<MatcherSource> = {}): MatcherSource {
  return {
    wordLists: { israel: { reason: 'Israel.', words: ['Israel', 'Jerusalem'] } },
    contexts: [{ id: 'the-rule', reason: 'A rule.', needs: [{ anyOf: ['Israel'], within: 'sentence' }], ...rule }],
    topics: [{ id: 'pacts', terms: [{ text: 'pact', context: 'the-rule' }] }],
    ...extra,
  };
}

/** Compiling `source` throws a MatcherCompileError whose message fits every pattern. */
function expectCompileError(source: MatcherSource, ...patterns: RegExp[]): void {
  let error: unknown;
  try {
    compileMatcher(source);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(MatcherCompileError);
  expect((error as Error).name).toBe('MatcherCompileError');
  for (const pattern of patterns) expect((error as Error).message).toMatch(pattern);
}

describe('MatcherCompileError', () => {
  it('compiles the well-formed base source', () => {
    expect(compileMatcher(withRule({})).find('Israel signed a pact.').map((m) => m.topic)).toEqual(['pacts']);
  });

  it('names a term whose context rule is unknown', () => {
    expectCompileError(
      { contexts: [], topics: [{ id: 'x', terms: [{ text: 'MDT', context: 'missing' }] }] },
      /topic "x", term "MDT"/,
      /unknown context rule "missing"/,
    );
  });

  it('names the rule and the place of an unknown word list', () => {
    expectCompileError(withRule({ needs: [{ anyOf: ['@nope'], within: 'sentence' }] }), /context rule "the-rule", needs\[0\]/, /unknown word list "@nope"/);
    expectCompileError(
      withRule({ needs: [{ anyOf: ['Israel'], within: 'sentence', alsoAnyOf: ['@missing'] }] }),
      /context rule "the-rule", needs\[0\]\.alsoAnyOf/,
      /"@missing"/,
    );
    expectCompileError(
      withRule({ rejects: [{ anyOf: ['bank'], within: 'sentence', unlessAlso: ['@gone'], reason: 'x' }] }),
      /context rule "the-rule", rejects\[0\]\.unlessAlso/,
      /"@gone"/,
    );
    expectCompileError(withRule({ notBefore: ['with @nope'] }), /context rule "the-rule", notBefore/, /unknown word list "@nope"/);
    expectCompileError(withRule({ notAfter: ['@nope'] }), /context rule "the-rule", notAfter/, /unknown word list "@nope"/);
  });

  it('names an unknown word class in a guard or a list exception', () => {
    expectCompileError(withRule({ notBefore: ['{Place}'] }), /context rule "the-rule", notBefore/, /unknown word class "\{Place\}"/, /\{Name\}/);
    expectCompileError(
      withRule({ needs: [{ anyOf: ['@israel'], within: 'sentence' }] }, { wordLists: { israel: { reason: 'x', words: ['Israel'], except: ['Israel {name}'] } } }),
      /word list "@israel", except "Israel \{name\}"/,
      /unknown word class "\{name\}"/,
    );
  });

  it('names a class that is not a whole word', () => {
    expectCompileError(withRule({ notAfter: ['x{Name}'] }), /context rule "the-rule", notAfter/, /a class must be a whole word/);
  });

  it('refuses a class in the words a rule looks for', () => {
    expectCompileError(
      withRule({ needs: [{ anyOf: ['{Name}'], within: 'sentence' }] }),
      /context rule "the-rule", needs\[0\]/,
      /word classes are allowed only in guards and exceptions/,
    );
    expectCompileError(
      withRule({ rejects: [{ anyOf: ['the {year} pact'], within: 'paragraph', reason: 'x' }] }),
      /context rule "the-rule", rejects\[0\]/,
      /"the \{year\} pact"/,
    );
  });

  it('refuses a class exception where the class stands on neither side of the list word', () => {
    expectCompileError(
      withRule({ needs: [{ anyOf: ['@israel'], within: 'sentence' }] }, { wordLists: { israel: { reason: 'x', words: ['Israel'], except: ['{Name}'] } } }),
      /word list "@israel", except "\{Name\}"/,
      /a class may stand only before or after/,
    );
  });

  it('refuses a stray "@" and a phrase with no words', () => {
    expectCompileError(withRule({ needs: [{ anyOf: ['@Israel'], within: 'sentence' }] }), /"@Israel" is neither a phrase nor a list reference/);
    expectCompileError(withRule({ needs: [{ anyOf: ['email@example'], within: 'sentence' }] }), /context rule "the-rule", needs\[0\]/, /"email@example"/);
    expectCompileError(withRule({ needs: [{ anyOf: [], within: 'sentence' }] }), /context rule "the-rule", needs\[0\]: no words to look for/);
    expectCompileError(withRule({ needs: [{ anyOf: ['Israel', ' — '], within: 'sentence' }] }), /" — " has no words/);
    expectCompileError(withRule({ notBefore: ['...'] }), /context rule "the-rule", notBefore/, /"\.\.\." has no words/);
    expectCompileError({ contexts: [], topics: [{ id: 'x', terms: [{ text: ' \u2013 ' }] }] }, /topic "x", term " \u2013 "/, /has no words/);
  });

  it('refuses shared ids', () => {
    expectCompileError(withRule({}, { topics: [{ id: 'a', terms: [{ text: 'x' }] }, { id: 'a', terms: [{ text: 'y' }] }] }), /two topics share an id/);
    const rule: ContextRuleSource = { id: 'same', reason: 'x', needs: [{ anyOf: ['y'], within: 'sentence' }] };
    expectCompileError({ contexts: [rule, rule], topics: [] }, /two context rules share an id/);
  });

  it('refuses an article-wide context phrase that would hide a term', () => {
    expectCompileError(
      {
        contexts: [{ id: 'banks', reason: 'x', needs: [{ anyOf: ['Bank of Israel'], within: 'article' }] }],
        topics: [
          { id: 'israel', terms: [{ text: 'Israel' }] },
          { id: 'rates', terms: [{ text: 'rate cut', context: 'banks' }] },
        ],
      },
      /the context phrase "Bank of Israel" would hide the term "israel"/,
    );
    expectCompileError(
      {
        contexts: [{ id: 'talks', reason: 'x', needs: [{ anyOf: ['mutual defense treaty talks'], within: 'article' }] }],
        topics: [{ id: 'treaty', terms: [{ text: 'mutual defense treaty' }, { text: 'talks', context: 'talks' }] }],
      },
      /"mutual defense treaty talks" would hide the term "mutual defense treaty"/,
    );
    // A list's literal exception is such a phrase too where the list is looked for article-wide.
    expectCompileError(
      {
        wordLists: { israel: { reason: 'x', words: ['Israel'], except: ['Bank of Israel'] } },
        contexts: [{ id: 'israel', reason: 'x', needs: [{ anyOf: ['@israel'], within: 'article' }] }],
        topics: [
          { id: 'state', terms: [{ text: 'Israel' }] },
          { id: 'treaty', terms: [{ text: 'treaty', context: 'israel' }] },
        ],
      },
      /"Bank of Israel" would hide the term "israel"/,
    );
  });

  it('allows such a phrase where it is looked for near the match only (another automaton), and one that is itself a term', () => {
    const near = compileMatcher({
      contexts: [{ id: 'banks', reason: 'x', needs: [{ anyOf: ['Bank of Israel'], within: 'paragraph' }] }],
      topics: [
        { id: 'israel', terms: [{ text: 'Israel' }] },
        { id: 'rates', terms: [{ text: 'rate cut', context: 'banks' }] },
      ],
    });
    expect(near.find('The Bank of Israel made a rate cut.').map((m) => `${m.topic}:${m.text}`)).toEqual(['israel:Israel', 'rates:rate cut']);
    const itself = compileMatcher({
      contexts: [{ id: 'treaty', reason: 'x', needs: [{ anyOf: ['mutual defense treaty'], within: 'article' }] }],
      topics: [{ id: 'treaty', terms: [{ text: 'mutual defense treaty' }, { text: 'MDT', context: 'treaty' }] }],
    });
    expect(itself.find('The MDT is a mutual defense treaty.').map((m) => m.text)).toEqual(['MDT', 'mutual defense treaty']);
  });

  it('refuses an other reading whose rule does not weigh the whole article', () => {
    expectCompileError(
      { contexts: [], topics: [{ id: 'warsaw', silent: true, terms: [{ text: 'Warsaw Pact' }] }] },
      /other reading "warsaw", term "Warsaw Pact"/,
    );
    expectCompileError(withRule({}, { topics: [{ id: 'elsewhere', silent: true, terms: [{ text: 'pact', context: 'the-rule' }] }] }), /other reading "elsewhere", term "pact"/);
  });

  it('checks word classes afresh after an earlier error', () => {
    // A global regex's lastIndex once leaked from one compile into the next, letting a class through.
    expectCompileError(withRule({ needs: [{ anyOf: ['the long {Name}'], within: 'sentence' }] }), /word classes are allowed only/);
    expectCompileError(withRule({ needs: [{ anyOf: ['{Name}'], within: 'sentence' }] }), /word classes are allowed only/);
    expectCompileError(withRule({ notBefore: ['the long x{Name}'] }), /a class must be a whole word/);
    expectCompileError(withRule({ notBefore: ['y{Name}'] }), /a class must be a whole word/);
  });
});
