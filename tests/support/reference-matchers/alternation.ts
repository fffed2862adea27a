/**
 * Strategy: one alternation of every term's pattern, longest first. The
 * simplest shape; the regex engine tries the alternatives one by one at every
 * position where a word may start.
 */
import { alternationSource } from './term-pattern';
import { regexSpanFinder } from './regex-spans';
import type { StrategyCompiler } from './span-finder';

/** Compiles the entries into one longest-first alternation. */
export const compileAlternation: StrategyCompiler = (entries) =>
  regexSpanFinder(new RegExp(alternationSource(entries), 'gu'), entries, false);
