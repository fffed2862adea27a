// @ts-check
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** Page text must never become markup (kept in one list: the boundary rules below add to `no-restricted-syntax`). */
const NO_MARKUP_SYNTAX = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render markup.' },
];

// ---------------------------------------------------------------------------
// Lines not to cross (README, "Architecture"). Each is a list of import
// specifiers a folder must not use, checked by `no-restricted-imports` for
// static imports and re-exports and by `no-restricted-syntax` for `import()`.
// tests/unit/lint/boundaries.test.ts checks every one of them.
// ---------------------------------------------------------------------------

/** Browser-extension code: WXT (its runtime, `#imports`, utils), the polyfill, storage and messaging libraries. */
const EXTENSION_PACKAGES = String.raw`^(?:wxt(?:/|$)|#imports$|webextension-polyfill$|@wxt-dev/|@webext-core/)`;
/** UI code: Preact and its add-ons, Floating UI. */
const UI_PACKAGES = String.raw`^(?:preact(?:/|$|-)|@preact/|@floating-ui/)`;
/** DOM implementations and DOM test helpers. */
const DOM_PACKAGES = String.raw`^(?:happy-dom$|linkedom(?:/|$)|@testing-library/)`;

/**
 * Which folders may not import what. `folders` are banned whole (the folder
 * itself and anything in it), by the `@/` alias (or `~/`, `@@/`, `~~/`) or a
 * relative path; `packages` are regular expressions on the specifier.
 */
const LINES = [
  {
    from: ['src/matching', 'src/data'],
    packages: [EXTENSION_PACKAGES, UI_PACKAGES, DOM_PACKAGES],
    folders: [
      'src/page',
      'src/content',
      'src/card',
      'src/popup',
      'src/options',
      'src/welcome',
      'src/background',
      'src/extension',
      'src/ui',
      // These call the extension API (storage, messaging, permissions).
      'src/messaging',
      'src/settings',
      'src/sites',
      'src/packs',
    ],
    message: 'src/matching and src/data import no DOM and no browser API: `npm run scan` runs them in Node.',
  },
  {
    from: ['src/page'],
    packages: [UI_PACKAGES],
    folders: ['src/ui', 'src/card', 'src/popup', 'src/options', 'src/welcome'],
    message: 'src/page never imports the card or any UI; the card reads the highlight registry.',
  },
  {
    from: ['src'],
    folders: [],
    packages: [
      String.raw`^(?:@@?|~~?)/entrypoints(?:[/?]|$)`,
      // Any relative path that names an `entrypoints` folder, however many `../` it takes.
      String.raw`^\.{1,2}/(?:.*/)?entrypoints(?:[/?]|$)`,
    ],
    message: 'Nothing under src/ imports from entrypoints/: entry points wire src/, never the other way round.',
  },
  {
    from: ['entrypoints/content', 'entrypoints/prefetch.content', 'src/content', 'src/page', 'src/card'],
    folders: [],
    packages: [String.raw`^virtual:policy-lens/(?:built-in-tables|matcher-tables)$`],
    message:
      "Every page loads the content script: it carries only the built-in tables' id (virtual:policy-lens/built-in-tables-id) and reads the tables from storage (src/packs/built-in-tables.ts).",
  },
];

/**
 * Deep imports that stay, for a reason. Everything else outside a folder
 * with an index.ts imports that folder through its index.
 */
const ALLOWED_DEEP_IMPORTS = [
  {
    // WXT evaluates the content script's options (`matches`) in Node at build time; news-sites.ts is
    // plain data, while the sites index also brings storage and messaging (see src/sites/index.ts).
    files: ['entrypoints/content/index.ts', 'entrypoints/prefetch.content/index.ts'],
    imports: ['@/src/sites/news-sites'],
  },
];

/** Root-relative paths of `top` and every directory under it. */
function directoriesUnder(top) {
  const found = [top];
  const absolute = path.join(ROOT, top);
  if (!fs.existsSync(absolute)) return [];
  for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...directoriesUnder(`${top}/${entry.name}`));
  }
  return found;
}

const SOURCE_DIRS = directoriesUnder('src');
const ENTRY_DIRS = directoriesUnder('entrypoints');
/** Folders with a front door: every directory under src/ that has an index.ts (src/page/reading too). */
const INDEXED_FOLDERS = SOURCE_DIRS.filter((dir) => dir !== 'src' && fs.existsSync(path.join(ROOT, dir, 'index.ts')));

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isInside = (dir, folder) => dir === folder || dir.startsWith(`${folder}/`);

/** The start of a specifier that names `target` from a file in `dir`: the alias, or the relative path. */
function reaching(dir, target) {
  const relative = path.posix.relative(dir, target);
  const relativeForm = relative.startsWith('..') ? String.raw`(?:\./)?${escape(relative)}` : String.raw`\./${escape(relative)}`;
  return String.raw`(?:(?:@@?|~~?)/${escape(target)}|${relativeForm})`;
}

