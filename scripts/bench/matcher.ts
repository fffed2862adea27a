/**
 * Compares the matching strategies on the text of real news pages:
 *
 *   npx tsx scripts/bench/matcher.ts [--runs N] [--data DATASET.json]
 *
 * Reads `../shared/corpus/news-pages/*.html` (skips with a message when the
 * folder is absent) and extracts each page's blocks with the scan's HTML
 * reader. Each strategy is then measured in a process of its own, because V8's
 * type feedback from one strategy's run would slow the next one down; a
 * page's content script only ever holds one. In that process one full pass
 * over every block is timed for the strategy and for two baselines (reading
 * every character; a trivial regex scan), taking turns, and the medians over N
 * runs (default 9, at least 7) are printed with the ratio to the char loop.
 * Also printed: the cold start (compiling the matcher and finding in the first
 * 100 blocks, which is when a regex is really compiled), and the blocks where
 * a strategy disagrees with the default, on the pages and on a sentence per
 * term (news pages rarely name these topics). `--data` swaps the bundled notes
 * for another file with `topics` and `contexts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dataset as bundledDataset } from '../../src/data/index';
import { matcherSourceOf } from '../../src/data/matcher-source';
import type { Dataset } from '../../src/data/schema';
import { compileMatcherTables, loadMatcher, shipMatcher, type ShippedMatcher } from '../../src/matching/index';
import { compileTerms, type TermEntry } from '../../src/matching/terms';
import { MATCH_STRATEGIES, type MatchStrategy, type SpanFinder } from '../../tests/support/reference-matchers/index';
import { htmlBlocks } from '../lib/html-text';
import { SHARED_CORPUS_DIR } from '../lib/paths';

const CORPUS = SHARED_CORPUS_DIR;
/** The strategy the extension ships; the others are references. */
const SHIPPED: MatchStrategy = 'automaton';
const { values: args } = parseArgs({
  options: { runs: { type: 'string' }, data: { type: 'string' }, worker: { type: 'string' } },
});
const RUNS = Math.max(7, Number(args.runs) || 9);
const dataset: Dataset = args.data ? (JSON.parse(readFileSync(args.data, 'utf8')) as Dataset) : bundledDataset;
const entries: TermEntry[] = compileTerms(dataset.topics);

