/**
 * The harness checks itself: the "no errors" assertions in every other suite are only worth
 * something if errors are really caught, in both browsers, on web pages and extension pages.
 */
import { expect, it } from 'vitest';
import { FIXTURE_HOSTS, htmlResponse } from './support/server';
import { forEachBrowser } from './support/suite';

/**
 * A page under a strict CSP whose own inline script is blocked: the browser must report it.
 * Served on a host outside the built-in list, so only the page itself can cause errors.
 */
const STRICT_CSP_PAGE = htmlResponse(
  '<!doctype html><title>CSP</title><p id="text">mutual defense treaty</p><input id="field"><script>void 0</script>',
  { 'content-security-policy': "default-src 'none'" },
);

/** Lets queued timers run, so errors thrown from them have been reported. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(() => setTimeout(resolve)));
}

forEachBrowser(({ driver, server }) => {
  it('catches console errors and uncaught errors on an extension page', async () => {
    const page = await driver().newPage(driver().extensionPageUrl('popup.html'));

    await page.evaluate(() => {
      console.error('harness console error');
      setTimeout(() => {
        throw new Error('harness uncaught error');
      });
    });
    await page.evaluate(settle);

    const errors = await page.errors();
    expect(errors.console.join('\n')).toContain('harness console error');
    expect(errors.page.join('\n')).toContain('harness uncaught error');
  });

  it('catches page errors and CSP reports on a web page, and sends key combinations', async () => {
    server().route('/harness-csp.html', STRICT_CSP_PAGE);
    const page = await driver().newPage(server().url(FIXTURE_HOSTS.notListed, '/harness-csp.html'));

    await page.evaluate(() => {
      console.error('harness console error');
      void Promise.reject(new Error('harness rejection'));
    });
    await page.evaluate(settle);
    await page.click('#field');
    await page.type('ab');
    await page.press('Shift+KeyC');

    const errors = await page.errors();
    expect(errors.console).toEqual(['harness console error']);
    expect(errors.page.join('\n')).toContain('harness rejection');
    expect(errors.csp.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.querySelector<HTMLInputElement>('#field')?.value)).toBe('abC');
  });
});
