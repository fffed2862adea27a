import { describe, expect, it } from 'vitest';
import { ownIconPaths } from '../../e2e/support/corpus';

describe('ownIconPaths', () => {
  it("lists the page's own icons, resolved against the page's path", () => {
    const html = [
      '<link rel="icon" type="image/png" href="/favicon-32x32.png">',
      "<link rel='apple-touch-icon' sizes='57x57' href='/apple-touch-icon-57x57.png' />",
      '<link rel="shortcut icon" href="favicon.ico">',
      '<LINK REL=mask-icon HREF=/safari.svg?v=2>',
    ].join('\n');
    expect(ownIconPaths(html, '/corpus/page.html')).toEqual([
      '/favicon-32x32.png',
      '/apple-touch-icon-57x57.png',
      '/corpus/favicon.ico',
      '/safari.svg',
    ]);
  });

  it('leaves out icons on other hosts, links that are not icons, and repeats', () => {
    const html = [
      '<link rel="icon" href="https://cdn.example.com/favicon.ico">',
      '<link rel="icon" href="//static.example.net/icon.png">',
      '<link rel="stylesheet" href="/site.css">',
      '<link rel="preload" href="/iconography.woff2">',
      '<link rel="icon" href="/favicon.png"><link rel="icon" href="/favicon.png">',
      '<link href="/no-rel.png">',
    ].join('');
    expect(ownIconPaths(html, '/corpus/page.html')).toEqual(['/favicon.png']);
  });
});
