import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEWS_SITE_MATCHES } from '../../src/sites/news-sites';
import { BUILDS, readManifest } from './builds';

/**
 * Store review and readers' trust hang on the manifest: any permission, host
 * pattern, CSP or exposed resource that is not listed here fails the build.
 */
const ALLOWED_KEYS = new Set([
  'manifest_version', 'name', 'short_name', 'description', 'version', 'default_locale', 'homepage_url',
  'icons', 'action', 'permissions', 'host_permissions', 'optional_host_permissions', 'background', 'options_ui',
  'content_scripts', 'commands', 'minimum_chrome_version', 'browser_specific_settings',
]);
const EXPECTED_PERMISSIONS = ['activeTab', 'scripting', 'storage'];
const EXPECTED_OPTIONAL_HOSTS = ['http://*/*', 'https://*/*'];
const ICON_SIZES = ['16', '32', '48', '96', '128'];

describe.each(BUILDS)('$browser manifest', (build) => {
  const manifest = readManifest(build);

  it('has only the keys we chose', () => {
    expect(Object.keys(manifest).filter((key) => !ALLOWED_KEYS.has(key))).toEqual([]);
    expect(manifest.manifest_version).toBe(3);
  });

  it('asks for storage, scripting and activeTab, and host access only to the sites its content script already runs on', () => {
    expect([...(manifest.permissions as string[])].sort()).toEqual(EXPECTED_PERMISSIONS);
    // The background injects the hover card into these pages on first use (scripting.executeScript);
    // the same sites are already content-script matches, so the install prompt asks for nothing more.
    expect([...(manifest.host_permissions as string[])].sort()).toEqual([...NEWS_SITE_MATCHES].sort());
    expect([...(manifest.optional_host_permissions as string[])].sort()).toEqual(EXPECTED_OPTIONAL_HOSTS);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });

  it('keeps the default extension-page CSP and exposes no resources to pages', () => {
    expect(manifest).not.toHaveProperty('content_security_policy');
    expect(manifest).not.toHaveProperty('web_accessible_resources');
  });

  it('runs its content script on exactly the built-in news sites, with the early storage reads before it', () => {
    const scripts = manifest.content_scripts as Array<{ matches: string[]; js: string[]; css?: string[]; run_at?: string }>;
    expect(scripts.map((script) => [script.run_at, script.js])).toEqual(
      expect.arrayContaining([
        ['document_idle', ['content-scripts/content.js']],
        ['document_start', ['content-scripts/prefetch.js']],
      ]),
    );
    expect(scripts).toHaveLength(2);
    for (const script of scripts) {
      expect([...script.matches].sort()).toEqual([...NEWS_SITE_MATCHES].sort());
      for (const file of [...script.js, ...(script.css ?? [])]) expect(existsSync(join(build.dir, file)), file).toBe(true);
    }
    // The early script only reads storage: no stylesheet, nothing of the page's.
    expect(scripts.find((script) => script.run_at === 'document_start')?.css ?? []).toEqual([]);
  });

  it('ships an icon at every size the stores ask for', () => {
    const icons = manifest.icons as Record<string, string>;
    expect(Object.keys(icons).sort()).toEqual([...ICON_SIZES].sort());
    for (const file of Object.values(icons)) expect(existsSync(join(build.dir, file)), file).toBe(true);
  });

  it('states the minimum browser version that has the CSS Custom Highlight API', () => {
    if (build.browser === 'chrome') {
      expect(manifest.minimum_chrome_version).toBe('105');
      expect(manifest).not.toHaveProperty('browser_specific_settings');
    } else {
      expect(manifest.browser_specific_settings).toEqual({
        gecko: {
          id: 'policy-lens@policy-lens.org',
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      });
      expect(manifest).not.toHaveProperty('minimum_chrome_version');
    }
  });
});
