/**
 * Reads a span found by a regex strategy back to the entries it names: the
 * regex strategies find spans, not terms.
 */
import { canonicalSpan, type TermEntry } from '@/src/matching/terms';
import { foldText } from '@/src/matching/characters';

/** Looks up which entries a span found by a regex strategy names. */
export class TermIndex {
  private readonly byKey = new Map<string, TermEntry[]>();

  constructor(entries: readonly TermEntry[]) {
    for (const entry of entries) {
      const list = this.byKey.get(entry.key);
      if (list) list.push(entry);
      else this.byKey.set(entry.key, [entry]);
    }
  }

  /**
   * The entries `text[start, end)` reads as: the longest term the span spells
   * once plural and possessive endings are taken off, case-sensitive entries
   * only when the case fits. Empty when none fits.
   */
  read(text: string, start: number, end: number): TermEntry[] {
    const spelled = canonicalSpan(text, start, end);
    const lower = foldText(spelled);
    const withoutPossessive = /'s$/i.test(lower) ? lower.length - 2 : lower.length;
    const lengths = [lower.length, withoutPossessive];
    if (lower.endsWith('s', withoutPossessive)) lengths.push(withoutPossessive - 1);
    if (lower.endsWith('es', withoutPossessive)) lengths.push(withoutPossessive - 2);
    for (const length of lengths) {
      const candidates = this.byKey.get(lower.slice(0, length));
      if (!candidates) continue;
      const plural = length < withoutPossessive;
      const fitting = candidates.filter(
        (entry) =>
          (!plural || entry.takesPlural) &&
          (!entry.caseSensitive || (spelled.startsWith(entry.exact) && (!plural || isLowerPlural(spelled, length, withoutPossessive)))),
      );
      if (fitting.length > 0) return fitting;
    }
    return [];
  }
}

function isLowerPlural(spelled: string, from: number, to: number): boolean {
  return spelled.slice(from, to) === spelled.slice(from, to).toLowerCase();
}
