/**
 * The lines not to cross (README, "Architecture"), as eslint.config.js
 * enforces them: each forbidden import is reported, and the allowed ones are
 * not. Snippets are linted under made-up file names inside the real folders,
 * so the repository's own config decides; remove a rule and these fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

// Each case lints a handful of snippets; the first also loads the config and the TypeScript parser.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  await eslint.lintText('', { filePath: path.join(ROOT, 'src/matching/probe.ts') });
});

/** The boundary problems ESLint reports for `code` in a file at `file` (root-relative; the file need not exist). */
async function boundaryProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const messages = result?.messages ?? [];
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return messages.filter((message) => message.ruleId !== null && BOUNDARY_RULES.has(message.ruleId)).map((message) => message.message);
}

const staticImport = (specifier: string) => `import * as probe from '${specifier}';\nexport { probe };\n`;
const typeImport = (specifier: string) => `import type * as probe from '${specifier}';\nexport type { probe };\n`;
const reExport = (specifier: string) => `export * from '${specifier}';\n`;
const dynamicImport = (specifier: string) => `export const probe = () => import('${specifier}');\n`;
const FORMS = { staticImport, typeImport, reExport, dynamicImport };

/** Expects `specifier` to be reported from `file` in every import form. */
async function expectForbidden(file: string, specifier: string, message?: RegExp) {
  for (const [form, write] of Object.entries(FORMS)) {
    const problems = await boundaryProblems(file, write(specifier));
    expect(problems, `${form} of '${specifier}' in ${file}`).toHaveLength(1);
    if (message) expect(problems[0], `${form} of '${specifier}' in ${file}`).toMatch(message);
  }
}

/** Expects `specifier` to be allowed from `file`. */
async function expectAllowed(file: string, specifier: string) {
  for (const [form, write] of Object.entries(FORMS)) {
    expect(await boundaryProblems(file, write(specifier)), `${form} of '${specifier}' in ${file}`).toEqual([]);
  }
}

/** The folders under src/ with an index.ts: the ones imported only through it from outside. */
const INDEXED_FOLDERS = fs
  .readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(ROOT, 'src', entry.name, 'index.ts')))
  .map((entry) => entry.name);

const PURE = /src\/matching and src\/data (?:import|use) no DOM and no browser API/;
const NO_UI = /src\/page never imports the card or any UI/;
const NO_ENTRYPOINTS = /Nothing under src\/ imports from entrypoints/;
const THROUGH_INDEX = /through its index/;
const TABLES_FROM_STORAGE = /reads the tables from storage/;

describe('src/matching and src/data: no DOM, no browser API', () => {
  const files = ['src/matching/probe.ts', 'src/data/probe.ts'];
  const forbidden = [
    'wxt',
    'wxt/browser',
    'wxt/utils/storage',
    '#imports',
    'webextension-polyfill',
    '@wxt-dev/storage',
    '@wxt-dev/browser',
    '@webext-core/messaging',
    'preact',
    'preact/hooks',
    'preact/jsx-runtime',
    '@preact/signals',
    '@floating-ui/dom',
    'linkedom',
    '@/src/page',
    '@/src/page/highlights',
    '~/src/page',
    '@/src/content/boot',
    '@/src/card',
    '@/src/popup/Popup',
    '@/src/options/Options',
    '@/src/background',
    '@/src/extension/api',
    '@/src/ui/theme',
    '@/src/ui/tokens.css?inline',
    '@/src/settings',
    '@/src/sites',
    '@/src/messaging/protocol',
    '@/src/packs',
    '../page',
    '../page/highlights',
    './../extension/api',
  ];

  it.each(files.flatMap((file) => forbidden.map((specifier) => [file, specifier] as const)))('%s may not import %s', async (file, specifier) => {
    await expectForbidden(file, specifier, PURE);
  });

  it('may import each other (through the index), their own files and plain libraries', async () => {
    await expectAllowed('src/matching/probe.ts', './compile');
    await expectAllowed('src/matching/probe.ts', 'valibot');
    await expectAllowed('src/matching/probe.ts', '@/src/safe-globals');
    await expectAllowed('src/data/probe.ts', '../matching');
    await expectAllowed('src/data/probe.ts', '@/src/matching');
    await expectAllowed('src/data/probe.ts', './schema');
    await expectAllowed('src/data/probe.ts', './policy-notes.json');
  });

  it.each(files.flatMap((file) => ['document', 'window', 'browser', 'chrome'].map((name) => [file, name] as const)))(
    '%s may not use the global %s',
    async (file, name) => {
      const problems = await boundaryProblems(file, `export const probe = () => ${name};\n`);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(PURE);
    },
  );

  it('may use plain JavaScript globals', async () => {
    expect(await boundaryProblems('src/matching/probe.ts', 'export const probe = () => [Math.max(1, 2), new Map(), globalThis];\n')).toEqual([]);
  });
});

