/**
 * `npm run scan -- FILE...`: runs the extension's matcher over saved files and
 * prints one JSON line per file, nothing else, on stdout:
 *
 *   {"file":"page.html","mentions":[{"topic":"…","term":"…","text":"…","start":0,"end":5}]}
 *
 * `.html`/`.htm` files are read as pages (see `scripts/lib/html-text.ts`): the
 * offsets point into the page's extracted text, its blocks joined by "\n\n".
 * Any other file is plain text: paragraphs are split on blank lines, context
 * rules look within one paragraph, and offsets point into the file's text.
 * Unreadable files are reported on stderr and make the exit code 1; the other
 * files are still scanned. Use `npm run -s scan` to keep npm's own banner off stdout.
 * `--data DATASET.json` matches another file's `topics` and `contexts` instead
 * of the bundled notes (the scan tests use a fixed one).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { dataset as bundledDataset } from '../src/data/index';
import type { Dataset } from '../src/data/schema';
import { compileMatcher, type Matcher, type Mention } from '../src/matching/index';
import { htmlBlocks } from './lib/html-text';

interface Block {
  text: string;
  /** Offset of the block in the text the file's offsets refer to. */
  start: number;
}

/** Plain text split on blank lines (lines holding only spaces count as blank). */
function paragraphs(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (const gap of text.matchAll(/(?:\r?\n[^\S\r\n]*){2,}/g)) {
    blocks.push({ text: text.slice(start, gap.index), start });
    start = gap.index + gap[0].length;
  }
  blocks.push({ text: text.slice(start), start });
  return blocks;
}

/** The page's blocks at their offsets in the blocks joined by "\n\n". */
function pageBlocks(html: string): Block[] {
  let start = 0;
  return htmlBlocks(html).map((text) => {
    const block = { text, start };
    start += text.length + 2;
    return block;
  });
}

function scanFile(matcher: Matcher, file: string): Mention[] {
  const content = readFileSync(file, 'utf8');
  const isPage = /^\.html?$/i.test(extname(file));
  const blocks = isPage ? pageBlocks(content) : paragraphs(content);
  return blocks.flatMap((block) =>
    matcher.find(block.text).map(({ topic, term, text, start, end }) => ({
      topic,
      term,
      text,
      start: block.start + start,
      end: block.start + end,
    })),
  );
}

const USAGE = 'usage: npm run -s scan -- [--data DATASET.json] FILE...\n';

function main(args: string[]): number {
  let files: string[];
  let dataFile: string | undefined;
  try {
    const parsed = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' } } });
    files = parsed.positionals;
    dataFile = parsed.values.data;
  } catch (error) {
    process.stderr.write(`scan: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  let matcher: Matcher;
  try {
    const data = dataFile ? (JSON.parse(readFileSync(dataFile, 'utf8')) as Dataset) : bundledDataset;
    matcher = compileMatcher(data);
  } catch (error) {
    process.stderr.write(`scan: cannot use the data${dataFile ? ` in ${dataFile}` : ''}: ${(error as Error).message}\n`);
    return 2;
  }
  let exitCode = 0;
  for (const file of files) {
    try {
      process.stdout.write(`${JSON.stringify({ file, mentions: scanFile(matcher, file) })}\n`);
    } catch (error) {
      process.stderr.write(`scan: ${file}: ${(error as Error).message}\n`);
      exitCode = 1;
    }
  }
  return exitCode;
}

process.exitCode = main(process.argv.slice(2));
