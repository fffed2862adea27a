/**
 * Nothing leaves the browser: a page with Policy Lens running, a card hovered open and the popup
 * opened for it, makes exactly the requests the same page makes where Policy Lens does not run,
 * apart from the host name. Requests are recorded twice: by the fixture server, and by the
 * browser for the tab (which also sees requests to hosts the server does not answer for).
 */
import { expect, it } from 'vitest';
import type { TestPage } from './support/browser';
import { hoverMark, waitForMarksAt } from './support/marks';
import { FIXTURE_HOSTS, htmlResponse, type Route } from './support/server';
import { forEachBrowser } from './support/suite';

const PAGE_PATH = '/nn-article.html';

/** A page with a stylesheet, an image, a script and a fetch of its own, so "the page's requests" is not an empty set. */
const ROUTES: Record<string, Route> = {
  [PAGE_PATH]: htmlResponse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>No-network fixture (Policy Lens test)</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/nn-assets/site.css">
<script src="/nn-assets/app.js" defer></script>
</head>
<body>
<main>
  <article id="story">
    <h1>Senators weigh a treaty with Israel</h1>
    <img src="/nn-assets/photo.svg" alt="" width="320" height="80">
    <p id="lede">Israeli officials say a mutual defense treaty with Washington is closer than ever.</p>
    <p id="accords">Gulf partners who joined the Abraham Accords are watching closely.</p>
    <p id="status" class="late">loading</p>
  </article>
</main>
</body>
</html>`),
  '/nn-assets/site.css': { headers: { 'content-type': 'text/css' }, body: 'body { font: 18px/1.6 Georgia, serif; } .late { background: url(/nn-assets/late.svg) no-repeat right; }' },
  '/nn-assets/photo.svg': { headers: { 'content-type': 'image/svg+xml' }, body: svg('#c9ced8') },
  '/nn-assets/late.svg': { headers: { 'content-type': 'image/svg+xml' }, body: svg('#8a1c1c') },
  '/nn-assets/app.js': {
    headers: { 'content-type': 'text/javascript' },
    body: `fetch('/nn-assets/data.json').then((response) => response.json()).then((data) => {
  document.getElementById('status').textContent = data.status;
  window.__appDone = true;
});`,
  },
  '/nn-assets/data.json': { headers: { 'content-type': 'application/json' }, body: '{"status":"Updated at noon."}' },
};

function svg(fill: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="80"><rect width="320" height="80" fill="${fill}"/></svg>`;
}

/** Page function: the centre of `text` inside the element `id`, found with the page's own Range (no highlight needed). */
function textPointInPage({ id, text }: { id: string; text: string }): { x: number; y: number } {
  const element = document.getElementById(id);
  const node = Array.from(element?.childNodes ?? []).find((child): child is Text => child instanceof Text && child.data.includes(text));
  if (!node) throw new Error(`No text "${text}" in #${id}`);
  const range = document.createRange();
  const start = node.data.indexOf(text);
  range.setStart(node, start);
  range.setEnd(node, start + text.length);
  const box = range.getBoundingClientRect();
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
}

/** Waits until the page's own script has fetched its data. */
async function waitForPageApp(page: TestPage): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __appDone?: boolean }).__appDone === true, undefined, {
    message: "the page's own script to fetch its data",
  });
}

/** Lets pending work finish: a few frames and half a second (figures a late request would need), not an assertion. */
function settle(page: TestPage): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 500)))),
  );
}

/** URLs with the fixture origin replaced, so the same page on two hosts compares equal. */
function withoutOrigin(urls: readonly string[], origin: string): string[] {
  return urls.map((url) => (url.startsWith(origin) ? `<origin>${url.slice(origin.length)}` : url)).sort();
}

forEachBrowser(({ kind, driver, server }) => {
  it('makes no request the page alone does not make, with a card open and the popup shown', async () => {
    const hoverTarget = { id: 'accords', text: 'Abraham Accords' };

    // Where Policy Lens does not run: the page's own requests.
    const baselineOrigin = new URL(server().url(FIXTURE_HOSTS.notListed)).origin;
    const baselineStart = server().requests.length;
    const baseline = await driver().newPage(server().url(FIXTURE_HOSTS.notListed, PAGE_PATH));
    await waitForPageApp(baseline);
    const baselinePoint = await baseline.evaluate(textPointInPage, hoverTarget);
    await baseline.mouseMove(1, 1);
    await baseline.mouseMove(baselinePoint.x, baselinePoint.y);
    await settle(baseline);
    const baselineServer = server()
      .requests.slice(baselineStart)
      .filter((request) => request.host.startsWith(FIXTURE_HOSTS.notListed))
      .map((request) => `${request.method} ${request.path}`)
      .sort();
    const baselineBrowser = withoutOrigin(baseline.requests(), baselineOrigin);
    await baseline.close();

    // Where Policy Lens runs: the same page, marked, a card hovered open, the popup opened for the tab.
    const origin = new URL(server().url(FIXTURE_HOSTS.nytimes)).origin;
    const start = server().requests.length;
    const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, PAGE_PATH));
    await waitForPageApp(page);
    await waitForMarksAt(page, 'accords', ['Abraham Accords']);
    const card = await hoverMark(page, hoverTarget.text, hoverTarget.id);
    expect(card).toContain('Abraham Accords');
    const popup = await driver().newPage(driver().extensionPageUrl(`popup.html?tab=${await driver().tabIdOf(page)}`));
    await popup.waitForFunction(() => (document.querySelector('#app')?.childElementCount ?? 0) > 0, undefined, {
      message: 'the popup to render',
    });
    await settle(popup);
    await settle(page);

    const seenByServer = server()
      .requests.slice(start)
      .filter((request) => !request.host.startsWith(FIXTURE_HOSTS.notListed))
      .map((request) => `${request.method} ${request.path}`)
      .sort();
    // Document, stylesheet, script, two images and the fetch: both records really see the page's traffic.
    expect(baselineServer.length).toBeGreaterThanOrEqual(6);
    expect(baselineBrowser.length).toBeGreaterThanOrEqual(6);
    expect(seenByServer).toEqual(baselineServer);
    expect(withoutOrigin(page.requests(), origin)).toEqual(baselineBrowser);
    // The popup loads only its own files from the extension package.
    if (kind === 'chromium') expect(popup.requests().length).toBeGreaterThan(0);
    // (Firefox reports no network events for moz-extension pages; there the server's record is the check.)
    expect(popup.requests().filter((url) => !/^(?:chrome|moz)-extension:\/\//.test(url))).toEqual([]);
    expect(await page.errors()).toEqual({ console: [], page: [], csp: [] });
    expect(await popup.errors()).toEqual({ console: [], page: [], csp: [] });
  });
}, { routes: ROUTES });
