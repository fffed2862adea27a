/**
 * The build step that compiles the bundled notes: the data is validated
 * (a bad entry fails the build, named), its matcher compiled to tables
 * (`src/matching/compile.ts`) and shipped to the content script as JSON that
 * loads without building anything. Before the tables ship, the build checks
 * they are what a fresh compile gives: the shipped form read back must ship
 * identically, and must find the same mentions as the freshly compiled
 * matcher on every example of every rule.
 */
import type { Plugin } from 'vite';
import { matcherSourceOf } from '../../src/data/matcher-source';
import rawDataset from '../../src/data/policy-notes.json';
import { assertValidDataset } from '../../src/data/validate';
import { compileMatcher, compileMatcherTables, loadMatcher, loadShippedMatcher, shipMatcher, type ShippedMatcher } from '../../src/matching/index';

/** The module the content script imports the shipped tables from. */
export const MATCHER_TABLES_MODULE = 'virtual:policy-lens/matcher-tables';
const RESOLVED = `\0${MATCHER_TABLES_MODULE}`;

/** Compiles, checks and serializes the bundled notes' matcher tables. */
export function buildShippedTables(raw: unknown = rawDataset): { shipped: ShippedMatcher; json: string } {
  const data = assertValidDataset(raw);
  const source = matcherSourceOf(data);
  const shipped = shipMatcher(compileMatcherTables(source));
  const json = JSON.stringify(shipped);
  const reloaded = JSON.parse(json) as ShippedMatcher;
  if (JSON.stringify(shipMatcher(loadShippedMatcher(reloaded))) !== json) {
    throw new Error('The shipped matcher tables do not read back to themselves');
  }
  const fresh = compileMatcher(source);
  const loaded = loadMatcher(reloaded);
  const samples = data.contexts.flatMap((rule) => [...rule.examples.marked, ...(rule.examples.unmarked ?? [])]);
  samples.push(...data.topics.flatMap((topic) => topic.terms.map((term) => `${term.text}, said JINSA of Israel.`)));
  for (const sample of samples) {
    if (JSON.stringify(loaded.find(sample)) !== JSON.stringify(fresh.find(sample))) {
      throw new Error(`The shipped matcher tables differ from a fresh compile on "${sample}"`);
    }
  }
  return { shipped, json };
}

/** A Vite plugin serving the shipped tables as a module: `export default JSON.parse("…")`. */
export function compiledNotesPlugin(): Plugin {
  return {
    name: 'policy-lens-compiled-notes',
    resolveId: (id) => (id === MATCHER_TABLES_MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      // A JSON string parsed at load is read by the engine's fast JSON parser, not its JavaScript parser.
      return `export default JSON.parse(${JSON.stringify(buildShippedTables().json)});`;
    },
  };
}
