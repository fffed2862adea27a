/**
 * Site names as the reader sees and stores them ("nytimes.com"): one spelling
 * per site, so lists deduplicate and a paused site matches its pages.
 */

// One to 63 letters, digits or hyphens per label, no hyphen at either end; 253 characters at most.
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
// "www." names the same site for readers; kept only where nothing would remain but a top-level domain.
const LEADING_WWW = /^www\.(?=[^.]+\.[^.]+)/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const MAX_INPUT_LENGTH = 2048;

/**
 * The canonical site name for a hostname, a pasted URL or a typed name:
 * lower case, international names in punycode, no "www.", no port, no path.
 * Null when the input names no site.
 */
export function normalizeSiteName(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (text === '' || text.length > MAX_INPUT_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(SCHEME.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const hostname = url.hostname.replace(/\.$/, '').replace(LEADING_WWW, '');
  return HOSTNAME.test(hostname) ? hostname : null;
}

/** Normalizes a list of site names: drops non-strings and non-sites, removes duplicates, keeps order. */
export function normalizeSiteList(entries: readonly unknown[]): string[] {
  const sites = new Set<string>();
  for (const entry of entries) {
    const site = typeof entry === 'string' ? normalizeSiteName(entry) : null;
    if (site !== null) sites.add(site);
  }
  return [...sites];
}

/** Whether a page's hostname (or URL) belongs to one of the listed sites or their subdomains. */
export function isSiteListed(hostnameOrUrl: string, sites: readonly string[]): boolean {
  // Most readers pause no site: skip parsing the page's URL on every load.
  if (sites.length === 0) return false;
  const host = normalizeSiteName(hostnameOrUrl);
  if (host === null) return false;
  return sites.some((site) => host === site || host.endsWith(`.${site}`));
}