describe('src/page: no UI', () => {
  const forbidden = [
    'preact',
    'preact/hooks',
    '@preact/signals',
    '@floating-ui/dom',
    '@/src/ui/theme',
    '@/src/ui/switch',
    '@/src/card',
    '@/src/card/surface',
    '@/src/popup/Popup',
    '@/src/options/Options',
    '@/src/welcome/Welcome',
    '../card/controller',
    '../ui/theme',
  ];

  it.each(forbidden)('src/page may not import %s', async (specifier) => {
    await expectForbidden('src/page/probe.ts', specifier, NO_UI);
  });

  it('covers files in its subfolders with their own relative paths', async () => {
    await expectForbidden('src/page/reading/probe.ts', '../../card', NO_UI);
    await expectForbidden('src/page/reading/probe.ts', 'preact', NO_UI);
  });

  it('may import the matcher, settings and its own files', async () => {
    await expectAllowed('src/page/probe.ts', '@/src/matching');
    await expectAllowed('src/page/probe.ts', '@/src/settings');
    await expectAllowed('src/page/probe.ts', './exclusions');
    await expectAllowed('src/page/probe.ts', './reading');
    await expectAllowed('src/page/reading/probe.ts', '../exclusions');
    await expectAllowed('src/page/reading/probe.ts', '@/src/page/exclusions');
  });

  it('the card and the popup may import the UI and the page', async () => {
    await expectAllowed('src/card/probe.ts', 'preact');
    await expectAllowed('src/card/probe.ts', '@/src/page');
    await expectAllowed('src/popup/probe.tsx', '@floating-ui/dom');
    await expectAllowed('src/popup/probe.tsx', '@/src/ui/theme');
  });
});

describe('nothing under src/ imports entrypoints/', () => {
  it.each([
    ['src/content/probe.ts', '@/entrypoints/content/index'],
    ['src/content/probe.ts', '~/entrypoints/card'],
    ['src/content/probe.ts', '../../entrypoints/card'],
    ['src/page/reading/probe.ts', '../../../entrypoints/content'],
    ['src/popup/probe.tsx', '@/entrypoints/popup/main'],
  ])('%s may not import %s', async (file, specifier) => {
    await expectForbidden(file, specifier, NO_ENTRYPOINTS);
  });

  it('entry points import src/', async () => {
    await expectAllowed('entrypoints/probe.ts', '@/src/background');
    await expectAllowed('entrypoints/content/probe.ts', '../../src/content/boot');
  });
});

