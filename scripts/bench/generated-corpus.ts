/**
 * A small set of synthetic news pages for when the shared corpus is absent:
 * navigation, an article of paragraphs with links and emphasis, terms from
 * the data sprinkled through the prose, a hidden menu, a code sample, a
 * comment list and a footer. Deterministic (seeded), so runs compare.
 */
import type { CorpusPage } from './corpus';

/** Article lengths in paragraphs, one page each: from a brief to a long read. */
export const GENERATED_PAGE_PARAGRAPHS: readonly number[] = [12, 40, 80, 160, 320, 600];

const WORDS = (
  'the officials said on talks week government minister security region agreement would could ' +
  'plan new report after before during between while former state policy analysts critics ' +
  'support against defense public vote leaders meeting statement deal process question answer ' +
  'border forces economic pressure allies capital response military diplomatic process reported'
).split(' ');

/** A small seeded generator (mulberry32): the same seed gives the same pages. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)] as T;
}

function words(count: number, next: () => number): string {
  return Array.from({ length: count }, () => pick(WORDS, next)).join(' ');
}

/** One paragraph: prose around a link, some emphasis, and (in about half) a term. */
function paragraph(terms: readonly string[], next: () => number): string {
  const term = terms.length > 0 && next() < 0.5 ? ` the ${escapeHtml(pick(terms, next))} ` : ' ';
  return (
    `<p>${words(12, next)},${term}${words(6, next)} <a href="#s${Math.floor(next() * 1000)}">${words(3, next)}</a> ` +
    `${words(10, next)} <em>${words(2, next)}</em> ${words(8, next)}.</p>`
  );
}

function linkList(count: number, next: () => number): string {
  const items = Array.from({ length: count }, (_, index) => `<li><a href="#n${index}">${words(2, next)}</a></li>`);
  return `<ul>${items.join('')}</ul>`;
}

/** The generated pages; `terms` are the data's term texts (any may appear in the prose). */
export function generateCorpus(terms: readonly string[], seed = 20240307): CorpusPage[] {
  return GENERATED_PAGE_PARAGRAPHS.map((paragraphs, index) => {
    const next = random(seed + index);
    const body = Array.from({ length: paragraphs }, (_, at) =>
      at > 0 && at % 25 === 0 ? `<h2>${words(5, next)}</h2>${paragraph(terms, next)}` : paragraph(terms, next),
    );
    const comments = Array.from(
      { length: Math.ceil(paragraphs / 10) },
      () => `<li><b>${words(1, next)}</b> <span>${words(14, next)}</span></li>`,
    );
    const html = [
      '<!doctype html>',
      `<html lang="en"><head><meta charset="utf-8"><title>${words(6, next)}</title>`,
      '<style>body{font:16px/1.5 serif;max-width:44em;margin:auto}.menu{display:none}</style></head><body>',
      `<header><nav>${linkList(30, next)}</nav><div class="menu">${linkList(20, next)}</div></header>`,
      `<main><article><h1>${words(8, next)}</h1><p class="byline">By ${words(2, next)}</p>`,
      body.join('\n'),
      `<pre><code>policy.check("${escapeHtml(pick(terms, next) ?? 'treaty')}")</code></pre>`,
      '</article>',
      `<aside aria-label="Comments"><ol>${comments.join('')}</ol></aside></main>`,
      `<footer>${linkList(40, next)}<p>${words(20, next)}</p></footer>`,
      '</body></html>',
    ].join('\n');
    return { name: `generated-${String(index + 1).padStart(2, '0')}-${paragraphs}p.html`, html };
  });
}
