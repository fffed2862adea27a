/** The bundled notes' matcher tables, compiled at build time (scripts/build/compiled-notes.ts). */
declare module 'virtual:policy-lens/matcher-tables' {
  import type { ShippedMatcher } from './compiled-format';
  const tables: ShippedMatcher;
  export default tables;
}
