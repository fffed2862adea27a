import { describe, expect, it } from 'vitest';
import { isBuiltInNewsSite, NEWS_SITE_DOMAINS, NEWS_SITE_MATCHES } from '@/src/sites';

describe('built-in news sites', () => {
  it('lists at least 40 sites, sorted and without duplicates', () => {
    expect(NEWS_SITE_DOMAINS.length).toBeGreaterThanOrEqual(40);
    expect([...NEWS_SITE_DOMAINS].sort()).toEqual(NEWS_SITE_DOMAINS);
    expect(new Set(NEWS_SITE_DOMAINS).size).toBe(NEWS_SITE_DOMAINS.length);
  });

  it('holds bare registrable domains only', () => {
    for (const domain of NEWS_SITE_DOMAINS) expect(domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('matches https pages of each site and its subdomains only', () => {
    expect(NEWS_SITE_MATCHES).toContain('https://*.nytimes.com/*');
    expect(NEWS_SITE_MATCHES.every((pattern) => pattern.startsWith('https://*.'))).toBe(true);
    expect(isBuiltInNewsSite('https://www.nytimes.com/2024/10/01/world/x.html')).toBe(true);
    expect(isBuiltInNewsSite('https://nytimes.com/')).toBe(true);
    expect(isBuiltInNewsSite('http://www.nytimes.com/')).toBe(false);
    expect(isBuiltInNewsSite('https://notnytimes.com/')).toBe(false);
    expect(isBuiltInNewsSite('https://nytimes.com.evil.example/')).toBe(false);
    expect(isBuiltInNewsSite('not a url')).toBe(false);
  });
});
