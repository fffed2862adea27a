/**
 * A saved HTML page as a DOM in Node (linkedom), for the scripts that read
 * pages the way the extension does (`npm run scan`, `npm run eval`).
 */
import { parseHTML } from 'linkedom';

/** Parses a page; its scripts are never run. */
export function parseSavedPage(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}
