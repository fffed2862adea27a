import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { evenlySpread, loadCorpus } from '../../../../scripts/bench/corpus';
import { GENERATED_PAGE_PARAGRAPHS, generateCorpus } from '../../../../scripts/bench/generated-corpus';
import { sanitizeHtml } from '../../../../scripts/bench/sanitize';

const TERMS = ['mutual defense treaty', 'Abraham Accords', 'U.S. & Israel <pact>'];

function textNodes(html: string): Text[] {
  const { document } = parseHTML(html);
  const found: Text[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === 3) found.push(node as Text);
    for (const child of node.childNodes) visit(child);
  };
  visit(document.body);
  return found;
}

describe('generated corpus', () => {
  const pages = generateCorpus(TERMS);

  it('is the same on every call, and a different seed gives different pages', () => {
    expect(generateCorpus(TERMS)).toEqual(pages);
    expect(generateCorpus(TERMS, 7)[0]?.html).not.toBe(pages[0]?.html);
  });

  it('has one page per article length, with unique names', () => {
    expect(pages).toHaveLength(GENERATED_PAGE_PARAGRAPHS.length);
    expect(new Set(pages.map((page) => page.name)).size).toBe(pages.length);
  });

  it('makes most pages big enough for the summary (>= 200 text nodes), growing with the article', () => {
    const counts = pages.map((page) => textNodes(page.html).length);
    expect(counts.filter((count) => count >= 200).length).toBeGreaterThanOrEqual(pages.length - 2);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
  });

  it('puts the data’s terms in the prose, escaped as text', () => {
    const text = pages.map((page) => parseHTML(page.html).document.body.textContent).join(' ');
    for (const term of TERMS) expect(text).toContain(term);
  });

  it('has no scripts, and carries the content a scanner must skip', () => {
    const { document } = parseHTML(pages[2]?.html ?? '');
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelector('pre code')).not.toBeNull();
    expect(document.querySelector('.menu')).not.toBeNull();
  });
});

describe('sanitizeHtml', () => {
  it('removes script elements, with or without attributes, closed or not', () => {
    const html = '<p>a</p><script>alert(1)</script><p>b</p><SCRIPT type="module" src="x.js"></SCRIPT ><p>c</p><script>never closed';
    expect(sanitizeHtml(html)).toBe('<p>a</p><p>b</p><p>c</p>');
  });

  it('removes inline event handlers in any quoting, keeping other attributes', () => {
    const html = `<body onload="go()"><a href="/x" onclick='track()' class=link onmouseover=hover>link</a></body>`;
    expect(sanitizeHtml(html)).toBe('<body><a href="/x" class=link>link</a></body>');
  });

  it('removes javascript: URLs and meta refresh', () => {
    const html = '<meta http-equiv="refresh" content="0;url=/next"><meta charset="utf-8"><a href=" JavaScript:void(0)" title="t">x</a>';
    expect(sanitizeHtml(html)).toBe('<meta charset="utf-8"><a title="t">x</a>');
  });

  it('leaves text that only looks like a handler alone, and keeps quoted > inside tags', () => {
    const html = '<p data-note="a > b" title="onclick=1">The onboard = 5 rule</p>';
    expect(sanitizeHtml(html)).toBe(html);
  });
});

describe('loadCorpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
  writeFileSync(join(dir, 'b.html'), '<p onclick="x()">B</p><script>1</script>');
  writeFileSync(join(dir, 'a.htm'), '<p>A</p>');
  writeFileSync(join(dir, 'notes.txt'), 'not a page');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the folder’s HTML files in name order, made inert', () => {
    const corpus = loadCorpus(dir);
    expect(corpus.generated).toBe(false);
    expect(corpus.pages).toEqual([
      { name: 'a.htm', html: '<p>A</p>' },
      { name: 'b.html', html: '<p>B</p>' },
    ]);
  });

  it('keeps only the first pages when limited', () => {
    expect(loadCorpus(dir, 1).pages.map((page) => page.name)).toEqual(['a.htm']);
  });

  it('uses the generated pages when asked, whatever folder exists', () => {
    const corpus = loadCorpus(undefined, 2, true);
    expect(corpus.generated).toBe(true);
    expect(corpus.pages.map((page) => page.name)).toEqual(generateCorpus([]).slice(0, 2).map((page) => page.name));
  });

  it('fails clearly for a missing folder', () => {
    expect(() => loadCorpus(join(dir, 'missing'))).toThrow(/Corpus folder not found/);
  });
});

describe('evenlySpread', () => {
  it('takes every index when nothing or enough is asked for', () => {
    expect([...evenlySpread(4, undefined)]).toEqual([0, 1, 2, 3]);
    expect([...evenlySpread(3, 10)]).toEqual([0, 1, 2]);
  });

  it('spreads the wanted count from first to last', () => {
    expect([...evenlySpread(130, 5)]).toEqual([0, 32, 65, 97, 129]);
    expect([...evenlySpread(10, 1)]).toEqual([0]);
    expect(evenlySpread(10, 0).size).toBe(0);
  });
});
