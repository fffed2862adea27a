/**
 * The labelled evaluation (`npm run eval`, and the unit test that holds its
 * figures): reads every labelled article and sentence of a folder laid out
 * as `tests/eval/README.md` describes, runs the extension's reader and
 * matcher over them, and compares the marks with the labels. A mark counts
 * as a hit when it overlaps a label of its topic; a `data-maybe` label makes
 * a mark there neither a hit nor a false alarm.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Matcher } from '../../src/matching/index';
import { readDocument, type DocumentBlock } from '../../src/page/read-document';
import { parseSavedPage } from './saved-page';

/** One expected (or debatable) mention. */
interface Label {
  /** Where: a file and, for pages, the block's index. */
  where: string;
  block: number;
  start: number;
  end: number;
  text: string;
  topics: string[];
  maybe: boolean;
  context: string;
}

interface Mark {
  where: string;
  block: number;
  start: number;
  end: number;
  text: string;
  topic: string;
  context: string;
}

/** One miss or false alarm, for the report. */
export interface EvalItem {
  file: string;
  topic: string;
  text: string;
  context: string;
}

export interface TopicFigures {
  topic: string;
  hits: number;
  misses: number;
  falseAlarms: number;
  precision: number;
  recall: number;
}

export interface EvalReport {
  articles: number;
  offTopicArticles: number;
  sentences: number;
  labels: number;
  hits: number;
  misses: EvalItem[];
  falseAlarms: EvalItem[];
  precision: number;
  recall: number;
  byTopic: TopicFigures[];
  /** Off-topic articles that got a mark, with their marks. */
  offTopicMarked: Array<{ file: string; marks: string[] }>;
}

const LABEL_SELECTOR = '[data-expect], [data-maybe]';

function filesUnder(dir: string, extension: string): string[] {
  let found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(filesUnder(path, extension));
    else if (name.endsWith(extension)) found.push(path);
  }
  return found;
}

function clip(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 60);
  const to = Math.min(text.length, end + 60);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

/** Labels and marks of one page. */
function readArticle(file: string, html: string, matcher: Matcher): { labels: Label[]; marks: Mark[] } {
  const document = parseSavedPage(html);
  const blocks: DocumentBlock[] = readDocument(document.documentElement, matcher);
  const labels: Label[] = [];
  const marks: Mark[] = [];
  blocks.forEach((block, index) => {
    for (const mark of block.marks) {
      for (const topic of mark.topics) marks.push({ where: file, block: index, start: mark.start, end: mark.end, text: mark.text, topic, context: clip(block.text, mark.start, mark.end) });
    }
  });
  for (const element of document.querySelectorAll(LABEL_SELECTOR)) {
    const maybe = !element.hasAttribute('data-expect');
    const topics = (element.getAttribute(maybe ? 'data-maybe' : 'data-expect') ?? '').trim().split(/\s+/);
    const walker = document.createTreeWalker(element, 4);
    const nodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    const index = first ? blocks.findIndex((block) => block.blockText.offsetOf({ node: first, offset: 0 }) >= 0) : -1;
    if (index < 0 || !last) {
      // A label the reader does not see (hidden, in a skipped element) can be neither hit nor missed.
      continue;
    }
    const block = blocks[index]!;
    const start = block.blockText.offsetOf({ node: first!, offset: 0 });
    const end = block.blockText.offsetOf({ node: last, offset: last.data.length });
    labels.push({ where: file, block: index, start, end, text: block.text.slice(start, end), topics, maybe, context: clip(block.text, start, end) });
  }
  return { labels, marks };
}

/** Labels of one sentence line (`[text](topic)`, `[text](?topic)`) and the sentence's plain text. */
export function parseSentence(line: string): { text: string; labels: Array<{ start: number; end: number; topics: string[]; maybe: boolean }> } {
  let text = '';
  const labels: Array<{ start: number; end: number; topics: string[]; maybe: boolean }> = [];
  let last = 0;
  for (const match of line.matchAll(/\[([^\]]+)\]\(([^)]+)\)/g)) {
    text += line.slice(last, match.index);
    const start = text.length;
    text += match[1]!;
    const maybe = match[2]!.startsWith('?');
    labels.push({ start, end: text.length, topics: match[2]!.replace(/^\?/, '').trim().split(/\s+/), maybe });
    last = match.index + match[0].length;
  }
  text += line.slice(last);
  return { text, labels };
}

function readSentences(file: string, content: string, matcher: Matcher): { labels: Label[]; marks: Mark[]; count: number } {
  const labels: Label[] = [];
  const marks: Mark[] = [];
  let count = 0;
  content.split(/\r?\n/).forEach((line, lineIndex) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    count += 1;
    const where = `${file}:${lineIndex + 1}`;
    const parsed = parseSentence(line);
    for (const label of parsed.labels) labels.push({ where, block: 0, ...label, text: parsed.text.slice(label.start, label.end), context: parsed.text });
    for (const mention of matcher.find(parsed.text)) {
      marks.push({ where, block: 0, start: mention.start, end: mention.end, text: mention.text, topic: mention.topic, context: parsed.text });
    }
  });
  return { labels, marks, count };
}

