/**
 * The page-cost section of `npm run bench`: what a reader pays per page load
 * for the whole production extension. Each corpus page (scripts stripped,
 * every other request refused by its CSP) is served over HTTPS as a
 * built-in news site, so the content scripts run, and loaded in real
 * Chromium with no extension, with the floor extension and with the
 * production build, interleaved, each load in a fresh tab. See
 * page-cost-figures.ts for what is computed from the loads.
 *
 * With --browser firefox only the content scripts' own timing is measured
 * (see page-cost-firefox.ts).
 */
import { isBuiltInNewsSite } from '../../src/sites/news-sites';
import { firefoxExtensionId, type BrowserKind } from '../lib/browsers';
import { htmlResponse, startHttpsServer } from '../lib/https-server';
import type { Corpus } from './corpus';
import { launchChromiumVariant, type PageCostBrowser } from './page-cost-chromium';
import {
  FLOOR_EXTENSION_DIR,
  FLOOR_GECKO_ID,
  contentScriptFiles,
  requireProductionBuild,
  type ContentScriptFiles,
} from './page-cost-extensions';
import {
  evaluatePageCostTargets,
  loadOrder,
  pageCostFigures,
  summarizePageCost,
  VARIANT_LABELS,
  type LoadSample,
  type PageCostPage,
  type PageCostSummary,
  type Variant,
} from './page-cost-figures';
import { launchFirefoxVariant } from './page-cost-firefox';
import { compileSyntheticPacks, packStorageItems } from './synthetic-packs';

/** Terms in each generated pack of `--packs` (the issue's load case: two packs of 400 terms). */
const SYNTHETIC_PACK_TERMS = 400;
import { formatFirefoxPageCostSummary, formatPageCostSummary, formatPageCostTable, type PageCostContext } from './page-cost-report';
import { PAGE_CSP } from './page-server';
import { formatMs, formatRatio, type TargetResult } from './report';

/** The built-in news site pages are served as (the content scripts match it; nothing else resolves). */
export const PAGE_COST_HOST = 'www.nytimes.com';

/** What the section is asked to do. */
export interface PageCostOptions {
  browser: BrowserKind;
  loads: number;
  settleMs: number;
  /** Generated 400-term packs imported into Policy Lens (Chromium); 0 for the built-in notes alone. */
  packs: number;
  verbose: boolean;
  /** The corpus is the generated set because --generated asked for it (else a missing corpus skips the section). */
  generatedAsked: boolean;
}

/** A page that could not be measured, and why. */
export interface PageCostFailure {
  name: string;
  error: string;
}

/** Everything the section measured, for --json. */
export interface PageCostReport {
  browser: string;
  host: string;
  loads: number;
  settleMs: number;
  variants: Variant[];
  contentScripts: { floor: ContentScriptFiles; ours: ContentScriptFiles };
  durationS: number;
  summary: PageCostSummary;
  /** Null in Firefox, where only the first-marks target can be judged (see the text output). */
  targets: TargetResult[] | null;
  notes: string[];
  pages: Array<PageCostPage & { samples: LoadSample[] }>;
  failures: PageCostFailure[];
}

/** The section's outcome: its text, and its figures unless it was skipped. */
export type PageCostOutcome = { skipped: string } | { text: string; report: PageCostReport };

