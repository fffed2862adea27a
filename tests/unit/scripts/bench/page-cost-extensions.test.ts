import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { commandPacket, PacketReader } from '../../../../scripts/bench/marionette';
import {
  FLOOR_EXTENSION_DIR,
  FLOOR_GECKO_ID,
  contentScriptFiles,
  contentScriptsFor,
  matchPatternMatches,
} from '../../../../scripts/bench/page-cost-extensions';
import { TIMING_GLOBAL } from '../../../../scripts/bench/page-cost-figures';
import { NEWS_SITE_MATCHES } from '../../../../src/sites/news-sites';

const floorManifest = JSON.parse(readFileSync(join(FLOOR_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
  manifest_version: number;
  content_scripts: Array<{ matches: string[]; run_at: string; js: string[] }>;
  browser_specific_settings: { gecko: { id: string } };
};

describe('the floor extension', () => {
  it('runs where Policy Lens runs, at document_idle, as one plain MV3 content script', () => {
    expect(floorManifest.manifest_version).toBe(3);
    expect(floorManifest.content_scripts).toHaveLength(1);
    const [entry] = floorManifest.content_scripts;
    expect(entry?.matches).toEqual([...NEWS_SITE_MATCHES]);
    expect(entry?.run_at).toBe('document_idle');
    expect(entry?.js).toEqual(['content.js']);
    expect(floorManifest.browser_specific_settings.gecko.id).toBe(FLOOR_GECKO_ID);
  });

  it('walks text nodes and records its timing under the shared global', () => {
    const source = readFileSync(join(FLOOR_EXTENSION_DIR, 'content.js'), 'utf8');
    expect(source).toContain('NodeFilter.SHOW_TEXT');
    expect(source).toContain('.data.length');
    expect(source).toContain(`globalThis.${TIMING_GLOBAL} =`);
  });

  it('records start, first marks and settled when run on a document', async () => {
    const { parseHTML } = await import('linkedom');
    const { document } = parseHTML('<html><body><p>One <b>two</b></p><p>three</p></body></html>');
    let now = 10;
    // The script's own global, as a content script's isolated world is.
    const world: Record<string, unknown> = { document, NodeFilter: { SHOW_TEXT: 4 }, performance: { now: () => (now += 1) } };
    runInNewContext(readFileSync(join(FLOOR_EXTENSION_DIR, 'content.js'), 'utf8'), world);
    expect(world[TIMING_GLOBAL]).toEqual({ start: 11, firstMarks: 12, settled: 12, textNodes: 3, chars: 12 });
  });
});

describe('content scripts of a manifest', () => {
  it('matches WebExtension patterns by scheme, host and path', () => {
    expect(matchPatternMatches('https://*.nytimes.com/*', 'https://www.nytimes.com:4443/bench/1')).toBe(true);
    expect(matchPatternMatches('https://*.nytimes.com/*', 'https://nytimes.com/')).toBe(true);
    expect(matchPatternMatches('https://*.nytimes.com/*', 'http://www.nytimes.com/')).toBe(false);
    expect(matchPatternMatches('https://*.nytimes.com/*', 'https://www.notnytimes.com/')).toBe(false);
    expect(matchPatternMatches('*://example.com/a/*', 'http://example.com/a/b?c')).toBe(true);
    expect(matchPatternMatches('*://example.com/a/*', 'https://example.com/b')).toBe(false);
    expect(matchPatternMatches('<all_urls>', 'https://anything.test/')).toBe(true);
    expect(matchPatternMatches('not a pattern', 'https://anything.test/')).toBe(false);
  });

  it('lists the scripts injected into a URL, once each, honouring exclude_matches', () => {
    const manifest = {
      content_scripts: [
        { matches: ['https://*.nytimes.com/*'], js: ['a.js', 'shared.js'] },
        { matches: ['https://*.bbc.com/*'], js: ['b.js'] },
        { matches: ['<all_urls>'], exclude_matches: ['https://*.nytimes.com/live/*'], js: ['shared.js', 'c.js'] },
      ],
    };
    expect(contentScriptsFor(manifest, 'https://www.nytimes.com/x')).toEqual(['a.js', 'shared.js', 'c.js']);
    expect(contentScriptsFor(manifest, 'https://www.nytimes.com/live/x')).toEqual(['a.js', 'shared.js']);
    expect(contentScriptsFor({}, 'https://www.nytimes.com/')).toEqual([]);
  });

  it('sizes the floor’s script from its folder', () => {
    expect(contentScriptFiles(FLOOR_EXTENSION_DIR, 'https://www.nytimes.com/bench/1')).toEqual({
      js: ['content.js'],
      bytes: statSync(join(FLOOR_EXTENSION_DIR, 'content.js')).size,
    });
  });
});

describe('Marionette packets', () => {
  it('frames a command with its byte length', () => {
    expect(commandPacket(3, 'WebDriver:Navigate', { url: 'https://é.test/' }).toString('utf8')).toBe(
      `${Buffer.byteLength('[0,3,"WebDriver:Navigate",{"url":"https://é.test/"}]')}:[0,3,"WebDriver:Navigate",{"url":"https://é.test/"}]`,
    );
  });

  it('reassembles packets split anywhere, several per chunk', () => {
    const packets: unknown[] = [];
    const reader = new PacketReader((packet) => packets.push(packet));
    const raw = (json: string) => Buffer.from(`${Buffer.byteLength(json)}:${json}`);
    const stream = Buffer.concat([raw('{"marionetteProtocol":3}'), commandPacket(1, 'x', { text: 'ünïcode' }), raw('[1,2,null,{"value":1}]')]);
    for (let at = 0; at < stream.length; at += 5) reader.push(stream.subarray(at, at + 5));
    expect(packets).toEqual([{ marionetteProtocol: 3 }, [0, 1, 'x', { text: 'ünïcode' }], [1, 2, null, { value: 1 }]]);
  });
});
