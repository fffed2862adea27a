// The bundled notes' matcher tables, compiled at build time (scripts/build/compiled-notes.ts).

/** Parsed, for the benchmark's kernels. */
declare module 'virtual:policy-lens/matcher-tables' {
  import type { ShippedMatcher } from './compiled-format';
  const tables: ShippedMatcher;
  export default tables;
}

/** As the background keeps them in storage: their id and JSON. */
declare module 'virtual:policy-lens/built-in-tables' {
  // The shape of `BuiltInTables` (src/packs/built-in-tables.ts), spelled out: src/matching imports no extension code.
  const tables: { id: string; json: string };
  export default tables;
}

/** Only their id, for the content script. */
declare module 'virtual:policy-lens/built-in-tables-id' {
  const id: string;
  export default id;
}
