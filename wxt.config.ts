import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { assertValidDataset } from './src/data/validate';
import rawDataset from './src/data/policy-notes.json';

/** Extension id used by Firefox; also the key for storage.sync across installs. */
const GECKO_ID = 'policy-lens@policy-lens.org';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  publicDir: 'assets/public',
  vite: () => ({
    plugins: [preact()],
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
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_commandNextMention__',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: '__MSG_commandPreviousMention__',
      },
    },
    // activeTab: the popup learns the address of the tab the reader clicked on, so it can offer "Enable on <site>".
    permissions: ['storage', 'scripting', 'activeTab'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['.output/**', 'test-results/**', '.cache/**'],
  },
});
