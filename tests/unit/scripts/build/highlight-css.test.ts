import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset } from '@/src/data';
import { highlightName, IMPORTED_PAINT_SLOTS, paintKeyOf } from '@/src/page/highlights';
import {
  HIGHLIGHT_CSS_MODULE,
  HIGHLIGHT_PALETTE,
  HIGHLIGHT_RULE_FORMS,
  highlightCssBrowser,
  highlightCssPlugin,
  renderBundledHighlightCss,
  renderHighlightCss,
} from '@/scripts/build/highlight-css';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((index) => {
    const channel = parseInt(hex.slice(index, index + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const BROWSERS = Object.keys(HIGHLIGHT_RULE_FORMS) as Array<keyof typeof HIGHLIGHT_RULE_FORMS>;

describe('highlight stylesheet', () => {
  it("is what each browser's build serves to the content script and the options page, from the topics in the data", () => {
    for (const [target, browser] of [['chrome', 'chrome'], ['edge', 'chrome'], ['firefox', 'firefox']] as const) {
      const plugin = highlightCssPlugin(target);
      const resolveId = plugin.resolveId as (id: string) => string | undefined;
      const load = plugin.load as (id: string) => string | undefined;
      const resolved = resolveId(HIGHLIGHT_CSS_MODULE);
      expect(resolved).toBeDefined();
      expect(resolved).toMatch(/\.css$/);
      expect(load(resolved!)).toBe(renderBundledHighlightCss(browser));
      expect(resolveId('./other.css')).toBeUndefined();
    }
    expect(renderBundledHighlightCss('chrome')).not.toBe(renderBundledHighlightCss('firefox'));
    for (const entry of ['entrypoints/content/index.ts', 'entrypoints/options/main.tsx']) {
      expect(readFileSync(join(import.meta.dirname, '..', '..', '..', '..', entry), 'utf8'), entry).toContain(`import '${HIGHLIGHT_CSS_MODULE}';`);
    }
  });

  it.each(BROWSERS)('styles both highlight names of every topic (%s)', (browser) => {
    const css = renderBundledHighlightCss(browser);
    const prefix = HIGHLIGHT_RULE_FORMS[browser].selectorPrefix;
    for (const topic of dataset.topics) {
      expect(css).toContain(`\n${prefix}::highlight(${highlightName('underline', topic.id)}) {`);
      expect(css).toContain(`\n${prefix}::highlight(${highlightName('background', topic.id)}) {`);
    }
  });

  it("styles the colour slots imported packs' topics paint under, and every imported topic lands in one", () => {
    const css = renderBundledHighlightCss('firefox');
    for (let slot = 0; slot < IMPORTED_PAINT_SLOTS; slot += 1) {
      expect(css).toContain(`::highlight(policy-lens-u-pack-${slot}) {`);
      expect(css).toContain(`::highlight(policy-lens-b-pack-${slot}) {`);
    }
    const ids = ['us-collective-defense/nato', 'us-collective-defense/anzus', 'a/b', 'another-pack/nato'];
    for (const id of ids) {
      expect(paintKeyOf(id)).toMatch(/^pack-\d+$/);
      expect(paintKeyOf(id)).toBe(paintKeyOf(id));
      expect(css).toContain(`::highlight(${highlightName('underline', id)}) {`);
    }
    // Built-in topics keep their own names.
    expect(paintKeyOf('jinsa-treaty-work')).toBe('jinsa-treaty-work');
  });

  it.each(BROWSERS)('uses only properties that ::highlight() supports, and no selector that could style an element (%s)', (browser) => {
    const css = renderHighlightCss(['a-topic'], browser);
    const allowed = /^(color|background-color|text-decoration-(line|style|thickness|color)|text-underline-offset)$/;
    for (const [, property] of css.matchAll(/^\s+([a-z-]+):/gm)) expect(property).toMatch(allowed);
    const selectors = (css.replace(/\/\*[\s\S]*?\*\//g, '').match(/(?<=^|[{};]\s*)[^{}@;\s][^{};]*(?=\{)/gm) ?? []).flatMap((list) => list.split(','));
    expect(selectors.length).toBeGreaterThan(5);
    // Chromium: only on the root element (highlight inheritance carries it to all text); Firefox: universal.
    const form = browser === 'chrome' ? /^:root::highlight\([a-z0-9-]+\)$/ : /^::highlight\([a-z0-9-]+\)$/;
    for (const selector of selectors) expect(selector.trim()).toMatch(form);
  });

  it('tints the underline style only where the engine draws no underline in a highlight (Firefox)', () => {
    expect(highlightCssBrowser('firefox')).toBe('firefox');
    expect(highlightCssBrowser('chrome')).toBe('chrome');
    expect(highlightCssBrowser('opera')).toBe('chrome');
    const underlineRule = (browser: 'chrome' | 'firefox') => /::highlight\(policy-lens-u-one\) \{([^}]*)\}/.exec(renderHighlightCss(['one'], browser))?.[1] ?? '';
    expect(underlineRule('chrome')).toContain('text-decoration-line: underline;');
    expect(underlineRule('chrome')).not.toContain('background-color');
    expect(underlineRule('firefox')).toContain('text-decoration-line: underline;');
    expect(underlineRule('firefox')).toMatch(/background-color: rgb\(47 111 219 \/ 0\.12\);/);
  });

  it('gives distinct topics distinct colours while the palette lasts', () => {
    const css = renderHighlightCss(['one', 'two'], 'chrome');
    expect(css).toContain(`text-decoration-color: ${HIGHLIGHT_PALETTE[0]};`);
    expect(css).toContain(`text-decoration-color: ${HIGHLIGHT_PALETTE[1]};`);
    expect(new Set(HIGHLIGHT_PALETTE).size).toBe(HIGHLIGHT_PALETTE.length);
  });

  it.each(HIGHLIGHT_PALETTE)('colour %s keeps 3:1 contrast on white and on a dark page', (colour) => {
    expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(contrast(colour, '#121212')).toBeGreaterThanOrEqual(3);
  });
});
