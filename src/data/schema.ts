/**
 * The shape of the bundled policy notes, as a valibot schema. Everything the
 * extension says to a reader comes from data that passes this schema; the
 * cross-reference checks that a schema cannot express live in `validate.ts`.
 */
import * as v from 'valibot';

const Id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens'),
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

/**
 * When an ambiguous term may be trusted. A match of a term that names a rule
 * is kept only if one of `anyOf` occurs in the same block of text and none of
 * the reject patterns fit the text right before or after it.
 */
export const ContextRuleSchema = v.strictObject({
  id: Id,
  description: NonEmptyText,
  /** Words or phrases (case-insensitive, whole words) that vouch for the term. */
  anyOf: v.pipe(v.array(NonEmptyText), v.minLength(1)),
  /** Regular-expression source tested against the text just before the match (e.g. a clock time before "MDT"). */
  rejectBefore: v.optional(NonEmptyText),
  /** Regular-expression source tested against the text just after the match. */
  rejectAfter: v.optional(NonEmptyText),
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

/** Where in which publication a finding can be checked. */
export const CitationSchema = v.strictObject({
  report: Id,
  /** The part of the publication, e.g. "Key findings" or "Treaty scope". */
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

/** The whole bundled data set. */
export const DatasetSchema = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  reports: v.pipe(v.array(ReportSchema), v.minLength(1)),
  contexts: v.array(ContextRuleSchema),
  topics: v.pipe(v.array(TopicSchema), v.minLength(1)),
  findings: v.pipe(v.array(FindingSchema), v.minLength(1)),
});

export type Report = v.InferOutput<typeof ReportSchema>;
export type ContextRule = v.InferOutput<typeof ContextRuleSchema>;
export type Term = v.InferOutput<typeof TermSchema>;
export type Topic = v.InferOutput<typeof TopicSchema>;
export type Citation = v.InferOutput<typeof CitationSchema>;
export type Finding = v.InferOutput<typeof FindingSchema>;
export type Dataset = v.InferOutput<typeof DatasetSchema>;