/** After a folder: anything in it but its index, or a stylesheet (`?inline` CSS is text, not code). */
const INTERNAL_FILE = String.raw`/(?!index(?:\.[jt]sx?)?$)(?![^?]*\.css(?:\?|$)).+`;

/** The restricted-import patterns for a file in `dir`, less the specifiers in `allowed`. */
function patternsFor(dir, allowed = []) {
  const exempt = allowed.length > 0 ? `(?!(?:${allowed.map(escape).join('|')})$)` : '';
  const patterns = [];
  const bannedWhole = [];
  for (const line of LINES) {
    if (!line.from.some((folder) => isInside(dir, folder))) continue;
    for (const regex of line.packages ?? []) patterns.push({ regex, message: line.message });
    for (const folder of line.folders) {
      bannedWhole.push(folder);
      patterns.push({ regex: String.raw`^${reaching(dir, folder)}(?:[/?]|$)`, message: line.message });
    }
  }
  for (const folder of INDEXED_FOLDERS) {
    // One report per import: a folder banned whole needs no rule about its index.
    if (isInside(dir, folder) || bannedWhole.some((banned) => isInside(folder, banned))) continue;
    // A folder inside another indexed folder is that one's business from outside it (src/page/reading).
    const parent = INDEXED_FOLDERS.find((other) => other !== folder && isInside(folder, other));
    if (parent && !isInside(dir, parent)) continue;
    patterns.push({
      regex: `^${exempt}${reaching(dir, folder)}${INTERNAL_FILE}`,
      message: `Import ${folder} through its index ('@/${folder}'); add what you need to ${folder}/index.ts.`,
    });
  }
  return patterns;
}

/** `no-restricted-syntax` entries for `import()` with the same patterns (esquery regexes cannot contain "/"). */
function dynamicImportSyntax(patterns) {
  return patterns.map(({ regex, message }) => ({
    selector: `ImportExpression[source.value=/${regex.replaceAll('/', String.raw`\x2F`)}/]`,
    message,
  }));
}

function boundaryRules(dir, allowed) {
  const patterns = patternsFor(dir, allowed);
  return {
    'no-restricted-imports': ['error', { patterns }],
    'no-restricted-syntax': ['error', ...NO_MARKUP_SYNTAX, ...dynamicImportSyntax(patterns)],
  };
}

const exceptions = [
  ...ALLOWED_DEEP_IMPORTS.flatMap(({ files, imports }) => files.map((file) => [file, imports])),
];

const boundaryConfigs = [
  // Directories made after this config loaded (a file in a new folder) get their top folder's rules.
  ...[...new Set([...SOURCE_DIRS, ...ENTRY_DIRS].map((dir) => dir.split('/').slice(0, 2).join('/')))].map((top) => ({
    name: `policy-lens/boundaries ${top}/**`,
    files: [`${top}/**`],
    rules: boundaryRules(`${top}/(new folder)`),
  })),
  // Every directory, so relative paths are checked exactly.
  ...[...SOURCE_DIRS, ...ENTRY_DIRS].map((dir) => ({
    name: `policy-lens/boundaries ${dir}/*`,
    files: [`${dir}/*`],
    rules: boundaryRules(dir),
  })),
  ...exceptions.map(([file, allowed]) => ({
    name: `policy-lens/boundaries ${file} (allowed: ${allowed.join(', ')})`,
    files: [file],
    rules: boundaryRules(path.posix.dirname(file), allowed),
  })),
  {
    name: 'policy-lens/boundaries no DOM globals in src/matching and src/data',
    files: ['src/matching/**', 'src/data/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['document', 'window', 'self', 'navigator', 'location', 'browser', 'chrome', 'localStorage', 'sessionStorage', 'getComputedStyle', 'requestAnimationFrame'].map((name) => ({
          name,
          message: 'src/matching and src/data use no DOM and no browser API: `npm run scan` runs them in Node.',
        })),
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        // WXT auto-imports these into entrypoints.
        browser: 'readonly',
        defineBackground: 'readonly',
        defineContentScript: 'readonly',
        defineUnlistedScript: 'readonly',
        createShadowRootUi: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Page text must never become markup; the UI renders text only.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Never write markup; render text with Preact or textContent.' },
        { property: 'outerHTML', message: 'Never write markup; render text with Preact or textContent.' },
        { property: 'insertAdjacentHTML', message: 'Never write markup.' },
      ],
      'no-restricted-syntax': ['error', ...NO_MARKUP_SYNTAX],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  ...boundaryConfigs,
  {
    files: ['tests/**', 'scripts/**', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Tests compare page markup before and after; reading innerHTML there is the point.
      'no-restricted-properties': 'off',
    },
  },
);
