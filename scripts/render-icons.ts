/**
 * Rasterizes the extension icon SVGs into the PNG sizes the manifest needs,
 * plus the 440x280 store promo tile (kept out of the build, next to its SVG).
 *
 * Usage: npx tsx scripts/render-icons.ts
 * Env:   CHROME_PATH  browser to render with (default /usr/bin/chromium)
 *
 * The PNGs are committed, so the build never needs a browser; run this only
 * after editing assets/icon.svg, assets/icon/icon-16.svg or the promo SVG.
 */
import { readFile, mkdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';
import { REPO_ROOT } from './lib/paths';

const outDir = path.join(REPO_ROOT, 'assets/public/icon');
const promo = { source: 'assets/icon/promo-440x280.svg', out: 'assets/icon/promo-440x280.png', width: 440, height: 280 };

/** Which source draws which size: below 32 px the full drawing turns to mush, so 16 px has its own. */
const targets = [
  { size: 16, source: 'assets/icon/icon-16.svg' },
  { size: 32, source: 'assets/icon.svg' },
  { size: 48, source: 'assets/icon.svg' },
  { size: 96, source: 'assets/icon.svg' },
  { size: 128, source: 'assets/icon.svg' },
];

/** Forces the SVG's own width/height to the target size so the browser draws it at exactly that many pixels. */
function sized(svg: string, size: number): string {
  return svg.replace(/<svg\b([^>]*)>/, (_tag, attrs: string) => {
    const rest = attrs.replace(/\s(width|height)="[^"]*"/g, '');
    return `<svg${rest} width="${size}" height="${size}">`;
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  await mkdir(outDir, { recursive: true });
  for (const { size, source } of targets) {
    const svg = await readFile(path.join(REPO_ROOT, source), 'utf8');
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}` +
        `svg{display:block}</style></head><body>${sized(svg, size)}</body></html>`,
    );
    const file = path.join(outDir, `${size}.png`);
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    process.stdout.write(`${path.relative(REPO_ROOT, file)}  ${size}x${size}  from ${source}\n`);
  }

  // Opened by address, not inlined, so the tile's relative link to the icon resolves.
  const page = await browser.newPage({ viewport: { width: promo.width, height: promo.height }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(path.join(REPO_ROOT, promo.source)).href);
  await page.screenshot({ path: path.join(REPO_ROOT, promo.out) });
  await page.close();
  process.stdout.write(`${promo.out}  ${promo.width}x${promo.height}  from ${promo.source}\n`);
} finally {
  await browser.close();
}
