import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { BUILDS, listBuildFiles, readManifest } from './builds';
import { MINIMUM, TOO_NEW_CSS, TOO_NEW_JS, cssWithoutComments, nestedRules, violations } from './compat-rules';

/**
 * The stated minimum versions are true for what ships, bundled libraries included: the build
 * lowers syntax for Chrome 105 / Firefox 140, but an API or CSS function it cannot lower must not
 * be in the bundle (the few guarded ones are checked in the sources, tests/unit/compat.test.ts).
 */
describe.each(BUILDS)('$browser build', (build) => {
  const files = listBuildFiles(build);
  const read = (file: string) => readFileSync(join(build.dir, file), 'utf8');
  const scripts = files.filter((file) => file.endsWith('.js'));
  const stylesheets = files.filter((file) => file.endsWith('.css'));
  const manifest = readManifest(build);

  it('states the minimum version', () => {
    if (build.browser === 'chrome') expect(manifest.minimum_chrome_version).toBe(String(MINIMUM.chrome));
    else {
      const gecko = (manifest.browser_specific_settings as { gecko: { strict_min_version: string } }).gecko;
      expect(gecko.strict_min_version).toBe(`${MINIMUM.firefox}.0`);
    }
  });

  it('ships no API newer than the minimum', () => {
    const inlineCss = TOO_NEW_CSS.filter((rule) => !rule.stylesheetsOnly);
    const found = scripts.flatMap((file) =>
      violations(read(file), [...TOO_NEW_JS, ...inlineCss]).map((hit) => `${file}: ${hit}`),
    );
    expect(found).toEqual([]);
  });

  it('ships no CSS the minimum cannot read: no newer function, at-rule or unit, no nesting', () => {
    expect(stylesheets.length).toBeGreaterThan(0);
    const found = stylesheets.flatMap((file) => [
      ...violations(cssWithoutComments(read(file)), TOO_NEW_CSS).map((hit) => `${file}: ${hit}`),
      ...nestedRules(read(file)).map((prelude) => `${file}: nested rule "${prelude}"`),
    ]);
    expect(found).toEqual([]);
  });

  it('can request every content-script host at run time (Firefox lets readers withhold them; the banner asks again)', () => {
    const optional = (manifest.optional_host_permissions ?? []) as string[];
    const hosts = [...optional, ...((manifest.host_permissions ?? []) as string[])].map((pattern) => new MatchPattern(pattern));
    const matches = ((manifest.content_scripts ?? []) as Array<{ matches: string[] }>).flatMap((script) => script.matches);
    expect(matches.length).toBeGreaterThan(0);
    // A wildcard host pattern is requestable when the bare domain and its subdomains are covered.
    const uncovered = matches.filter((pattern) => {
      const bare = pattern.replace('://*.', '://').replace(/\*$/, '');
      const sub = pattern.replace('://*.', '://www.').replace(/\*$/, '');
      return ![bare, sub].every((url) => hosts.some((host) => host.includes(url)));
    });
    expect(uncovered).toEqual([]);
  });
});
