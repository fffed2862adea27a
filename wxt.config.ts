import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { compiledNotesPlugin } from './scripts/build/compiled-notes';
import { highlightCssPlugin } from './scripts/build/highlight-css';
import { MENTION_COMMANDS } from './src/commands/index';
import { assertValidDataset } from './src/data/validate';
import rawDataset from './src/data/policy-notes.json';
import { NEWS_SITE_MATCHES } from './src/sites/news-sites';

/** The page-proof extension API (src/extension/api.ts), which every entry point and library gets. */
const EXTENSION_API = fileURLToPath(new URL('./src/extension/api.ts', import.meta.url));
/** Scripts that run in web pages: they reach the extension API without the polyfill, so no page global can reach them. */
const PAGE_SCRIPTS = new Set(['content', 'prefetch', 'card']);

/** Extension id used by Firefox; also the key for storage.sync across installs. */
const GECKO_ID = 'policy-lens@policy-lens.org';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  publicDir: 'assets/public',
  vite: ({ browser }) => ({
    // The highlight stylesheet differs by engine (scripts/build/highlight-css.ts).
    plugins: [preact(), compiledNotesPlugin(), highlightCssPlugin(browser)],
    resolve: {
      // WXT's own runtime and @wxt-dev/storage read `globalThis.browser`, which a page can clobber in a content script.
      alias: { '@wxt-dev/browser': EXTENSION_API },
    },
    build: {
      // Chrome 105 and Firefox 140 are the oldest browsers with CSS.highlights.
      target: ['chrome105', 'firefox140'],
      // Extension pages load their chunks from the package; the polyfill would only add a fetch() to the bundle.
      modulePreload: { polyfill: false },
    },
  }),
  hooks: {
    // Bad note data must never ship: fail the build naming the broken entry.
    'build:before': () => {
      assertValidDataset(rawDataset);
    },
    // Page scripts get the page-proof API for `wxt/browser` too, instead of the polyfill (measured in the README).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entrypoint) => PAGE_SCRIPTS.has(entrypoint.name))) return;
      const alias = config.resolve?.alias;
      const entries = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement: EXTENSION_API }, ...entries] };
    },
    // WXT takes the toolbar tooltip from popup.html's <title>; the manifest's is localized instead.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_actionTitle__';
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: 'Policy Lens',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    homepage_url: 'https://jinsa.org/media_category/us-israel-mutual-defense-treaty/',
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions exists on Android from 142; say so rather than claim 140 there.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '105' }),
    // Keyboard access to the hover cards; readers can change the keys in the browser's shortcut settings.
    commands: {
      [MENTION_COMMANDS.next]: {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_commandNextMention__',
      },
      [MENTION_COMMANDS.previous]: {
        suggested_key: { default: 'Alt+Shift+P' },
        description: '__MSG_commandPreviousMention__',
      },
    },
    // activeTab: the popup learns the address of the tab the reader clicked on, so it can offer "Enable on <site>".
    permissions: ['storage', 'scripting', 'activeTab'],
    // The built-in news sites, where the content script runs anyway: the background may then inject the
    // hover card's script there on first use. Listing the content-script hosts again adds no install warning.
    host_permissions: [...NEWS_SITE_MATCHES],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['.output/**', 'test-results/**', '.cache/**'],
  },
});
