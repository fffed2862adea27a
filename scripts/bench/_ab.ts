import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { sanitizeHtml } from './sanitize';
import { buildKernels } from './bundle';
const kernels = await buildKernels();
const css = readFileSync('entrypoints/content/highlights.css', 'utf8');
for (const name of ['aclu.html', 'bbc-1.html', 'folha.html']) {
  const html = sanitizeHtml(readFileSync(`/work/shared/corpus/news-pages/${name}`, 'utf8'));
  for (const gc of [false, true, false, true]) {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', ...(gc ? ['--js-flags=--expose-gc'] : [])] });
    const page = await browser.newPage();
    await page.route('**/*', (r) => r.request().url() === 'http://x.test/' ? r.fulfill({ body: html, contentType: 'text/html' }) : r.abort());
    await page.goto('http://x.test/');
    await page.evaluate(`(() => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(css)}; document.head.append(s); })()`);
    await page.evaluate(kernels);
    const r = await page.evaluate(`(async () => { const api = window.__policyLensBench; await api.longestTask(); const o = {minMs: 50, maxIterations: 100000}; const ks = ['walk','walkStyle','read','find','total']; const out = {}; for (const k of ks) { await api.sample(k, o); out[k] = []; } for (let i = 0; i < 7; i++) for (const k of ks) out[k].push((await api.sample(k, o)).perIterationMs); const med = (a) => a.sort((x, y) => x - y)[3]; return Object.fromEntries(ks.map(k => [k, med(out[k]).toFixed(3)])); })()`);
    console.log(name, gc ? 'gc  ' : 'nogc', JSON.stringify(r));
    await browser.close();
  }
}
