/**
 * The shape of the bundled policy notes, as a valibot schema. Everything the
 * extension says to a reader comes from data that passes this schema; the
 * cross-reference checks that a schema cannot express live in `validate.ts`.
 */
import * as v from 'valibot';

/**
 * Ids are short: an imported pack's topic ids are stored as `pack/topic` in the
 * reader's settings (which cap an entry at 160 characters) and sent in page reports.
 */
const Id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens'),
  v.maxLength(60, 'ids are at most 60 characters'),
);
const NonEmptyText = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const IsoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}(?:-\d{2})?$/, 'dates are YYYY-MM or YYYY-MM-DD'),
);
const HttpsUrl = v.pipe(v.string(), v.url(), v.startsWith('https://', 'links must be https'));

/** A publication (or a publication's web page) that findings are cited to. */
export const ReportSchema = v.strictObject({
  id: Id,
  title: NonEmptyText,
  shortTitle: NonEmptyText,
  publisher: NonEmptyText,
  /** One line on who the publisher is and where it stands. */
  publisherNote: NonEmptyText,
  date: IsoDate,
  url: HttpsUrl,
  /** Who wrote it, as the publication names them; absent when it names no one. */
  authors: v.optional(v.pipe(v.array(NonEmptyText), v.minLength(1))),
  /** Why `url` is not the report itself, or how we know the text (e.g. a third-party copy). */
  sourceNote: v.optional(NonEmptyText),
});

/** A phrase to look for: whole words, any case, as tolerant of spacing, dashes, plurals and possessives as terms are. */
const Phrase = NonEmptyText;
const Phrases = v.pipe(v.array(Phrase), v.minLength(1, 'needs at least one phrase'));
/** A short sentence on why a rule, reject or list exists: the next editor reads it before changing it. */
const Reason = NonEmptyText;

/**
 * Words that rules share, referred to as "@id" (for example the ways articles
 * name Israel). `except` lists where the words do not count: a literal phrase
 * ("Bank of Israel"), or a word of the list next to a class: "{Name}" (a
 * capitalized name: "Israel {Name}" is a person called Israel), "{number}" or "{year}".
 */
export const WordListSchema = v.strictObject({
  reason: Reason,
  words: Phrases,
  except: v.optional(Phrases),
});

const Scope = v.picklist(['sentence', 'paragraph', 'article'], 'scopes are "sentence", "paragraph" or "article"');

/**
 * One alternative of a rule: one of `anyOf` must occur within the scope,
 * outside the match itself, and with `alsoAnyOf` one of those as well
 * (sentence or paragraph only).
 */
export const NeedSchema = v.strictObject({
  anyOf: Phrases,
  within: Scope,
  alsoAnyOf: v.optional(Phrases),
  /** Where `alsoAnyOf` must be: by default `within`, or the sentence when that is the article. */
  alsoWithin: v.optional(v.picklist(['sentence', 'paragraph'], '"alsoWithin" is "sentence" or "paragraph"')),
});

/** A match is thrown out when one of `anyOf` occurs within the scope, unless one of `unlessAlso` does too. */
export const RejectSchema = v.strictObject({
  anyOf: Phrases,
  within: v.picklist(['sentence', 'paragraph'], 'a reject looks within the "sentence" or the "paragraph"'),
  unlessAlso: v.optional(Phrases),
  reason: Reason,
});

/**
 * When an ambiguous term may be trusted: one of `needs` holds (the nearest
 * one that holds is the match's evidence), no reject applies, and no phrase
 * of `notBefore`/`notAfter` stands right next to the match. The examples are
 * checked at build time: a rule whose `marked` examples are not marked, or
 * whose `unmarked` ones are, is refused.
 */
export const ContextRuleSchema = v.strictObject({
  id: Id,
  reason: Reason,
  /** Absent: the rule only throws matches out, by its rejects and guards. */
  needs: v.optional(v.pipe(v.array(NeedSchema), v.minLength(1, 'leave "needs" out rather than empty'))),
  rejects: v.optional(v.array(RejectSchema)),
  /** Phrases (words, "@list" references or classes) that may not end right before the match. */
  notBefore: v.optional(Phrases),
  /** Phrases that may not start right after the match. */
  notAfter: v.optional(Phrases),
  examples: v.strictObject({
    /** Sentences or short paragraphs where a term of this rule must be marked. */
    marked: Phrases,
    /** Where it must not be. */
    unmarked: v.optional(Phrases),
  }),
});

