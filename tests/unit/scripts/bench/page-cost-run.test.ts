import { describe, expect, it, vi } from 'vitest';
import type { Corpus } from '../../../../scripts/bench/corpus';

// No production build anywhere: the section must say how to make one before starting any browser.
vi.mock('../../../../scripts/lib/paths', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../scripts/lib/paths')>()),
  extensionBuildDir: (kind: string) => `/nonexistent/.output/${kind === 'chromium' ? 'chrome-mv3' : 'firefox-mv3'}`,
}));

const { runPageCost } = await import('../../../../scripts/bench/page-cost');
const { requireProductionBuild } = await import('../../../../scripts/bench/page-cost-extensions');

const options = { browser: 'chromium' as const, loads: 1, settleMs: 0, verbose: false, generatedAsked: false, packs: 0 };
const generated: Corpus = { source: 'generated pages (no corpus at ../shared/corpus/news-pages)', generated: true, pages: [{ name: 'g.html', html: '<p>x</p>' }] };

describe('page cost: when it cannot run', () => {
  it('skips with a message when the shared corpus is absent (the generated set stands in)', async () => {
    const progress = vi.fn();
    const outcome = await runPageCost(generated, options, progress);
    expect(outcome).toEqual({
      skipped:
        'Page cost: skipped, generated pages (no corpus at ../shared/corpus/news-pages); it measures saved news pages ' +
        '(use --corpus DIR, or --generated to run it on the generated set).',
    });
    expect(progress).not.toHaveBeenCalled();
  });

  it('fails with a clear message when the production build is missing', async () => {
    expect(() => requireProductionBuild('chromium')).toThrow(
      /^Page cost needs the production build: \S*\.output\/chrome-mv3\/manifest\.json is missing\. Run npm run build first/,
    );
    const corpus: Corpus = { source: '/corpus', generated: false, pages: [{ name: 'a.html', html: '<p>a</p>' }] };
    await expect(runPageCost(corpus, { ...options, browser: 'firefox' }, () => undefined)).rejects.toThrow(/firefox-mv3\/manifest\.json is missing/);
  });
});
