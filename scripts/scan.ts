/**
 * `npm run scan -- FILE...`: runs the extension's page reader and matcher over
 * saved files and prints one JSON line per file, nothing else, on stdout:
 *
 *   {"file":"page.html","mentions":[{"topic":"…","term":"…","text":"…","start":0,"end":5}]}
 *
 * `.html`/`.htm` files are read as pages, with the same code the content
 * script runs (`src/page/read-document.ts`): the same blocks, the same article
 * context (the nearest article/main element, the title and main heading). The
 * offsets point into the page's text, its blocks joined by "\n\n". Any other
 * file is plain text: paragraphs are split on blank lines and the file is one
 * article; offsets point into the file's text. Unreadable files are reported
 * on stderr and make the exit code 1; the other files are still scanned. Use
 * `npm run -s scan` to keep npm's own banner off stdout.
 * `--pack PACK.json` matches a note pack's terms instead of the bundled notes
 * (checked first, as an import would be); `--data NOTES.json` another notes
 * file taken as it is.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { matchArticle, type Matcher, type Mention } from '../src/matching/index';
import { readDocument } from '../src/page/read-document';
import { matcherFromOptions } from './lib/notes-file';
import { parseSavedPage } from './lib/saved-page';

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

/** The mentions of a saved page, one per topic of each mark, at offsets into its blocks joined by "\n\n". */
export function scanPage(matcher: Matcher, html: string): Mention[] {
  const document = parseSavedPage(html);
  const mentions: Mention[] = [];
  let offset = 0;
  for (const block of readDocument(document.documentElement, matcher)) {
    for (const mark of block.marks) {
      for (const topic of mark.topics) {
        mentions.push({ topic, term: mark.term, text: mark.text, start: offset + mark.start, end: offset + mark.end });
      }
    }
    offset += block.text.length + 2;
  }
  // A block's own text can follow the blocks nested in it: sort by place in the joined text.
  return mentions.sort((a, b) => a.start - b.start);
}

function scanText(matcher: Matcher, content: string): Mention[] {
  const blocks = paragraphs(content);
  return matchArticle(
    matcher,
    blocks.map((block) => block.text),
  ).flatMap((found, index) => found.map((mention) => ({ ...mention, start: blocks[index]!.start + mention.start, end: blocks[index]!.start + mention.end })));
}

const USAGE = 'usage: npm run -s scan -- [--pack PACK.json | --data NOTES.json] FILE...\n';

function main(args: string[]): number {
  let files: string[];
  let dataFile: string | undefined;
  let packFile: string | undefined;
  try {
    const parsed = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, pack: { type: 'string' } } });
    files = parsed.positionals;
    dataFile = parsed.values.data;
    packFile = parsed.values.pack;
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
    matcher = matcherFromOptions({ pack: packFile, data: dataFile });
  } catch (error) {
    const file = packFile ?? dataFile;
    process.stderr.write(`scan: cannot use the notes${file ? ` in ${file}` : ''}: ${(error as Error).message}\n`);
    return 2;
  }
  let exitCode = 0;
  for (const file of files) {
    try {
      const content = readFileSync(file, 'utf8');
      const mentions = /^\.html?$/i.test(extname(file)) ? scanPage(matcher, content) : scanText(matcher, content);
      process.stdout.write(`${JSON.stringify({ file, mentions })}\n`);
    } catch (error) {
      process.stderr.write(`scan: ${file}: ${(error as Error).message}\n`);
      exitCode = 1;
    }
  }
  return exitCode;
}

if (process.argv[1] && /scan\.[jt]s$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));