/** Runs the section over `corpus`; progress lines go to `progress`. */
export async function runPageCost(
  corpus: Corpus,
  options: PageCostOptions,
  progress: (line: string) => void,
): Promise<PageCostOutcome> {
  if (corpus.generated && !options.generatedAsked) {
    return { skipped: `Page cost: skipped, ${corpus.source}; it measures saved news pages (use --corpus DIR, or --generated to run it on the generated set).` };
  }
  if (!isBuiltInNewsSite(`https://${PAGE_COST_HOST}/`)) throw new Error(`${PAGE_COST_HOST} is no longer a built-in news site: pick another PAGE_COST_HOST`);
  const build = requireProductionBuild(options.browser);
  const server = await startHttpsServer({ hosts: [PAGE_COST_HOST], routes: { '/favicon.ico': { status: 204 } } });
  const sampleUrl = server.url(PAGE_COST_HOST, '/bench/1');
  const contentScripts = {
    floor: contentScriptFiles(FLOOR_EXTENSION_DIR, sampleUrl),
    ours: contentScriptFiles(build.dir, sampleUrl),
  };
  if (contentScripts.floor.js.length === 0 || contentScripts.ours.js.length === 0) {
    await server.close();
    throw new Error(`A manifest injects no content script into ${sampleUrl}: check the floor's and the build's content_scripts.matches`);
  }
  const notes: string[] = build.warning ? [`Warning: ${build.warning}.`] : [];
  if (options.packs > 0) {
    notes.push(`Policy Lens runs with ${options.packs} imported note packs of ${SYNTHETIC_PACK_TERMS} generated terms each, besides the built-in notes.`);
  }
  if (build.warning) progress(`page cost: warning: ${build.warning}`);

  const variants: Variant[] = options.browser === 'chromium' ? ['none', 'floor', 'ours'] : ['floor', 'ours'];
  const timing = { settleMs: options.settleMs };
  const browsers = new Map<Variant, PageCostBrowser>();
  const started = Date.now();
  let served = 0;
  const serve = (html: string) => {
    served += 1;
    const path = `/bench/${served}`;
    const remove = server.route(path, htmlResponse(html, { 'content-security-policy': PAGE_CSP }));
    return { url: server.url(PAGE_COST_HOST, path), remove };
  };

  const pages: Array<PageCostPage & { samples: LoadSample[] }> = [];
  const failures: PageCostFailure[] = [];
  try {
    // One after the other: starting three browsers at once would compete for the two cores.
    for (const variant of variants) {
      progress(`page cost: starting ${options.browser} (${VARIANT_LABELS[variant]})…`);
      browsers.set(variant, await launch(options.browser, variant, build.dir, timing, options.packs));
    }
    const version = browsers.get('ours')?.version ?? 'unknown browser';
    progress(`page cost: ${version}; ${corpus.pages.length} pages × ${variants.length} variants × ${options.loads} loads`);

    // Warm-up: one discarded load per variant (first-run costs), which also checks the content scripts run.
    const first = corpus.pages[0];
    if (first !== undefined) {
      for (const variant of variants) {
        const page = serve(first.html);
        try {
          const sample = await (browsers.get(variant) as PageCostBrowser).load(page.url, -1);
          checkWarmUp(variant, sample, page.url);
        } finally {
          page.remove();
        }
      }
    }

    for (const [index, corpusPage] of corpus.pages.entries()) {
      const label = `[${index + 1}/${corpus.pages.length}] ${corpusPage.name}`;
      const samples: LoadSample[] = [];
      try {
        for (const { round, variant } of loadOrder(options.loads, variants)) {
          const page = serve(corpusPage.html);
          try {
            samples.push(await (browsers.get(variant) as PageCostBrowser).load(page.url, round));
          } finally {
            page.remove();
          }
        }
        const figures = pageCostFigures(corpusPage.name, samples);
        pages.push({ ...figures, samples });
        progress(`${label}: ${describePage(figures, options.browser)}`);
      } catch (error) {
        const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        failures.push({ name: corpusPage.name, error: message });
        progress(`${label}: FAILED ${message}`);
      }
    }

    if (pages.length === 0) throw new Error('Page cost: no page could be measured.');
    const summary = summarizePageCost(pages, { floor: contentScripts.floor.bytes, ours: contentScripts.ours.bytes });
    notes.push(...(browsers.get('ours')?.notes?.() ?? []));
    if (failures.length > 0) notes.push(`Not measured: ${failures.map((failure) => `${failure.name} (${failure.error})`).join('; ')}`);
    const context: PageCostContext = {
      browser: version,
      pages: pages.length,
      source: corpus.source,
      url: `https://${PAGE_COST_HOST}:${server.port}/bench/N`,
      loads: options.loads,
      settleMs: options.settleMs,
      contentScripts,
      notes,
    };
    const targets = options.browser === 'chromium' ? evaluatePageCostTargets(summary) : null;
    const text = [
      targets === null ? formatFirefoxPageCostSummary(summary, context) : formatPageCostSummary(summary, targets, context),
      ...(options.verbose ? ['', formatPageCostTable(pages)] : []),
    ].join('\n');
    return {
      text,
      report: {
        browser: version,
        host: PAGE_COST_HOST,
        loads: options.loads,
        settleMs: options.settleMs,
        variants,
        contentScripts,
        durationS: Math.round((Date.now() - started) / 1000),
        summary,
        targets,
        notes,
        pages,
        failures,
      },
    };
  } finally {
    for (const browser of browsers.values()) await browser.close();
    await server.close();
  }
}

