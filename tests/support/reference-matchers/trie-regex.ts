/**
 * Strategy: the terms merged into a trie and written out as one regex, so a
 * shared prefix ("mutual defense ...", "U.S.-Israel ...") is tested once and
 * each position is rejected after its first character or two.
 */
import { isCasedLetter, type TermEntry } from '@/src/matching/terms';
import {
  charSource,
  DIGIT_START_GUARD,
  endingSource,
  SEPARATOR_SOURCE,
  startsWithDigit,
  WORD_START_GUARD,
} from './term-pattern';
import { regexSpanFinder } from './regex-spans';
import type { StrategyCompiler } from './span-finder';

interface TrieNode {
  /** The source that leads into this node from its parent. */
  source: string;
  /** The first character of the terms through this node (for the root's children). */
  firstChar: string;
  children: Map<string, TrieNode>;
  /** Ending source when a term ends here. */
  ending: string | undefined;
}

function newNode(source: string, firstChar: string): TrieNode {
  return { source, firstChar, children: new Map(), ending: undefined };
}

/** Trie keys: letters keyed by case mode so "MDT" and "mdt" differ only where their patterns differ. */
function unitKey(char: string, caseSensitive: boolean): string {
  if (!isCasedLetter(char)) return `=${char}`;
  return caseSensitive ? `=${char}` : `~${char.toLowerCase()}`;
}

function buildTrie(entries: readonly TermEntry[], guardDigits: boolean): TrieNode {
  const root = newNode('', '');
  for (const entry of entries) {
    let node = root;
    entry.words.forEach((word, wordIndex) => {
      const units = Array.from(word, (char) => [unitKey(char, entry.caseSensitive), charSource(char, entry.caseSensitive)]);
      if (wordIndex > 0) units.unshift([' ', SEPARATOR_SOURCE]);
      for (const [key, source] of units as Array<[string, string]>) {
        let child = node.children.get(key);
        if (!child) {
          const guard = node === root && guardDigits && startsWithDigit(entry) ? DIGIT_START_GUARD : '';
          child = newNode(guard + source, entry.exact[0]!);
          node.children.set(key, child);
        }
        node = child;
      }
    });
    node.ending ??= endingSource(entry);
  }
  return root;
}

function writeNode(node: TrieNode): string {
  // Longer terms first: a term ending here is the fallback when no longer one fits.
  const alternatives = [...node.children.values()].map((child) => child.source + writeNode(child));
  if (node.ending !== undefined) alternatives.push(node.ending);
  return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
}

/**
 * The root with ASCII `\b` in front of terms that start with an ASCII letter or
 * digit. `\b` is far cheaper than a Unicode lookbehind and lets through every
 * true word start (and a few false ones, after "é" say), so the exact check is
 * left to code. Terms starting with any other character go unfiltered.
 */
function writeRootWithPrefilter(root: TrieNode): string {
  const prefiltered: string[] = [];
  const unfiltered: string[] = [];
  for (const child of root.children.values()) {
    (/^[A-Za-z0-9]$/.test(child.firstChar) ? prefiltered : unfiltered).push(child.source + writeNode(child));
  }
  if (prefiltered.length > 0) unfiltered.unshift(`\\b(?:${prefiltered.join('|')})`);
  return `(?:${unfiltered.join('|')})`;
}

/** Compiles the entries into one trie-shaped regex with its word-start guard in the pattern. */
export const compileTrieRegex: StrategyCompiler = (entries) =>
  regexSpanFinder(new RegExp(WORD_START_GUARD + writeNode(buildTrie(entries, true)), 'gu'), entries, false);

/** The same trie behind a `\b` prefilter, the word start checked in code. */
export const compileTrieRegexPrefilter: StrategyCompiler = (entries) =>
  regexSpanFinder(new RegExp(writeRootWithPrefilter(buildTrie(entries, false)), 'gu'), entries, true);
