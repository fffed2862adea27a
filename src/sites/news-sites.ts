import newsSites from './news-sites.json';

/** Registrable domains of the built-in news and policy sites. */
export const NEWS_SITE_DOMAINS: readonly string[] = newsSites.sites;

/** Match pattern for a domain and all of its subdomains, over HTTPS only. */
export function matchPatternForDomain(domain: string): string {
  return `https://*.${domain}/*`;
}

/** Content-script match patterns for every built-in news site. */
export const NEWS_SITE_MATCHES: readonly string[] = NEWS_SITE_DOMAINS.map(matchPatternForDomain);

/** Whether a page URL belongs to one of the built-in news sites. */
export function isBuiltInNewsSite(url: string): boolean {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') return false;
    host = parsed.hostname.toLowerCase();
  } catch {
    return false;
  }
  return NEWS_SITE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
