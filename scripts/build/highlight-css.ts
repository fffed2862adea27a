/**
 * The build step that writes the content script's highlight stylesheet from
 * the topic list, served to the bundle as a CSS module
 * (`virtual:policy-lens/highlights.css`), so it is never out of date and
 * never committed.
 *
 * `::highlight()` takes one exact name, so every topic needs its own rules:
 * an underline and a background variant, each in the topic's colour. The
 * content script imports the module, so WXT lists the CSS in the manifest and
 * the browser injects it: a page's CSP cannot block it and the page's DOM gets
 * no style element. The options page imports it too, for its preview.
 *
 * The two engines need different rules, so each browser's build gets its own
 * stylesheet (see {@link HIGHLIGHT_RULE_FORMS}).
 */
import type { Plugin } from 'vite';
import { dataset } from '../../src/data/index';
import { FLASH_HIGHLIGHT_NAME, highlightName, importedPaintKeys } from '../../src/page/highlights';

/** The module the content script (and the options page's preview) imports the stylesheet from. */
export const HIGHLIGHT_CSS_MODULE = 'virtual:policy-lens/highlights.css';
const RESOLVED = `\0${HIGHLIGHT_CSS_MODULE}`;

/**
 * Topic colours, assigned in data order (wrapping after the last). Each has
 * at least 3:1 contrast against both white and a near-black page (#121212),
 * so an underline stays visible on light and dark sites alike.
 */
export const HIGHLIGHT_PALETTE: readonly string[] = [
  '#2f6fdb', // blue
  '#c2410c', // burnt orange
  '#0f8a5f', // green
  '#c0267a', // magenta
  '#7c4ddb', // violet
  '#b7791f', // amber
  '#0e7fa3', // cyan
  '#c53030', // red
  '#5f8a1c', // olive
  '#a23fc0', // purple
  '#0d8a80', // teal
  '#8a6a12', // bronze
  '#5b6b82', // slate
  '#d6336c', // pink
  '#e8590c', // orange
  '#6b5fd3', // periwinkle
];

/** Opacity of the background style: tints the text without hiding it, on light and dark pages. */
const BACKGROUND_ALPHA = 0.25;
/** Opacity of the underline style's tint, where the engine draws no underline (lighter than the background style's). */
const UNDERLINE_TINT_ALPHA = 0.12;

/** How one engine's stylesheet writes its rules. */
export interface HighlightRuleForm {
  /** What stands before `::highlight(...)` in every selector. */
  selectorPrefix: ':root' | '';
  /** Whether the underline style also tints the text, for an engine that draws no text decoration in highlights. */
  tintUnderline: boolean;
}

/**
 * The rules each browser's build gets.
 *
 * Chromium: one rule on the root element. Custom highlights inherit their
 * styles from the parent element's (CSS highlight inheritance, Chromium's
 * model for `::highlight()` since it shipped), so the root's rule reaches
 * all text. Written as universal rules instead, all 130 are matched against
 * every element at every style recalculation: on ten corpus pages that added
 * a median 17.9 ms of style recalculation per load (up to 84 ms), the same
 * rules on the root added 0.6 ms (README, "Where the style time went").
 *
 * Firefox 140: a rule on the root paints nothing (no highlight inheritance),
 * so rules stay universal; there they cost no measurable restyle time. Firefox
 * 140 draws no text decoration in a highlight either, so the underline style
 * also tints the text, lightly: the underline joins it once Firefox draws one.
 */
export const HIGHLIGHT_RULE_FORMS = {
  chrome: { selectorPrefix: ':root', tintUnderline: false },
  firefox: { selectorPrefix: '', tintUnderline: true },
} as const satisfies Record<string, HighlightRuleForm>;

/** A browser whose stylesheet has its own form. */
export type HighlightCssBrowser = keyof typeof HIGHLIGHT_RULE_FORMS;

/** The form for WXT's target browser: Firefox's own, every other target is Chromium. */
export function highlightCssBrowser(targetBrowser: string): HighlightCssBrowser {
  return targetBrowser === 'firefox' ? 'firefox' : 'chrome';
}

function rgbChannels(hex: string): string {
  return [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16)).join(' ');
}

/** The stylesheet for these topic ids, in this order, for one browser. */
export function renderHighlightCss(topicIds: readonly string[], browser: HighlightCssBrowser): string {
  const { selectorPrefix, tintUnderline } = HIGHLIGHT_RULE_FORMS[browser];
  const selector = (name: string) => `${selectorPrefix}::highlight(${name})`;
  const lines = [
    '/*',
    ' * Generated at build time by scripts/build/highlight-css.ts from the topics in src/data/policy-notes.json',
    ' * and the colour slots imported packs\' topics share (pack-0 ...).',
    ' * These rules style CSS Custom Highlights only; they never match an element of the page.',
    ' */',
    '',
  ];
  topicIds.forEach((topic, index) => {
    const colour = HIGHLIGHT_PALETTE[index % HIGHLIGHT_PALETTE.length] as string;
    lines.push(
      `${selector(highlightName('underline', topic))} {`,
      '  text-decoration-line: underline;',
      '  text-decoration-style: solid;',
      '  text-decoration-thickness: 2px;',
      `  text-decoration-color: ${colour};`,
      '  text-underline-offset: 0.2em;',
      ...(tintUnderline ? [`  background-color: rgb(${rgbChannels(colour)} / ${UNDERLINE_TINT_ALPHA});`] : []),
      '}',
      `${selector(highlightName('background', topic))} {`,
      `  background-color: rgb(${rgbChannels(colour)} / ${BACKGROUND_ALPHA});`,
      '}',
      '',
    );
  });
  const underlines = topicIds.map((topic) => selector(highlightName('underline', topic)));
  const backgrounds = topicIds.map((topic) => selector(highlightName('background', topic)));
  lines.push(
    `${selector(FLASH_HIGHLIGHT_NAME)} {`,
    '  background-color: rgb(255 200 0 / 0.8);',
    '  color: #111;',
    '}',
    '',
    '/* Forced colours (e.g. Windows high contrast): system colours the reader chose. */',
    '@media (forced-colors: active) {',
    `  ${underlines.join(',\n  ')} {`,
    '    text-decoration-color: LinkText;',
    ...(tintUnderline ? ['    background-color: Mark;', '    color: MarkText;'] : []),
    '  }',
    `  ${backgrounds.join(',\n  ')} {`,
    '    background-color: Mark;',
    '    color: MarkText;',
    '  }',
    `  ${selector(FLASH_HIGHLIGHT_NAME)} {`,
    '    background-color: Highlight;',
    '    color: HighlightText;',
    '  }',
    '}',
    '',
  );
  return lines.join('\n');
}

/** One browser's stylesheet for the bundled data's topics, then the colour slots imported packs' topics paint under. */
export function renderBundledHighlightCss(browser: HighlightCssBrowser): string {
  return renderHighlightCss([...dataset.topics.map((topic) => topic.id), ...importedPaintKeys()], browser);
}

/** A Vite plugin serving the bundled data's stylesheet for WXT's target browser as the CSS module {@link HIGHLIGHT_CSS_MODULE}. */
export function highlightCssPlugin(targetBrowser: string): Plugin {
  const browser = highlightCssBrowser(targetBrowser);
  return {
    name: 'policy-lens-highlight-css',
    resolveId: (id) => (id === HIGHLIGHT_CSS_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? renderBundledHighlightCss(browser) : undefined),
  };
}