describe('a folder with an index.ts is imported through it from outside', () => {
  it('knows the folders', () => {
    expect(INDEXED_FOLDERS).toEqual(expect.arrayContaining(['background', 'card', 'commands', 'data', 'matching', 'packs', 'page', 'settings', 'sites']));
  });

  // src/content has no index.ts, so it stands outside every indexed folder.
  it.each(INDEXED_FOLDERS)('src/%s: internals are off limits, the index is not', async (folder) => {
    const internal = fs
      .readdirSync(path.join(ROOT, 'src', folder))
      .find((name) => /\.tsx?$/.test(name) && name !== 'index.ts' && !name.endsWith('.d.ts'));
    const file = (internal ?? 'internal.ts').replace(/\.tsx?$/, '');
    await expectForbidden('src/content/probe.ts', `@/src/${folder}/${file}`, THROUGH_INDEX);
    await expectForbidden('src/content/probe.ts', `../${folder}/${file}`, THROUGH_INDEX);
    await expectForbidden('entrypoints/probe.ts', `@/src/${folder}/${file}`, THROUGH_INDEX);
    await expectForbidden('entrypoints/content/probe.ts', `../../src/${folder}/${file}`, THROUGH_INDEX);
    await expectAllowed('src/content/probe.ts', `@/src/${folder}`);
    await expectAllowed('src/content/probe.ts', `@/src/${folder}/index`);
    await expectAllowed('src/content/probe.ts', `../${folder}`);
    await expectAllowed('entrypoints/probe.ts', `@/src/${folder}`);
  });

  it('inside the folder, its own files are fair game', async () => {
    await expectAllowed('src/settings/probe.ts', './store');
    await expectAllowed('src/settings/probe.ts', '@/src/settings/store');
    await expectAllowed('src/page/reading/probe.ts', '@/src/page/highlights');
  });

  it('a nested index (src/page/reading) guards its folder from the rest of src/page', async () => {
    await expectForbidden('src/page/probe.ts', './reading/block-text', THROUGH_INDEX);
    await expectForbidden('src/card/probe.ts', '@/src/page/reading', THROUGH_INDEX);
    await expectAllowed('src/page/probe.ts', './reading/index');
  });

  it('stylesheets and folders without an index are not internals', async () => {
    await expectAllowed('src/content/probe.ts', '@/src/card/card.css?inline');
    await expectAllowed('src/card/probe.ts', '@/src/ui/tokens.css?inline');
    await expectAllowed('entrypoints/card.ts', '@/src/content/card-loader');
    await expectAllowed('entrypoints/popup/main.tsx', '@/src/popup/Popup');
  });

  it("the content script carries the built-in tables' id, never the tables", async () => {
    await expectAllowed('entrypoints/content/index.ts', 'virtual:policy-lens/built-in-tables-id');
    await expectAllowed('entrypoints/background.ts', 'virtual:policy-lens/built-in-tables');
    for (const table of ['virtual:policy-lens/built-in-tables', 'virtual:policy-lens/matcher-tables']) {
      await expectForbidden('entrypoints/content/index.ts', table, TABLES_FROM_STORAGE);
      await expectForbidden('entrypoints/prefetch.content/index.ts', table, TABLES_FROM_STORAGE);
      await expectForbidden('src/content/probe.ts', table, TABLES_FROM_STORAGE);
      await expectForbidden('src/page/reading/probe.ts', table, TABLES_FROM_STORAGE);
    }
  });

  it('the content script entry may import the plain site list its build-time options read, and only that', async () => {
    await expectAllowed('entrypoints/content/index.ts', '@/src/sites/news-sites');
    await expectAllowed('entrypoints/prefetch.content/index.ts', '@/src/sites/news-sites');
    await expectForbidden('entrypoints/content/index.ts', '@/src/sites/access', THROUGH_INDEX);
    await expectForbidden('entrypoints/background.ts', '@/src/sites/news-sites', THROUGH_INDEX);
  });

  it('a per-file exception allows only the imports it names', async () => {
    await expectForbidden('src/options/OptionsView.tsx', '@/src/settings/store', THROUGH_INDEX);
    await expectForbidden('src/page/highlights.ts', 'preact', NO_UI);
  });

  it('tests and scripts may import internals', async () => {
    expect(await boundaryProblems('tests/unit/probe.test.ts', staticImport('@/src/settings/store'))).toEqual([]);
    expect(await boundaryProblems('scripts/probe.ts', staticImport('../src/page/read-document'))).toEqual([]);
  });
});

describe('the repository as it stands', () => {
  it('the markup rule still applies where the boundary rules extend no-restricted-syntax', async () => {
    const problems = await boundaryProblems('src/popup/probe.tsx', 'export const probe = <div dangerouslySetInnerHTML={{ __html: "" }} />;\n');
    expect(problems).toEqual(['Never render markup.']);
  });
});