async function launch(
  kind: BrowserKind,
  variant: Variant,
  buildDir: string,
  timing: { settleMs: number },
  packs: number,
): Promise<PageCostBrowser> {
  if (kind === 'chromium') {
    const dir = variant === 'none' ? undefined : variant === 'floor' ? FLOOR_EXTENSION_DIR : buildDir;
    const storageLocal = variant === 'ours' && packs > 0 ? await packStorageItems(compileSyntheticPacks(packs, SYNTHETIC_PACK_TERMS)) : {};
    return launchChromiumVariant(variant, dir, PAGE_COST_HOST, timing, storageLocal);
  }
  if (packs > 0) throw new Error('--packs is measured in Chromium only');
  if (variant === 'none') throw new Error('Firefox page cost has no no-extension variant');
  const extension =
    variant === 'floor' ? { dir: FLOOR_EXTENSION_DIR, id: FLOOR_GECKO_ID } : { dir: buildDir, id: firefoxExtensionId(buildDir) };
  return launchFirefoxVariant(variant, extension, PAGE_COST_HOST, timing);
}

/** The warm-up load proves the set-up: the floor records its timing, Policy Lens's content script runs. */
function checkWarmUp(variant: Variant, sample: LoadSample, url: string): void {
  if (variant === 'floor' && sample.timing === null) {
    throw new Error(`The floor extension recorded no timing on ${url}: did its content script run? (${FLOOR_EXTENSION_DIR})`);
  }
  if (variant === 'ours' && sample.contentScriptRan === false) {
    throw new Error(`Policy Lens's content script did not run on ${url}: is the production build complete?`);
  }
}

/** One progress line. */
function describePage(page: PageCostPage, browser: BrowserKind): string {
  const firstMarks = (figures: PageCostPage['ours']) =>
    figures.timedLoads === 0 ? 'n/a' : figures.firstMarksMs === null ? 'nothing marked' : `${formatMs(figures.firstMarksMs)} ms`;
  if (browser === 'firefox') {
    return `first marks floor ${firstMarks(page.floor)}, ours ${firstMarks(page.ours)}; ours settled ${formatMs(page.ours.settledMs)} ms`;
  }
  const longTasks = page.ours.extraLongTaskLoads === null ? 'n/a' : `${page.ours.extraLongTaskLoads}/${page.ours.loads}`;
  const ratio = (value: number | null) => (value === null ? '–' : formatRatio(value));
  return (
    `+script (trace) floor ${formatMs(page.floor.addedTracedScriptMs)} ms, ours ${formatMs(page.ours.addedTracedScriptMs)} ms ` +
    `(${ratio(page.tracedScriptRatio)}; ScriptDuration ${ratio(page.scriptRatio)}); first marks ours ${firstMarks(page.ours)}; ` +
    `extra long tasks ours ${longTasks}; marks ${page.ours.highlights ?? '–'}`
  );
}
