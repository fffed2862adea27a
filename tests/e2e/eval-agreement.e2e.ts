/**
 * `npm run scan` and the extension agree: articles of the labelled evaluation
 * set (tests/eval), read in Node by the scan's path and loaded in each browser
 * with the production build, get the same marks (topic and text), off-topic
 * ones none. The scan reads pages with the page's own reader and article
 * context, so a difference here is a bug in one of the two.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/browsers';
import { scanPage } from '../../scripts/scan';
import { dataset } from '../../src/data/index';
import { matcherSourceOf } from '../../src/data/matcher-source';
import { compileMatcher } from '../../src/matching/index';
import type { TestPage } from './support/browser';
import { HIGHLIGHT_PREFIX, poll } from './support/marks';
import { FIXTURE_HOSTS, htmlResponse, type Route } from './support/server';
import { forEachBrowser } from './support/suite';

const EVAL_DIR = join(REPO_ROOT, 'tests', 'eval', 'articles');
/** A spread of the set: treaty articles with the country named once, other alliances, aid, and look-alikes. */
const ARTICLES = [
  'on-topic/01-treaty-talks-resume.html',
  'on-topic/08-philippines-mdt-shoal.html',
  'on-topic/12-hezbollah-northern-front-treaty.html',
  'on-topic/13-mou-aid-renewal-talks.html',
  'on-topic/18-british-paper-mutual-defence-treaty.html',
  'on-topic/22-stavridis-working-group-retrospective.html',
  'off-topic/01-sports-ufc-title-fight.html',
  'off-topic/11-culture-music-israel-montague-tour.html',
  'off-topic/21-world-saudi-pakistan-defence-pact.html',
];

const routes: Record<string, Route> = Object.fromEntries(
  ARTICLES.map((article) => [`/eval/${article}`, () => htmlResponse(readFileSync(join(EVAL_DIR, article), 'utf8'))]),
);

/** One mark as both sides can name it: topic and text, whitespace collapsed. */
function key(topic: string, text: string): string {
  return `${topic} | ${text.replace(/\s+/g, ' ').trim()}`;
}

/** Page function: every underline-style mark, as `key`s (the default style). */
function marksInPage(prefix: string): Array<[string, string]> {
  const marks: Array<[string, string]> = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith(`${prefix}u-`)) continue;
    for (const range of highlight as unknown as Iterable<AbstractRange>) marks.push([name.slice(prefix.length + 2), String(range)]);
  }
  return marks;
}

/** The page's marks once they stop changing (the first scan has settled). */
async function settledMarks(page: TestPage): Promise<string[]> {
  await page.waitForContentScript();
  let last = '';
  return poll(async () => {
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    const marks = (await page.evaluate(marksInPage, HIGHLIGHT_PREFIX)).map(([topic, text]) => key(topic, text)).sort();
    const now = JSON.stringify(marks);
    const stable = now === last;
    last = now;
    return stable ? marks : undefined;
  });
}

const matcher = compileMatcher(matcherSourceOf(dataset));

forEachBrowser(
  ({ driver, server }) => {
    it.each(ARTICLES)('marks %s as npm run scan does', async (article) => {
      const expected = scanPage(matcher, readFileSync(join(EVAL_DIR, article), 'utf8'))
        .map((mention) => key(mention.topic, mention.text))
        .sort();
      const page = await driver().newPage(server().url(FIXTURE_HOSTS.nytimes, `/eval/${article}`));
      expect(await settledMarks(page)).toEqual(expected);
      if (article.startsWith('off-topic/')) expect(expected).toEqual([]);
    });
  },
  { routes },
);
