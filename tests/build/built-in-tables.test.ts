import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildShippedTables, tablesIdOf } from '../../scripts/build/compiled-notes';
import { BUILDS } from './builds';

/**
 * Every page loads the content script, so it carries only the built-in
 * tables' id; the background carries the tables and keeps them in storage
 * (src/packs/built-in-tables.ts). Checked on the production builds: a wrong
 * import would put 171 kB back on every page, and an id that does not match
 * the background's tables would send every page to the background for them.
 */
const { shipped, json } = buildShippedTables();
const id = tablesIdOf(json);
/** The id as a string literal in minified code (any quote; the id is hex). */
const ID_LITERAL = new RegExp(`[\`"']${id}[\`"']`);
/** The long runs of table data (base64 automata and the like): in a bundle only if the tables are. */
const tableData = Object.values(shipped).flatMap((value) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 2_000 ? [text.slice(0, 400)] : [];
});

describe.each(BUILDS)('$browser build', (build) => {
  const read = (file: string): string => readFileSync(join(build.dir, file), 'utf8');

  it('has table data to look for', () => {
    expect(tableData.length).toBeGreaterThan(0);
  });

  it("the content script carries the tables' id and none of the tables", () => {
    const content = read('content-scripts/content.js');
    expect(ID_LITERAL.test(content), `the id ${id}`).toBe(true);
    const carried = tableData.filter((data) => content.includes(data) || content.includes(JSON.stringify(data).slice(1, -1)));
    expect(carried).toEqual([]);
  });

  it('the background carries the tables under the same id', () => {
    const background = read('background.js');
    expect(ID_LITERAL.test(background), `the id ${id}`).toBe(true);
    // The minifier may write the JSON string in any literal form: read the literal beside the id back as a string.
    const literal = new RegExp(`id:([\`"'])${id}\\1,json:(([\`"'])(?:[^\\\\]|\\\\.)*?\\3)[,}]`).exec(background);
    expect(literal, 'the tables literal beside the id').not.toBeNull();
    expect(runInNewContext(literal![2]!) === json, 'the tables, as the build compiled them').toBe(true);
  });
});
