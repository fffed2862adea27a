/**
 * Checks a note pack before anything of it is kept: its size, its shape (the
 * same schema and checks as the bundled notes, including a compile of its
 * matcher and a run of its rules' examples), its limits, and what only an
 * imported pack must respect (an id of its own, https links). Every problem
 * is named by its path in the file and the id of the entry it sits in.
 */
import { listDatasetProblems, type Dataset } from '@/src/data';
import { PACK_LIMITS } from './limits';

/** The id of the bundled notes: no imported pack may take it. */
export const BUILT_IN_PACK_ID = 'jinsa-treaty-notes';

export type PackCheck = { ok: true; pack: Dataset } | { ok: false; problems: string[] };

/** The byte length of a string as UTF-8. */
function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A path to a value, naming array entries by their id (or text) as `listDatasetProblems` does. */
function label(key: string | number, value: unknown): string {
  if (typeof key !== 'number') return `.${key}`;
  const record = typeof value === 'object' && value !== null ? (value as { id?: unknown; text?: unknown }) : {};
  const name = typeof record.id === 'string' ? record.id : typeof record.text === 'string' ? `"${record.text.slice(0, 40)}"` : undefined;
  return `[${key}]${name === undefined ? '' : `(${name})`}`;
}

/** Where a pack holds phrases (terms, words of lists and rules, guards), which have the shorter limit. */
const PHRASE_KEYS: ReadonlySet<string> = new Set(['terms', 'anyOf', 'alsoAnyOf', 'unlessAlso', 'notBefore', 'notAfter', 'words', 'except']);

/** Strings longer than the limits, anywhere in the pack, by path. */
function longStrings(value: unknown, path: string, phrase: boolean, problems: string[]): void {
  if (problems.length >= 50) return;
  if (typeof value === 'string') {
    const limit = phrase ? PACK_LIMITS.phraseLength : PACK_LIMITS.stringLength;
    if (value.length > limit) problems.push(`${path.replace(/^\./, '')}: is ${value.length} characters long; the limit is ${limit}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => longStrings(item, `${path}${label(index, item)}`, phrase, problems));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      longStrings(item, `${path}.${key}`, phrase || PHRASE_KEYS.has(key), problems);
    }
  }
}

/** Counts against the limits, on a shape that passed the schema. */
function countProblems(pack: Dataset): string[] {
  const problems: string[] = [];
  const over = (what: string, count: number, limit: number) => {
    if (count > limit) problems.push(`${what}: ${count}, more than the limit of ${limit}`);
  };
  over('topics', pack.topics.length, PACK_LIMITS.topics);
  over('terms', [...pack.topics, ...pack.otherReadings].reduce((total, topic) => total + topic.terms.length, 0), PACK_LIMITS.terms);
  over('findings', pack.findings.length, PACK_LIMITS.findings);
  over('reports', pack.reports.length, PACK_LIMITS.reports);
  over('contexts', pack.contexts.length, PACK_LIMITS.contexts);
  over('wordLists', Object.keys(pack.wordLists).length, PACK_LIMITS.wordLists);
  for (const [id, list] of Object.entries(pack.wordLists)) over(`wordLists.${id}.words`, list.words.length, PACK_LIMITS.wordsPerList);
  for (const rule of pack.contexts) {
    over(`contexts(${rule.id}).examples`, rule.examples.marked.length + (rule.examples.unmarked?.length ?? 0), PACK_LIMITS.examples);
    for (const phrase of [...(rule.notBefore ?? []), ...(rule.notAfter ?? [])]) {
      const words = phrase.trim().split(/\s+/).length;
      if (words > PACK_LIMITS.guardWords) problems.push(`contexts(${rule.id}): the guard "${phrase}" has ${words} words; the limit is ${PACK_LIMITS.guardWords}`);
    }
  }
  return problems;
}

/**
 * Checks the text of a pack file. `builtIn` is for the bundled notes, which
 * may use the reserved id; everything else is checked the same way.
 */
export function checkPackText(text: string, options: { builtIn?: boolean } = {}): PackCheck {
  const bytes = utf8Length(text);
  if (bytes > PACK_LIMITS.fileBytes) {
    return { ok: false, problems: [`the file is ${bytes} bytes; a note pack may be at most ${PACK_LIMITS.fileBytes} bytes`] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`the file is not JSON: ${(error as Error).message}`] };
  }
  return checkPack(raw, options);
}

/** Checks a parsed pack. */
export function checkPack(raw: unknown, options: { builtIn?: boolean } = {}): PackCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: ['(root): a note pack is a JSON object'] };
  const tooLong: string[] = [];
  longStrings(raw, '', false, tooLong);
  if (tooLong.length > 0) return { ok: false, problems: tooLong };
  // Counts first, on the raw arrays: a huge pack is refused before its matcher is compiled.
  const record = raw as Record<string, unknown>;
  const rawCounts: string[] = [];
  for (const [key, limit] of [
    ['topics', PACK_LIMITS.topics],
    ['findings', PACK_LIMITS.findings],
    ['reports', PACK_LIMITS.reports],
    ['contexts', PACK_LIMITS.contexts],
  ] as const) {
    const list = record[key];
    if (Array.isArray(list) && list.length > limit) rawCounts.push(`${key}: ${list.length}, more than the limit of ${limit}`);
  }
  const topics = Array.isArray(record.topics) ? record.topics : [];
  const termCount = topics.reduce<number>((total, topic) => total + (Array.isArray((topic as { terms?: unknown })?.terms) ? (topic as { terms: unknown[] }).terms.length : 0), 0);
  if (termCount > PACK_LIMITS.terms) rawCounts.push(`terms: ${termCount}, more than the limit of ${PACK_LIMITS.terms}`);
  if (rawCounts.length > 0) return { ok: false, problems: rawCounts };

  const problems = listDatasetProblems(raw);
  if (problems.length > 0) return { ok: false, problems };
  const pack = raw as Dataset;
  problems.push(...countProblems(pack));
  if (!options.builtIn && pack.pack.id === BUILT_IN_PACK_ID) problems.push(`pack.id: "${BUILT_IN_PACK_ID}" is the built-in notes' id; choose another`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, pack };
}