function overlaps(a: { where: string; block: number; start: number; end: number }, b: { where: string; block: number; start: number; end: number }): boolean {
  return a.where === b.where && a.block === b.block && a.start < b.end && b.start < a.end;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

/** Runs the evaluation over `dir` (articles/**.html, sentences/*.txt). */
export function evaluate(dir: string, matcher: Matcher): EvalReport {
  const labels: Label[] = [];
  const marks: Mark[] = [];
  const offTopicMarked: EvalReport['offTopicMarked'] = [];
  let articles = 0;
  let offTopicArticles = 0;
  let sentences = 0;
  const articleDir = join(dir, 'articles');
  for (const file of statSafe(articleDir) ? filesUnder(articleDir, '.html') : []) {
    articles += 1;
    const name = relative(dir, file);
    const found = readArticle(name, readFileSync(file, 'utf8'), matcher);
    labels.push(...found.labels);
    marks.push(...found.marks);
    if (name.split(/[\\/]/).includes('off-topic')) {
      offTopicArticles += 1;
      const unlabelled = found.marks.filter((mark) => !found.labels.some((label) => label.maybe && overlaps(label, mark)));
      if (unlabelled.length > 0) offTopicMarked.push({ file: name, marks: unlabelled.map((mark) => `${mark.topic}: "${mark.text}"`) });
    }
  }
  const sentenceDir = join(dir, 'sentences');
  for (const file of statSafe(sentenceDir) ? filesUnder(sentenceDir, '.txt') : []) {
    const found = readSentences(relative(dir, file), readFileSync(file, 'utf8'), matcher);
    labels.push(...found.labels);
    marks.push(...found.marks);
    sentences += found.count;
  }

  const misses: EvalItem[] = [];
  const falseAlarms: EvalItem[] = [];
  const topics = new Map<string, { hits: number; misses: number; falseAlarms: number }>();
  const tally = (topic: string) => {
    let entry = topics.get(topic);
    if (!entry) topics.set(topic, (entry = { hits: 0, misses: 0, falseAlarms: 0 }));
    return entry;
  };
  let hits = 0;
  let expected = 0;
  for (const label of labels) {
    if (label.maybe) continue;
    for (const topic of label.topics) {
      expected += 1;
      if (marks.some((mark) => mark.topic === topic && overlaps(label, mark))) {
        hits += 1;
        tally(topic).hits += 1;
      } else {
        tally(topic).misses += 1;
        misses.push({ file: label.where, topic, text: label.text, context: label.context });
      }
    }
  }
  let counted = 0;
  for (const mark of marks) {
    const labelled = labels.filter((label) => label.topics.includes(mark.topic) && overlaps(label, mark));
    if (labelled.some((label) => label.maybe) && !labelled.some((label) => !label.maybe)) continue;
    counted += 1;
    if (labelled.length > 0) continue;
    tally(mark.topic).falseAlarms += 1;
    falseAlarms.push({ file: mark.where, topic: mark.topic, text: mark.text, context: mark.context });
  }
  const byTopic = [...topics.entries()]
    .map(([topic, entry]) => ({
      topic,
      ...entry,
      precision: ratio(entry.hits, entry.hits + entry.falseAlarms),
      recall: ratio(entry.hits, entry.hits + entry.misses),
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic));
  return {
    articles,
    offTopicArticles,
    sentences,
    labels: expected,
    hits,
    misses,
    falseAlarms,
    precision: ratio(counted - falseAlarms.length, counted),
    recall: ratio(hits, expected),
    byTopic,
    offTopicMarked,
  };
}

function statSafe(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The report as text: figures overall and per topic, then every miss and false alarm. */
export function formatEvalReport(report: EvalReport, source: string): string {
  const lines = [
    `Evaluation of ${source}: ${report.articles} articles (${report.offTopicArticles} off-topic), ${report.sentences} sentences, ${report.labels} expected mentions.`,
    `Precision ${percent(report.precision)}  Recall ${percent(report.recall)}  (${report.hits} hits, ${report.misses.length} misses, ${report.falseAlarms.length} false alarms)`,
    `Off-topic articles with a mark: ${report.offTopicMarked.length}`,
    '',
    'Topic                                  precision  recall   hits  misses  false alarms',
    ...report.byTopic.map(
      (row) =>
        `${row.topic.padEnd(38)} ${percent(row.precision).padStart(9)} ${percent(row.recall).padStart(7)} ${String(row.hits).padStart(6)} ${String(row.misses).padStart(7)} ${String(row.falseAlarms).padStart(13)}`,
    ),
  ];
  if (report.offTopicMarked.length > 0) {
    lines.push('', 'Off-topic articles with marks:');
    for (const entry of report.offTopicMarked) lines.push(`  ${entry.file}: ${entry.marks.join('; ')}`);
  }
  lines.push('', `Misses (${report.misses.length}):`);
  for (const item of report.misses) lines.push(`  ${item.file}  ${item.topic}: "${item.text}"  | ${item.context}`);
  lines.push('', `False alarms (${report.falseAlarms.length}):`);
  for (const item of report.falseAlarms) lines.push(`  ${item.file}  ${item.topic}: "${item.text}"  | ${item.context}`);
  return lines.join('\n');
}


