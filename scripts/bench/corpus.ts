/**
 * The pages the benchmark runs over: every `.html` file of a corpus folder
 * in name order (made inert by `sanitizeHtml`), or, when no folder is given
 * and the shared corpus is absent, a small generated set.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dataset } from '../../src/data/index';
import { SHARED_CORPUS_DIR } from '../lib/paths';
import { generateCorpus } from './generated-corpus';
import { sanitizeHtml } from './sanitize';

/** The shared corpus of saved news pages, beside the repository. */
export const DEFAULT_CORPUS_DIR = SHARED_CORPUS_DIR;

/** One page to benchmark. */
export interface CorpusPage {
  name: string;
  /** Inert HTML, ready to serve. */
  html: string;
}

/** Where the pages came from, for the report. */
export interface Corpus {
  /** The folder read, or a description of the generated set. */
  source: string;
  generated: boolean;
  pages: CorpusPage[];
}

/**
 * Loads `dir` (must exist when given), else the shared corpus if present,
 * else (or when `generated` is asked for) the generated set; `limit` keeps
 * the first pages only.
 */
export function loadCorpus(dir: string | undefined, limit?: number, generated = false): Corpus {
  const folder = generated ? undefined : (dir ?? (existsSync(DEFAULT_CORPUS_DIR) ? DEFAULT_CORPUS_DIR : undefined));
  if (folder === undefined) {
    const pages = generateCorpus(dataset.topics.flatMap((topic) => topic.terms.map((term) => term.text)));
    const why = generated ? 'asked for with --generated' : 'no corpus at ../shared/corpus/news-pages';
    return { source: `generated pages (${why})`, generated: true, pages: pages.slice(0, limit) };
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`Corpus folder not found: ${folder}`);
  const names = readdirSync(folder)
    .filter((name) => /\.html?$/i.test(name))
    .sort((a, b) => a.localeCompare(b, 'en'))
    .slice(0, limit);
  if (names.length === 0) throw new Error(`No .html files in ${folder}`);
  return {
    source: folder,
    generated: false,
    pages: names.map((name) => ({ name, html: sanitizeHtml(readFileSync(join(folder, name), 'utf8')) })),
  };
}

/**
 * `wanted` indices out of `count`, spread evenly from first to last (all of
 * them when `wanted` is undefined or not less than `count`): a sample of the
 * corpus for the slow mark.js run that is not just its first pages.
 */
export function evenlySpread(count: number, wanted: number | undefined): Set<number> {
  if (wanted === undefined || wanted >= count) return new Set(Array.from({ length: count }, (_, index) => index));
  if (wanted <= 0) return new Set();
  if (wanted === 1) return new Set([0]);
  return new Set(Array.from({ length: wanted }, (_, step) => Math.round((step * (count - 1)) / (wanted - 1))));
}
