/**
 * What the stated minimum browsers (Chrome 105, Firefox 140) lack, as patterns over shipped code.
 * The build lowers syntax (vite target chrome105/firefox140) and lightningcss lowers some CSS,
 * but nothing adds a missing API or CSS function: these must not appear at all, or only behind a
 * feature check (GUARDED_APIS, checked in the sources). See docs/compatibility.md.
 *
 * Used by tests/unit/compat.test.ts (sources) and tests/build/compat.test.ts (production builds).
 */
import ts from 'typescript';

/** The oldest browsers the manifests admit; wxt.config.ts, the manifests and the docs must agree. */
export const MINIMUM = { chrome: 105, firefox: 140 } as const;

/** One API or feature newer than a stated minimum. */
export interface CompatRule {
  name: string;
  /** First versions with it ("none" where a browser lacks it). */
  chrome: string;
  firefox: string;
  pattern: RegExp;
  /** Code that uses it, which the pattern must catch (proves the check can fail). */
  example: string;
  /** Checked in stylesheets only, not in CSS text inside scripts (the name is also a script API used behind a guard). */
  stylesheetsOnly?: true;
}

/** JavaScript and extension APIs (checked in .ts/.tsx sources and built .js). */
export const TOO_NEW_JS: readonly CompatRule[] = [
  { name: 'Promise.withResolvers', chrome: '119', firefox: '121', pattern: /\bPromise\.withResolvers\b/, example: 'const { promise } = Promise.withResolvers();' },
  { name: 'Promise.try', chrome: '128', firefox: '134', pattern: /\bPromise\.try\b/, example: 'Promise.try(run)' },
  { name: 'AbortSignal.any', chrome: '116', firefox: '124', pattern: /\bAbortSignal\.any\b/, example: 'AbortSignal.any([a, b])' },
  { name: 'Array change-by-copy (toSorted, toReversed, toSpliced)', chrome: '110', firefox: '115', pattern: /\.(?:toSorted|toReversed|toSpliced)\(/, example: 'list.toSorted((a, b) => a - b)' },
  { name: 'Object.groupBy / Map.groupBy', chrome: '117', firefox: '119', pattern: /\b(?:Object|Map)\.groupBy\b/, example: 'Object.groupBy(items, (item) => item.kind)' },
  { name: 'Set methods (union, intersection, difference…)', chrome: '122', firefox: '127', pattern: /\.(?:union|intersection|difference|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/, example: 'seen.union(other)' },
  { name: 'Iterator helpers', chrome: '122', firefox: '131', pattern: /\bIterator\.from\b|\.(?:keys|values|entries)\(\)\.(?:map|filter|take|drop|flatMap|reduce|toArray|forEach|some|every|find)\(/, example: 'map.values().filter(Boolean)' },
  { name: 'Array.fromAsync', chrome: '121', firefox: '115', pattern: /\bArray\.fromAsync\b/, example: 'await Array.fromAsync(stream)' },
  { name: 'String isWellFormed / toWellFormed', chrome: '111', firefox: '119', pattern: /\.(?:isWellFormed|toWellFormed)\(/, example: 'text.toWellFormed()' },
  {
    name: 'RegExp v flag',
    chrome: '112',
    firefox: '116',
    pattern: /\bRegExp\([^()]*,\s*['"`][dgimsuy]*v[dgimsuy]*['"`]\)|(?:^|[=(,:;!&|?{}[\s])\/(?![*/\s])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+\/[dgimsuy]*v[dgimsuy]*(?![\w$])/,
    example: 'const emoji = /[\\p{RGI_Emoji}--\\q{x}]/v;',
  },
  { name: 'RegExp.escape', chrome: '136', firefox: '134', pattern: /\bRegExp\.escape\b/, example: 'RegExp.escape(term)' },
  {
    name: 'URL.parse / URL.canParse',
    chrome: '126 / 120',
    firefox: '126 / 115',
    // valibot's url() feature-checks it (`URL.canParse ? URL.canParse(x) : (new URL(x), true)`): that form is fine.
    pattern: /(?<!URL\.canParse\?)\bURL\.(?:parse|canParse)\b(?!\?)/,
    example: 'URL.parse(href)',
  },
  { name: 'Uint8Array base64 / hex', chrome: '140', firefox: '133', pattern: /\.(?:fromBase64|toBase64|fromHex|toHex)\(/, example: 'Uint8Array.fromBase64(text)' },
  { name: 'HighlightRegistry.highlightsFromPoint', chrome: '140', firefox: 'none', pattern: /\bhighlightsFromPoint\b/, example: 'CSS.highlights.highlightsFromPoint(x, y)' },
  { name: 'document.startViewTransition', chrome: '111', firefox: '144', pattern: /\bstartViewTransition\b/, example: 'document.startViewTransition(update)' },
  { name: 'CloseWatcher', chrome: '126', firefox: 'none', pattern: /\bCloseWatcher\b/, example: 'new CloseWatcher()' },
  { name: 'navigator.userAgentData', chrome: '90', firefox: 'none', pattern: /\buserAgentData\b/, example: 'navigator.userAgentData.brands' },
  { name: 'action.setBadgeTextColor', chrome: '110', firefox: '109', pattern: /\bsetBadgeTextColor\b/, example: 'browser.action.setBadgeTextColor({ color: "#fff" })' },
  { name: 'runtime.getContexts', chrome: '116', firefox: '129', pattern: /\bruntime\.getContexts\b/, example: 'browser.runtime.getContexts({})' },
  { name: 'action.openPopup', chrome: '127', firefox: '108', pattern: /\baction\.openPopup\b/, example: 'browser.action.openPopup()' },
  { name: 'sidePanel', chrome: '114', firefox: 'none', pattern: /\bsidePanel\.\w+/, example: 'chrome.sidePanel.open({})' },
  { name: 'offscreen documents', chrome: '109', firefox: 'none', pattern: /\boffscreen\.createDocument\b/, example: 'chrome.offscreen.createDocument({})' },
  { name: 'permissions.addHostAccessRequest', chrome: '133', firefox: 'none', pattern: /\baddHostAccessRequest\b/, example: 'browser.permissions.addHostAccessRequest({ tabId })' },
  { name: 'content script matchOriginAsFallback', chrome: '119', firefox: '128', pattern: /\bmatchOriginAsFallback\b/, example: '{ matchOriginAsFallback: true }' },
];

/** CSS functions, at-rules and units (checked in .css sources, built .css, and CSS inlined into built .js). */
export const TOO_NEW_CSS: readonly CompatRule[] = [
  { name: 'light-dark()', chrome: '123', firefox: '120', pattern: /\blight-dark\(/, example: 'color: light-dark(#000, #fff);' },
  { name: 'color-mix()', chrome: '111', firefox: '113', pattern: /\bcolor-mix\(/, example: 'background: color-mix(in srgb, var(--a) 20%, white);' },
  { name: 'relative colour syntax', chrome: '119', firefox: '128', pattern: /\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(\s*from\s/, example: 'color: rgb(from var(--a) r g b / 50%);' },
  { name: '@scope', chrome: '118', firefox: '146', pattern: /@scope\b/, example: '@scope (.card) { p { margin: 0 } }' },
  { name: '@starting-style', chrome: '117', firefox: '129', pattern: /@starting-style\b/, example: '@starting-style { .card { opacity: 0 } }' },
  { name: 'anchor positioning', chrome: '125', firefox: 'none', pattern: /(?<![\w.$-])anchor\(|\banchor-name\s*:|\bposition-anchor\s*:|\bposition-area\s*:/, example: 'top: anchor(bottom);' },
  { name: 'dynamic viewport units (dvh, svh, lvh…)', chrome: '108', firefox: '101', pattern: /\d(?:dvh|svh|lvh|dvw|svw|lvw|dvb|dvi)\b/, example: 'max-height: 80dvh;' },
  { name: 'field-sizing', chrome: '123', firefox: 'none', pattern: /\bfield-sizing\s*:/, example: 'field-sizing: content;' },
  { name: ':user-valid / :user-invalid', chrome: '119', firefox: '88', pattern: /:user-(?:valid|invalid)\b/, example: 'input:user-invalid { border-color: red }' },
  // The card's script matches ':popover-open' behind its feature check (GUARDED_APIS); a stylesheet must not rely on it.
  { name: ':popover-open in CSS', chrome: '114', firefox: '125', pattern: /:popover-open\b/, example: '.layer:popover-open { display: block }', stylesheetsOnly: true },
];

/** An API newer than a minimum that the code uses on purpose, behind a feature check with a fallback. */
export interface GuardedApi {
  name: string;
  chrome: string;
  firefox: string;
  /** Any use of the API in the sources. */
  use: RegExp;
  /** The only files allowed to use it, relative to the repo root. */
  files: readonly string[];
  /** The feature check each of those files must contain. */
  guard: RegExp;
  /** What happens where it is missing, and the test that runs that path. */
  fallback: string;
}

/** Every API the sources may use only behind its feature check. */
export const GUARDED_APIS: readonly GuardedApi[] = [
  {
    name: 'scheduler.yield()',
    chrome: '129',
    firefox: '142',
    use: /\bscheduler\.yield\b/,
    files: ['src/page/scheduler.ts'],
    guard: /typeof scheduler\.yield === 'function'/,
    fallback: 'a MessageChannel message per slice (tests/unit/page-scheduler.test.ts, tests/unit/compat-fallbacks.test.tsx)',
  },
  {
    name: 'document.caretPositionFromPoint()',
    chrome: '128',
    firefox: '20',
    use: /\bcaretPositionFromPoint\b/,
    files: ['src/card/hit-test.ts'],
    guard: /typeof caretDoc\.caretPositionFromPoint === 'function'/,
    fallback: 'document.caretRangeFromPoint() (Chromium before 128; tests/unit/card/hit-test.test.ts)',
  },
  {
    name: 'document.caretRangeFromPoint()',
    chrome: '4',
    firefox: 'none',
    use: /\bcaretRangeFromPoint\b/,
    files: ['src/card/hit-test.ts'],
    guard: /typeof caretDoc\.caretRangeFromPoint === 'function'/,
    fallback: 'only used where caretPositionFromPoint is missing; neither: no hit (tests/unit/compat-fallbacks.test.tsx)',
  },
  {
    name: 'Popover API (showPopover, :popover-open)',
    chrome: '114',
    firefox: '125',
    use: /\b(?:showPopover|hidePopover|togglePopover)\b|:popover-open|'popover'/,
    files: ['src/card/surface.tsx'],
    guard: /typeof element\.showPopover === 'function'/,
    fallback: 'the card layer is a fixed, top z-index element in our shadow root (tests/unit/compat-fallbacks.test.tsx)',
  },
  {
    name: 'Highlight.priority',
    chrome: '105',
    firefox: '140',
    use: /\.priority\b/,
    files: ['src/page/highlights.ts'],
    guard: /'priority' in highlight/,
    fallback: 'the flash is registered last, which paints it on top (tests/unit/compat-fallbacks.test.tsx)',
  },
  {
    name: 'storage.session',
    chrome: '102',
    firefox: '115',
    use: /\bstorage\.session\b/,
    files: ['src/background/tab-state.ts'],
    guard: /session \? createStorageTabStore\(session\) : createMemoryTabStore\(\)/,
    fallback: 'tab states in memory (tests/unit/background/background.test.ts)',
  },
  {
    name: 'commands.openShortcutSettings()',
    chrome: 'none',
    firefox: '137',
    use: /\bopenShortcutSettings\b/,
    files: ['src/options/controller.ts'],
    guard: /if \(commands\.openShortcutSettings\)/,
    fallback: "opens Chrome's shortcut page (tests/unit/compat-fallbacks.test.tsx)",
  },
];

/** TypeScript/TSX source as the browser will see it: types and comments gone, so docs and type names never count as uses. */
export function shippedCode(source: string, fileName: string): string {
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: { removeComments: true, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ESNext },
  }).outputText;
}

/** CSS without comments. */
export function cssWithoutComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

/** The names of the rules whose pattern occurs in `code`, each with the text around the first hit. */
export function violations(code: string, rules: readonly CompatRule[]): string[] {
  return rules.flatMap((rule) => {
    const hit = rule.pattern.exec(code);
    if (!hit) return [];
    const context = code.slice(Math.max(0, hit.index - 40), hit.index + hit[0].length + 40).replace(/\s+/g, ' ');
    return [`${rule.name} (Chrome ${rule.chrome}, Firefox ${rule.firefox}): …${context}…`];
  });
}

/**
 * Preludes of rules nested inside a style rule (CSS nesting: Chrome 112, relaxed 120; Firefox
 * 117). lightningcss lowers nesting for our targets, so this guards the sources and proves the
 * built CSS has none left.
 */
export function nestedRules(css: string): string[] {
  const text = cssWithoutComments(css).replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
  const stack: Array<'style' | 'at'> = [];
  const nested: string[] = [];
  let preludeStart = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '{') {
      const prelude = text.slice(preludeStart, index).trim();
      if (stack.at(-1) === 'style') nested.push(prelude);
      stack.push(prelude.startsWith('@') ? 'at' : 'style');
      preludeStart = index + 1;
    } else if (char === '}') {
      stack.pop();
      preludeStart = index + 1;
    } else if (char === ';') {
      preludeStart = index + 1;
    }
  }
  return nested;
}
