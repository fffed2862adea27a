/**
 * Context rules: when an ambiguous term ("MDT", "10/7", "7 October") may be
 * trusted. Rules are data; each is compiled once, and its words are looked for
 * in a block only when a term that needs the rule has matched there.
 */
import type { ContextRule } from '../data/schema';
import type { SpanFinder, StrategyCompiler } from './strategies/span-finder';
import { termEntry } from './terms';

/** How much text around a match the reject patterns see. */
const REJECT_WINDOW = 40;

interface CompiledRule {
  /** Finds the rule's words and phrases: whole words, any case, as tolerant as terms. */
  vouch: SpanFinder;
  rejectBefore: RegExp | undefined;
  rejectAfter: RegExp | undefined;
}

function compilePattern(rule: ContextRule, field: 'rejectBefore' | 'rejectAfter'): RegExp | undefined {
  const source = rule[field];
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, 'iu');
  } catch (error) {
    throw new Error(`Context rule "${rule.id}": ${field} is not a valid regular expression`, { cause: error });
  }
}

/** The compiled rules, by id. */
export type ContextRules = ReadonlyMap<string, CompiledRule>;

/** Compiles every rule once, its words with the same strategy as the terms. */
export function compileContextRules(rules: readonly ContextRule[], strategy: StrategyCompiler): ContextRules {
  return new Map(
    rules.map((rule) => [
      rule.id,
      {
        vouch: strategy(rule.anyOf.map((phrase) => termEntry(rule.id, phrase, false))),
        rejectBefore: compilePattern(rule, 'rejectBefore'),
        rejectAfter: compilePattern(rule, 'rejectAfter'),
      },
    ]),
  );
}

/** Judges matches in one block; remembers where each rule's words are so a block is searched once per rule. */
export class BlockContext {
  private readonly vouchSpans = new Map<string, Array<[number, number]>>();

  constructor(
    private readonly rules: ContextRules,
    private readonly text: string,
  ) {}

  /**
   * Whether the rule trusts the match at `[start, end)`: one of its words
   * occurs in the block outside the match itself, and neither reject pattern
   * fits the text right before or after the match.
   */
  trusts(ruleId: string, start: number, end: number): boolean {
    const rule = this.rules.get(ruleId);
    if (!rule) return false;
    if (rule.rejectBefore?.test(this.text.slice(Math.max(0, start - REJECT_WINDOW), start))) return false;
    if (rule.rejectAfter?.test(this.text.slice(end, end + REJECT_WINDOW))) return false;
    return this.spansOf(ruleId, rule).some(([from, to]) => from < start || to > end);
  }

  private spansOf(ruleId: string, rule: CompiledRule): Array<[number, number]> {
    let spans = this.vouchSpans.get(ruleId);
    if (!spans) {
      const found: Array<[number, number]> = [];
      rule.vouch(this.text, (start, end) => found.push([start, end]));
      spans = found;
      this.vouchSpans.set(ruleId, spans);
    }
    return spans;
  }
}
