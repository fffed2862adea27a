/**
 * The automaton's flat tables: the breadth-first trie keeps its promises
 * (children in runs, letters sorted, depths never falling, phrase ends
 * ascending), and the scanning DFA filled in row by row on demand comes out
 * the same whatever order a scan reaches its rows in.
 */
import { describe, expect, it } from 'vitest';
import { dataset, matcherSourceOf } from '@/src/data/index';
import { lazyScanner, narrowArray, type AutomatonTables } from '@/src/matching/automaton';
import { Alphabet } from '@/src/matching/automaton';
import { compileMatcherTables } from '@/src/matching/index';
import { seededSpread } from './support';

const tables = compileMatcherTables(matcherSourceOf(dataset));
const alphabet = new Alphabet(tables.letters);
const automata: Array<[string, AutomatonTables]> = [
  ['main', tables.main],
  ['near', tables.near],
];

describe.each(automata)('the %s automaton of the bundled notes', (_name, automaton) => {
  const nodes = automaton.letterOf.length;

  it('numbers its trie breadth first: each node’s children are one run, in letter order', () => {
    expect(automaton.childStart).toHaveLength(nodes + 1);
    expect(automaton.childStart[0]).toBe(1);
    expect(automaton.childStart[nodes]).toBe(nodes);
    for (let node = 0; node < nodes; node++) {
      const [from, to] = [automaton.childStart[node]!, automaton.childStart[node + 1]!];
      expect(to).toBeGreaterThanOrEqual(from);
      for (let child = from + 1; child < to; child++) expect(automaton.letterOf[child]!).toBeGreaterThan(automaton.letterOf[child - 1]!);
      if (from < to) expect(from).toBeGreaterThan(node);
    }
    // Depths only grow, so `depthStart` brackets every node.
    expect(automaton.depthStart[0]).toBe(0);
    expect(automaton.depthStart.at(-1)).toBe(nodes);
    for (let depth = 1; depth < automaton.depthStart.length; depth++) expect(automaton.depthStart[depth]!).toBeGreaterThan(automaton.depthStart[depth - 1]!);
  });

  it('lists the nodes where phrases end in ascending order, every phrase once', () => {
    for (let k = 1; k < automaton.endNodes.length; k++) expect(automaton.endNodes[k]!).toBeGreaterThan(automaton.endNodes[k - 1]!);
    expect(automaton.endStart).toHaveLength(automaton.endNodes.length + 1);
    expect([...automaton.phraseIndex].sort((a, b) => a - b)).toEqual(Array.from({ length: automaton.phraseIndex.length }, (_, index) => index));
  });

  it('ships arrays as narrow as their values (the bundled notes fit in 16 bits)', () => {
    for (const array of [automaton.childStart, automaton.letterOf, automaton.endNodes, automaton.phraseIndex, automaton.failOf, automaton.overrideTarget]) {
      expect(array.BYTES_PER_ELEMENT).toBeLessThanOrEqual(2);
    }
  });

  it('fills in the same DFA whatever order its rows are first reached in', () => {
    const states = automaton.overrideStart.length - 1;
    const ascending = lazyScanner(automaton, alphabet);
    for (let state = 1; state < states; state++) ascending.fillRow(state);
    const descending = lazyScanner(automaton, alphabet);
    for (let state = states - 1; state >= 1; state--) descending.fillRow(state);
    const shuffled = lazyScanner(automaton, alphabet);
    const random = seededSpread(7);
    for (let round = 0; round < states * 2; round++) shuffled.fillRow(1 + random(states - 1));
    for (let state = 1; state < states; state++) shuffled.fillRow(state);
    expect(descending.delta).toEqual(ascending.delta);
    expect(shuffled.delta).toEqual(ascending.delta);
    // Every filled row leads somewhere: 0 (not filled) is left only in row 0, which is no state.
    expect(ascending.delta.subarray(alphabet.classCount).includes(0)).toBe(false);
    expect(ascending.delta.subarray(0, alphabet.classCount).every((target) => target === 0)).toBe(true);
  });

  it('fills a row only when asked: a fresh scanner is all zeros', () => {
    const fresh = lazyScanner(automaton, alphabet);
    expect(fresh.delta.every((target) => target === 0)).toBe(true);
    fresh.fillRow(1);
    expect(fresh.delta.subarray(alphabet.classCount, 2 * alphabet.classCount).includes(0)).toBe(false);
    expect(fresh.delta.subarray(2 * alphabet.classCount).every((target) => target === 0)).toBe(true);
  });
});

describe('narrowArray', () => {
  it('picks 8, 16 or 32 bits by the largest value', () => {
    expect(narrowArray([0, 255])).toBeInstanceOf(Uint8Array);
    expect(narrowArray([256])).toBeInstanceOf(Uint16Array);
    expect(narrowArray([65535])).toBeInstanceOf(Uint16Array);
    expect(narrowArray([65536, 1])).toBeInstanceOf(Int32Array);
    expect([...narrowArray([70000, 3])]).toEqual([70000, 3]);
  });

  it('refuses what the tables never hold', () => {
    expect(() => narrowArray([-1])).toThrow(RangeError);
    expect(() => narrowArray([1.5])).toThrow(RangeError);
    expect(() => narrowArray([2 ** 31])).toThrow(RangeError);
  });
});