/** What a worker process reports about its one strategy. */
interface StrategyResult {
  charLoopMs: number;
  regexScanMs: number;
  findMs: number;
  coldMs: number;
  /** Mentions as JSON, by index of the checked block, for blocks that have any. */
  mentions: Record<number, string>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** CPU time of one call in ms: the machines this runs on are shared, and time spent descheduled is not ours. */
function cpuMs(pass: () => unknown): number {
  const started = process.cpuUsage();
  pass();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/**
 * Median CPU time of each pass. The passes take turns, run after run, so a
 * busy spell on the machine lands on all of them alike; two untimed rounds
 * first let the JIT see the code.
 */
function timeInTurns(passes: Array<() => unknown>): number[] {
  for (let round = 0; round < 2; round++) for (const pass of passes) pass();
  const samples = passes.map((): number[] => []);
  for (let run = 0; run < RUNS; run++) passes.forEach((pass, index) => samples[index]!.push(cpuMs(pass)));
  return samples.map(median);
}

function pageBlocks(): string[] {
  const files = readdirSync(CORPUS).filter((name) => /\.html?$/i.test(name));
  // The round trip flattens the strings built by concatenating text nodes: V8 reads
  // rope strings char by char far slower, and a page's text nodes arrive flat.
  return JSON.parse(JSON.stringify(files.flatMap((name) => htmlBlocks(readFileSync(join(CORPUS, name), 'utf8'))))) as string[];
}

/** One block per term: the term in a sentence. */
function termBlocks(): string[] {
  return entries.map((entry) => `On ${entry.term}’s side, nothing was said.`);
}

/** The spans a finder reports in a block, as comparable text. */
function spansOf(finder: SpanFinder, block: string): string {
  const spans: string[] = [];
  finder(block, (start, end, named) => spans.push(`${start}:${end}:${named.map((entry) => `${entry.topic}/${entry.term}`).join(',')}`));
  return spans.join(' ');
}

// Results go through a sink the optimizer cannot see through, so no pass is dead code.
let sink = 0;

function measure(strategy: MatchStrategy): StrategyResult {
  const blocks = pageBlocks();
  let finder: SpanFinder | undefined;
  // Cold start, in a fresh process: a regex is really compiled on its first use.
  const coldMs = cpuMs(() => {
    finder = MATCH_STRATEGIES[strategy](entries);
    for (const block of blocks.slice(0, 100)) spansOf(finder, block);
  });
  const trivialRegex = /x/g;
  const [charLoopMs, regexScanMs, findMs] = timeInTurns([
    () => {
      let total = 0;
      for (const block of blocks) for (let i = 0; i < block.length; i++) total += block.charCodeAt(i);
      sink += total;
    },
    () => {
      for (const block of blocks) {
        trivialRegex.lastIndex = 0;
        while (trivialRegex.exec(block) !== null) sink++;
      }
    },
    () => {
      let total = 0;
      for (const block of blocks) finder!(block, () => (total += 1));
      sink += total;
    },
  ]);
  const mentions: Record<number, string> = {};
  [...blocks, ...termBlocks()].forEach((block, index) => {
    const found = spansOf(finder!, block);
    if (found.length > 0) mentions[index] = found;
  });
  return { charLoopMs: charLoopMs!, regexScanMs: regexScanMs!, findMs: findMs!, coldMs, mentions };
}

function runWorker(strategy: MatchStrategy): StrategyResult {
  const script = fileURLToPath(import.meta.url);
  const forwarded = [...(args.runs ? ['--runs', args.runs] : []), ...(args.data ? ['--data', args.data] : [])];
  // execArgv carries tsx's loader, so the worker runs this same TypeScript file.
  const worker = spawnSync(process.execPath, [...process.execArgv, script, '--worker', strategy, ...forwarded], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (worker.status !== 0) throw new Error(`bench matcher: the ${strategy} worker failed:\n${worker.stderr}`);
  return JSON.parse(worker.stdout) as StrategyResult;
}

function differingBlocks(a: Record<number, string>, b: Record<number, string>): number {
  const indexes = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...indexes].filter((index) => a[Number(index)] !== b[Number(index)]).length;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/**
 * What it takes to get a matcher: building it from the notes (what the
 * content script did before tables shipped), against loading the shipped
 * tables (JSON.parse, base64 to bytes, a view per array). Warm, in Node: the
 * page-cost section measures what a cold page pays.
 */
function measureLoading(blocks: string[]): void {
  const source = matcherSourceOf(dataset);
  const shipped = shipMatcher(compileMatcherTables(source));
  const json = JSON.stringify(shipped);
  const [compileMs, loadMs] = timeInTurns([
    () => (sink += compileMatcherTables(source).factCount),
    () => (sink += loadMatcher(JSON.parse(json) as ShippedMatcher).factCount),
  ]);
  const loaded = loadMatcher(JSON.parse(json) as ShippedMatcher);
  const [scanMs] = timeInTurns([
    () => {
      for (const block of blocks) sink += loaded.scan(block).mentions.length;
    },
  ]);
  console.log('');
  printTable(
    ['getting a matcher', 'ms (median CPU)', 'bytes'],
    [
      ['compile from the notes', compileMs!.toFixed(2), '—'],
      ['load the shipped tables', loadMs!.toFixed(2), String(json.length)],
    ],
  );
  console.log(`Full matcher (terms, rules, article facts) over every page block: ${scanMs!.toFixed(1)} ms.`);
}

function main(): void {
  if (!existsSync(CORPUS)) {
    console.log(`bench matcher: skipped, no corpus at ${CORPUS}`);
    return;
  }
  if (args.worker !== undefined) {
    process.stdout.write(JSON.stringify(measure(args.worker as MatchStrategy)));
    if (sink === -1) process.stderr.write('\n');
    return;
  }
  const blocks = pageBlocks();
  const chars = blocks.reduce((total, block) => total + block.length, 0);
  const termCount = dataset.topics.reduce((total, topic) => total + topic.terms.length, 0);
  console.log(
    `${readdirSync(CORPUS).length} pages, ${blocks.length} blocks, ${(chars / 1e6).toFixed(2)} M chars; ` +
      `${dataset.topics.length} topics, ${termCount} terms, ${dataset.contexts.length} context rules; ` +
      `median CPU time of ${RUNS} runs, each strategy in its own process`,
  );
  const names = Object.keys(MATCH_STRATEGIES) as MatchStrategy[];
  const defaultName = SHIPPED;
  const results = new Map(names.map((name) => [name, runWorker(name)]));
  const reference = results.get(defaultName)!;
  const rows = names.map((name) => {
    const result = results.get(name)!;
    return [
      name === defaultName ? `${name} (shipped)` : name,
      result.findMs.toFixed(1),
      result.charLoopMs.toFixed(1),
      (result.findMs / result.charLoopMs).toFixed(2),
      (result.regexScanMs / result.charLoopMs).toFixed(2),
      result.coldMs.toFixed(1),
      String(differingBlocks(result.mentions, reference.mentions)),
    ];
  });
  printTable(['strategy', 'find ms', 'char loop ms', 'find ÷ loop', '/x/ ÷ loop', 'cold start ms', 'blocks differing'], rows);
  const spanCount = Object.values(reference.mentions).reduce((total, spans) => total + spans.split(' ').length, 0);
  console.log(`(${spanCount} term spans with the shipped automaton in the ${blocks.length} page blocks and ${termCount} term sentences)`);
  measureLoading(blocks);
}

main();
