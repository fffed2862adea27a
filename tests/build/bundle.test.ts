import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDS, listBuildFiles } from './builds';

/**
 * Nothing leaves the browser: the shipped code must hold no way to reach the
 * network and no way to run code it did not ship with.
 */
const NETWORK_APIS = /\b(?:fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|RTCPeerConnection)\b/g;
const DYNAMIC_CODE = /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]/g;
// URLs a bundle may legitimately contain: XML namespaces (never fetched) and the cited sources, shown as links.
const ALLOWED_URL_PREFIXES = ['http://www.w3.org/', 'https://jinsa.org/', 'https://*.'];
const URL_PATTERN = /\b(?:https?|wss?):\/\/[^\s"'`)\\]*/g;

describe.each(BUILDS)('$browser bundle', (build) => {
  const scripts = listBuildFiles(build).filter((file) => /\.(?:m?js)$/.test(file));
  const pages = listBuildFiles(build).filter((file) => file.endsWith('.html'));
  const read = (file: string): string => readFileSync(join(build.dir, file), 'utf8');

  it('has scripts to check', () => {
    expect(scripts.length).toBeGreaterThan(2);
  });

  it('contains no network API', () => {
    const hits = scripts.flatMap((file) => [...read(file).matchAll(NETWORK_APIS)].map((m) => `${file}: ${m[0]}`));
    expect(hits).toEqual([]);
  });

  it('contains no eval or Function constructor', () => {
    const hits = scripts.flatMap((file) => [...read(file).matchAll(DYNAMIC_CODE)].map((m) => `${file}: ${m[0]}`));
    expect(hits).toEqual([]);
  });

  it('names no remote address except cited sources and XML namespaces', () => {
    const hits = [...scripts, ...pages].flatMap((file) =>
      [...read(file).matchAll(URL_PATTERN)]
        .map((m) => m[0])
        .filter((url) => !ALLOWED_URL_PREFIXES.some((prefix) => url.startsWith(prefix)))
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
