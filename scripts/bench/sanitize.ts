/**
 * Makes a saved news page inert before it is benchmarked: its scripts,
 * inline event handlers, `javascript:` URLs and meta refreshes are removed,
 * so only our code runs and the page cannot navigate away. The rest of the
 * markup is kept byte for byte (no parse and re-serialize), so the browser
 * builds the same DOM the page would have had without scripts.
 */

const SCRIPT_ELEMENT = /<script\b[^>]*>[\s\S]*?(?:<\/script\s*>|$)/gi;
/** A start tag with its attributes; quoted values may hold `>`. */
const START_TAG = /<[a-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/)*\s*>/gi;
const EVENT_HANDLER = /\s+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)/gi;
/** Any attribute whose value is a `javascript:` URL (spaces and case as browsers accept them). */
const SCRIPT_URL = /\s+[^\s"'>/=]+\s*=\s*(?:"\s*javascript:[^"]*"|'\s*javascript:[^']*'|javascript:[^\s"'=<>`]*)/gi;
const META_REFRESH = /^<meta\b[\s\S]*\bhttp-equiv\s*=\s*["']?\s*refresh/i;

/** The page without scripts, event handlers, script URLs or meta refresh. */
export function sanitizeHtml(html: string): string {
  return html.replace(SCRIPT_ELEMENT, '').replace(START_TAG, (tag) => {
    if (META_REFRESH.test(tag)) return '';
    return tag.replace(EVENT_HANDLER, '').replace(SCRIPT_URL, '');
  });
}
