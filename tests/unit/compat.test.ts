/**
 * The stated minimum versions are true for the sources: no API, CSS function or syntax newer
 * than Chrome 105 / Firefox 140 appears, except the few used behind a feature check with a
 * tested fallback. tests/build/compat.test.ts runs the same rules over the production builds,
 * which also covers the libraries we bundle. The table for readers is docs/compatibility.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GUARDED_APIS,
  MINIMUM,
  TOO_NEW_CSS,
  TOO_NEW_JS,
  cssWithoutComments,
  nestedRules,
  shippedCode,
  violations,
} from '../build/compat-rules';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_DIRS = ['src', 'entrypoints'];

function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) walk(child);
      // Declaration files ship nothing.
      else if (!name.endsWith('.d.ts') && extensions.some((extension) => name.endsWith(extension))) found.push(relative(ROOT, child));
    }
  };
  walk(join(ROOT, dir));
  return found.sort();
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const scripts = SOURCE_DIRS.flatMap((dir) => filesUnder(dir, ['.ts', '.tsx']));
const stylesheets = SOURCE_DIRS.flatMap((dir) => filesUnder(dir, ['.css']));
const shipped = new Map(scripts.map((path) => [path, shippedCode(read(path), path)]));

describe('the rules can fail', () => {
  it.each([...TOO_NEW_JS, ...TOO_NEW_CSS].map((rule) => [rule.name, rule] as const))('%s catches its example', (_, rule) => {
    expect(violations(rule.example, [rule])).toHaveLength(1);
  });

  it('catches CSS nesting, with & and without', () => {
    expect(nestedRules('.card { color: red; & .title { margin: 0 } }')).toEqual(['& .title']);
    expect(nestedRules('.card { .title { margin: 0 } }')).toEqual(['.title']);
    expect(nestedRules('.card { @media (width > 1px) { color: red } }')).toEqual(['@media (width > 1px)']);
    expect(nestedRules('@media (width > 1px) { .card { color: red } } @keyframes k { from { opacity: 0 } }')).toEqual([]);
  });

  it('does not count look-alikes (division, a script’s own anchor() method, a comment) as uses', () => {
    expect(violations('const half = total / count / value;', TOO_NEW_JS)).toEqual([]);
    expect(violations('let t = typeof e.anchor == "function" ? e.anchor() : e.anchor;', TOO_NEW_CSS)).toEqual([]);
    expect(shippedCode('// Promise.withResolvers would be neater here\nexport const x = 1;', 'x.ts')).not.toContain('withResolvers');
  });
});

describe('sources', () => {
  it('found the scripts and stylesheets to check', () => {
    expect(scripts.length).toBeGreaterThan(50);
    expect(stylesheets.length).toBeGreaterThan(3);
  });

  it('use no JavaScript or extension API newer than the stated minimums', () => {
    const found = scripts.flatMap((path) => violations(shipped.get(path)!, TOO_NEW_JS).map((hit) => `${path}: ${hit}`));
    expect(found).toEqual([]);
  });

  it('use no CSS function, at-rule or unit newer than the stated minimums', () => {
    const found = stylesheets.flatMap((path) =>
      violations(cssWithoutComments(read(path)), TOO_NEW_CSS).map((hit) => `${path}: ${hit}`),
    );
    expect(found).toEqual([]);
  });

  it('use no CSS nesting (Chrome 112)', () => {
    const found = stylesheets.flatMap((path) => nestedRules(read(path)).map((prelude) => `${path}: ${prelude}`));
    expect(found).toEqual([]);
  });

  it.each(GUARDED_APIS.map((api) => [api.name, api] as const))(
    '%s is used only behind its feature check',
    (_, api) => {
      const users = scripts.filter((path) => api.use.test(shipped.get(path)!));
      expect(users.filter((path) => !api.files.includes(path)), `files using ${api.name} outside its guarded module`).toEqual([]);
      for (const path of api.files) {
        expect(api.guard.test(shipped.get(path) ?? ''), `${path} still checks for ${api.name} before using it`).toBe(true);
      }
    },
  );
});

describe('stated minimums', () => {
  const config = read('wxt.config.ts');
  const docs = read('docs/compatibility.md');

  it('the build target, both manifests and the docs name the same versions', () => {
    expect(config).toContain(`target: ['chrome${MINIMUM.chrome}', 'firefox${MINIMUM.firefox}']`);
    expect(config).toContain(`minimum_chrome_version: '${MINIMUM.chrome}'`);
    expect(config).toContain(`strict_min_version: '${MINIMUM.firefox}.0'`);
    expect(docs).toContain(`Chrome ${MINIMUM.chrome}`);
    expect(docs).toContain(`Firefox ${MINIMUM.firefox}`);
  });

  it('the docs list every guarded API', () => {
    for (const api of GUARDED_APIS) expect(docs, api.name).toContain(api.name);
  });
});
