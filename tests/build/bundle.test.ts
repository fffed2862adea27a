import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDS, listBuildFiles } from './builds';

/**
 * Nothing leaves the browser: the shipped code must hold no way to reach the
 * network and no way to run code it did not ship with. The few library lines
 * that name such an API are listed below, each with the reason it is safe; a
 * new one anywhere fails.
 */
const NETWORK_APIS = /\b(?:fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|RTCPeerConnection)\b/g;
const DYNAMIC_CODE = /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]/g;
const URL_PATTERN = /\b(?:https?|wss?):\/\/[^\s"'`)\\]*/g;

/** Text around a hit, which is what an allowlist entry describes. */
function around(source: string, index: number, before = 160, after = 60): string {
  return source.slice(Math.max(0, index - before), index + after);
}

const ACCEPTED_NETWORK_USES: Array<{ context: RegExp; why: string }> = [
  {
    context: /runtime\.getURL\(`\/content-scripts\/(?:content|card)\.css`\);try\{return await\(await fetch\(\w+\)\)/,
    why: "WXT's shadow-root UI can read the extension's own content-script CSS from the package; we hand it inline CSS instead.",
  },
  {
    context: /`url`in \w+\?yield fetch\(\w+\.url\)/,
    why: "@webext-core/isolated-element's optional `css.url` branch; we only pass `css.textContent`.",
  },
];

const ACCEPTED_URLS: Array<{ url: RegExp; why: string }> = [
  { url: /^http:\/\/www\.w3\.org\//, why: 'XML namespaces Preact uses for SVG and MathML; never fetched.' },
  { url: /^https:\/\/jinsa\.org\//, why: 'addresses of the cited reports, shown to readers as links.' },
  { url: /^https:\/\/$/, why: 'the bare scheme the note-pack checker requires every link to start with; no address.' },
  { url: /^https?:\/\/\*(?:\.|\/)/, why: 'match patterns for content scripts and optional host permissions.' },
  { url: /^https?:\/\/\$\{/, why: 'a match pattern or URL built from a hostname the reader enabled.' },
  {
    url: /^https:\/\/(?:wxt\.dev\/|github\.com\/wxt-dev\/|developer\.mozilla\.org\/)/,
    why: "documentation links inside WXT's error messages; text, never requested.",
  },
];

describe.each(BUILDS)('$browser bundle', (build) => {
  const scripts = listBuildFiles(build).filter((file) => /\.(?:m?js)$/.test(file));
  const pages = listBuildFiles(build).filter((file) => file.endsWith('.html'));
  const read = (file: string): string => readFileSync(join(build.dir, file), 'utf8');

  it('has scripts to check', () => {
    expect(scripts.length).toBeGreaterThan(2);
  });

  it('contains no network API outside the explained library lines', () => {
    const hits = scripts.flatMap((file) => {
      const source = read(file);
      return [...source.matchAll(NETWORK_APIS)]
        .filter((m) => !ACCEPTED_NETWORK_USES.some((ok) => ok.context.test(around(source, m.index))))
        .map((m) => `${file}: …${around(source, m.index, 80, 40)}…`);
    });
    expect(hits).toEqual([]);
  });

  it('contains no eval or Function constructor', () => {
    const hits = scripts.flatMap((file) => [...read(file).matchAll(DYNAMIC_CODE)].map((m) => `${file}: ${m[0]}`));
    expect(hits).toEqual([]);
  });

  it('names no remote address except cited sources, match patterns and documentation text', () => {
    const hits = [...scripts, ...pages].flatMap((file) =>
      [...read(file).matchAll(URL_PATTERN)]
        .map((m) => m[0])
        .filter((url) => !ACCEPTED_URLS.some((ok) => ok.url.test(url)))
        .map((url) => `${file}: ${url}`),
    );
    expect(hits).toEqual([]);
  });

  it('loads no remote script or stylesheet from its pages', () => {
    const remote = pages.flatMap((file) =>
      [...read(file).matchAll(/<(?:script|link)\b[^>]*(?:src|href)="(?!\/|\.\/|chunks\/|assets\/)[^"]*"/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(remote).toEqual([]);
  });
});
