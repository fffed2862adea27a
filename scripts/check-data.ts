/**
 * Checks the bundled policy notes the way the build does, and says more:
 *
 *   npx tsx scripts/check-data.ts [--data FILE.json] [--min-words N]
 *
 * Prints every problem `listDatasetProblems` finds, a table of terms, context
 * rules and findings per topic, and any passage of 12 (or N) words a finding or
 * summary shares with the source texts in `../shared/seeds` (skipped with a
 * message when that folder is absent). Exits 1 when the data is invalid or
 * copies a source.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findCopiedPassages, listDatasetProblems } from '../src/data/validate';
import type { Dataset } from '../src/data/schema';
import { NOTES_FILE, SHARED_SEEDS_DIR } from './lib/paths';

const DEFAULT_DATA = NOTES_FILE;
const SEEDS = SHARED_SEEDS_DIR;

const { values: args } = parseArgs({ options: { data: { type: 'string' }, 'min-words': { type: 'string' } } });
const dataPath = resolve(args.data ?? DEFAULT_DATA);
const minWords = Math.max(4, Number(args['min-words']) || 12);
const raw: unknown = JSON.parse(readFileSync(dataPath, 'utf8'));

const problems = listDatasetProblems(raw);
if (problems.length > 0) {
  console.error(`${dataPath} is invalid:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
const data = raw as Dataset;

console.log(
  `${data.reports.length} reports, ${data.contexts.length} context rules, ${data.topics.length} topics, ` +
    `${data.topics.reduce((sum, topic) => sum + topic.terms.length, 0)} terms, ${data.findings.length} findings\n`,
);
console.table(
  data.topics.map((topic) => ({
    topic: topic.id,
    terms: topic.terms.length,
    'with context': topic.terms.filter((term) => term.context !== undefined).length,
    findings: data.findings.filter((finding) => finding.topics.includes(topic.id)).length,
    'main topic of': data.findings.filter((finding) => finding.topics[0] === topic.id).length,
  })),
);
console.table(
  data.reports.map((report) => ({
    report: report.id,
    date: report.date,
    findings: data.findings.filter((finding) => finding.citation.report === report.id).length,
  })),
);

let copiedAny = false;
if (!existsSync(SEEDS)) {
  console.log(`Skipping the copied-passage check: ${SEEDS} is absent.`);
} else {
  const sources = readdirSync(SEEDS)
    .filter((name) => /\.(?:txt|md)$/.test(name))
    .map((name) => ({ name, text: readFileSync(join(SEEDS, name), 'utf8') }));
  const copied = findCopiedPassages(data, sources, minWords);
  copiedAny = copied.length > 0;
  if (copiedAny) {
    console.error(`Passages of ${minWords}+ words copied from the sources:`);
    for (const passage of copied) console.error(`  - ${passage.entry} (${passage.source}): "${passage.words}"`);
  } else {
    console.log(`No finding or summary shares ${minWords} words in a row with ${sources.map((source) => source.name).join(', ')}.`);
  }
}
process.exit(copiedAny ? 1 : 0);