/** One way news articles name a topic. */
export const TermSchema = v.strictObject({
  /** The phrase as written; matching already tolerates case, dashes, apostrophes, spacing, plurals and possessives. */
  text: NonEmptyText,
  /** Acronyms and other terms whose capitals carry meaning. */
  caseSensitive: v.optional(v.boolean()),
  /** Id of the context rule this term needs before it is trusted. */
  context: v.optional(Id),
});

/** A subject the reports speak about, and how to spot it in an article. */
export const TopicSchema = v.strictObject({
  id: Id,
  label: NonEmptyText,
  /** A short neutral note on what the topic is. */
  summary: NonEmptyText,
  terms: v.pipe(v.array(TermSchema), v.minLength(1, 'every topic needs terms')),
});

/**
 * Another meaning of words that topics use: when its rule finds the nearer
 * evidence, the span means this and nothing is marked ("defense pact" in an
 * article about a pact between two other countries).
 */
export const OtherReadingSchema = v.strictObject({
  id: Id,
  reason: Reason,
  terms: v.pipe(v.array(TermSchema), v.minLength(1, 'every other reading needs terms')),
});

/** Where in which publication a finding can be checked. */
export const CitationSchema = v.strictObject({
  report: Id,
  /** The part of the publication, e.g. "Key findings" or "Summary". */
  part: NonEmptyText,
  /** A page that shows this finding better than the report's own address. */
  url: v.optional(HttpsUrl),
});

/** One thing a report argues or states, in our own words and attributed. */
export const FindingSchema = v.strictObject({
  id: Id,
  /** Topics it informs, the most relevant first. */
  topics: v.pipe(v.array(Id), v.minLength(1, 'every finding needs a topic')),
  text: NonEmptyText,
  /** The report's own figure, where it gives one ("52 treaty allies"). */
  figure: v.optional(NonEmptyText),
  citation: CitationSchema,
});

/** One line: no line breaks, short enough for a card. */
const OneLine = v.pipe(NonEmptyText, v.regex(/^[^\n\r]*$/, 'must be one line'), v.maxLength(300, 'must be at most 300 characters'));

/**
 * Who made a set of notes and on what terms: shown on every card beside the
 * notes' sources. The bundled notes are a pack too (the built-in one).
 */
export const PackMetaSchema = v.strictObject({
  /** Lower-case words joined by hyphens; the built-in pack's id is reserved. */
  id: v.pipe(Id, v.maxLength(40, 'pack ids are at most 40 characters')),
  name: v.pipe(NonEmptyText, v.maxLength(80, 'must be at most 80 characters')),
  /** Dotted numbers ("1", "1.2", "2.0.1"); a newer version of the same id replaces an older one. */
  version: v.pipe(v.string(), v.regex(/^\d{1,4}(?:\.\d{1,4}){0,2}$/, 'versions are dotted numbers, like 1.2.0')),
  /** The notes' language, as a language tag ("en", "en-GB"). */
  language: v.pipe(v.string(), v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'languages are tags like en or en-GB')),
  /** Who publishes the pack. */
  publisher: v.pipe(NonEmptyText, v.maxLength(120, 'must be at most 120 characters')),
  /** One line on who the publisher is and where it stands. */
  publisherNote: OneLine,
  /** The terms the notes may be used under. */
  licence: OneLine,
  date: IsoDate,
  homepage: v.optional(HttpsUrl),
});

/** A set of notes: the bundled data set, or a note pack a reader imports. */
export const DatasetSchema = v.strictObject({
  /** The format of this file (1). */
  version: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1, 'this version of Policy Lens reads format 1')),
  pack: PackMetaSchema,
  reports: v.pipe(v.array(ReportSchema), v.minLength(1)),
  wordLists: v.record(Id, WordListSchema),
  contexts: v.array(ContextRuleSchema),
  topics: v.pipe(v.array(TopicSchema), v.minLength(1)),
  otherReadings: v.array(OtherReadingSchema),
  findings: v.pipe(v.array(FindingSchema), v.minLength(1)),
});

export type Report = v.InferOutput<typeof ReportSchema>;
export type WordList = v.InferOutput<typeof WordListSchema>;
export type ContextRule = v.InferOutput<typeof ContextRuleSchema>;
export type OtherReading = v.InferOutput<typeof OtherReadingSchema>;
export type Term = v.InferOutput<typeof TermSchema>;
export type Topic = v.InferOutput<typeof TopicSchema>;
export type Citation = v.InferOutput<typeof CitationSchema>;
export type Finding = v.InferOutput<typeof FindingSchema>;
export type Dataset = v.InferOutput<typeof DatasetSchema>;
export type PackMeta = v.InferOutput<typeof PackMetaSchema>;
