// The floor of `npm run bench`'s page-cost section: the least any content script that reads a page's
// text has to do. It runs where Policy Lens runs (same hosts, document_idle), walks every text node of
// the document once and reads it, and records its own timing in its isolated world, under the same
// global Policy Lens's content script uses, for the bench to read over the DevTools protocol or
// WebDriver BiDi. Plain script, no build step: keep it that way, so the floor never changes by accident.
/* global document, NodeFilter */
(() => {
  const start = performance.now();
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
  let textNodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    textNodes += 1;
    chars += node.data.length;
  }
  const done = performance.now();
  // firstMarks: when the walk is done (the floor marks nothing; the point where a scanner could).
  globalThis.__policyLensBenchTiming = { start, firstMarks: done, settled: done, textNodes, chars };
})();
