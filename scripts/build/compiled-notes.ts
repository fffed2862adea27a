/**
 * The build step that compiles the bundled notes: the data is validated
 * (a bad entry fails the build, named), its matcher compiled to tables
 * (`src/matching/compile.ts`) and shipped as JSON that loads without building
 * anything. The background carries that JSON and keeps it in `storage.local`;
 * the content script carries only the tables' id, and reads them from there
 * (`src/packs/built-in-tables.ts`): 171 kB fewer to load on every page.
 * Before the tables ship, the build checks
 * they are what a fresh compile gives: the shipped form read back must ship
 * identically, and must find the same mentions as the freshly compiled
 * matcher on every example of every rule.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { matcherSourceOf } from '../../src/data/matcher-source';
import rawDataset from '../../src/data/policy-notes.json';
import { assertValidDataset } from '../../src/data/validate';
import { compileMatcher, compileMatcherTables, loadMatcher, loadShippedMatcher, shipMatcher, type ShippedMatcher } from '../../src/matching/index';

/** The shipped tables, parsed (`export default`): for the benchmark's kernels, which run in a bare page. */
export const MATCHER_TABLES_MODULE = 'virtual:policy-lens/matcher-tables';
/** The shipped tables as the background keeps them: `export default { id, json }`. */
export const BUILT_IN_TABLES_MODULE = 'virtual:policy-lens/built-in-tables';
/** Only the tables' id (`export default "…"`): all the content script carries of them. */
export const BUILT_IN_TABLES_ID_MODULE = 'virtual:policy-lens/built-in-tables-id';
const MODULES = [MATCHER_TABLES_MODULE, BUILT_IN_TABLES_MODULE, BUILT_IN_TABLES_ID_MODULE];

/** The id of one version of the tables: a digest of their JSON, so the same tables always have the same id. */
export function tablesIdOf(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

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

/** A Vite plugin serving the shipped tables' modules (compiled and checked once per build). */
export function compiledNotesPlugin(): Plugin {
  let built: { json: string; id: string } | undefined;
  const tables = () => {
    if (!built) {
      const { json } = buildShippedTables();
      built = { json, id: tablesIdOf(json) };
    }
    return built;
  };
  return {
    name: 'policy-lens-compiled-notes',
    resolveId: (id) => (MODULES.includes(id) ? `\0${id}` : undefined),
    load(id) {
      if (!id.startsWith('\0') || !MODULES.includes(id.slice(1))) return undefined;
      const { json, id: tablesId } = tables();
      switch (id) {
        // A JSON string parsed at load is read by the engine's fast JSON parser, not its JavaScript parser.
        case `\0${MATCHER_TABLES_MODULE}`:
          return `export default JSON.parse(${JSON.stringify(json)});`;
        case `\0${BUILT_IN_TABLES_MODULE}`:
          return `export default { id: ${JSON.stringify(tablesId)}, json: ${JSON.stringify(json)} };`;
        case `\0${BUILT_IN_TABLES_ID_MODULE}`:
          return `export default ${JSON.stringify(tablesId)};`;
        default:
          return undefined;
      }
    },
  };
}
