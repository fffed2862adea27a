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

function rgbChannels(hex: string): string {
  return [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16)).join(' ');
}

/** The stylesheet for these topic ids, in this order. */
export function renderHighlightCss(topicIds: readonly string[]): string {
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
      `::highlight(${highlightName('underline', topic)}) {`,
      '  text-decoration-line: underline;',
      '  text-decoration-style: solid;',
      '  text-decoration-thickness: 2px;',
      `  text-decoration-color: ${colour};`,
      '  text-underline-offset: 0.2em;',
      '}',
      `::highlight(${highlightName('background', topic)}) {`,
      `  background-color: rgb(${rgbChannels(colour)} / ${BACKGROUND_ALPHA});`,
      '}',
      '',
    );
  });
  const underlines = topicIds.map((topic) => `::highlight(${highlightName('underline', topic)})`);
  const backgrounds = topicIds.map((topic) => `::highlight(${highlightName('background', topic)})`);
  lines.push(
    `::highlight(${FLASH_HIGHLIGHT_NAME}) {`,
    '  background-color: rgb(255 200 0 / 0.8);',
    '  color: #111;',
    '}',
    '',
    '/* Forced colours (e.g. Windows high contrast): system colours the reader chose. */',
    '@media (forced-colors: active) {',
    `  ${underlines.join(',\n  ')} {`,
    '    text-decoration-color: LinkText;',
    '  }',
    `  ${backgrounds.join(',\n  ')} {`,
    '    background-color: Mark;',
    '    color: MarkText;',
    '  }',
    `  ::highlight(${FLASH_HIGHLIGHT_NAME}) {`,
    '    background-color: Highlight;',
    '    color: HighlightText;',
    '  }',
    '}',
    '',
  );
  return lines.join('\n');
}

/** The stylesheet for the bundled data's topics, then the colour slots imported packs' topics paint under. */
export function renderBundledHighlightCss(): string {
  return renderHighlightCss([...dataset.topics.map((topic) => topic.id), ...importedPaintKeys()]);
}

/** A Vite plugin serving the bundled data's stylesheet as the CSS module {@link HIGHLIGHT_CSS_MODULE}. */
export function highlightCssPlugin(): Plugin {
  return {
    name: 'policy-lens-highlight-css',
    resolveId: (id) => (id === HIGHLIGHT_CSS_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? renderBundledHighlightCss() : undefined),
  };
}
