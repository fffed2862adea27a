// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { dataset } from '@/src/data';
import { compileMatcher } from '@/src/matching';
import { ArticleContext } from '@/src/page/article-context';

/** The article words an element's text brings, as the block marker passes them. */
function factsOf(text: string): Int32Array | null {
  return matcher.scan(text).facts;
}

const matcher = compileMatcher(dataset);

describe('article context', () => {
  it('forgets an article a single-page site swapped out, so the old one is not kept alive', () => {
    const context = new ArticleContext(matcher, () => undefined);
    const regions = (context as unknown as { regions: Map<Element | null, unknown> }).regions;
    for (let story = 0; story < 5; story += 1) {
      document.body.replaceChildren();
      const article = document.createElement('article');
      const paragraph = document.createElement('p');
      paragraph.textContent = 'Senators in Jerusalem discussed Israel and the mutual defense treaty.';
      article.append(paragraph);
      document.body.append(article);
      context.blockRead(paragraph, [], [], null, factsOf(paragraph.textContent));
      context.sweep();
      expect([...regions.keys()]).toEqual([article]);
    }
  });
});
