/**
 * The benchmark's page side, bundled by `bundle.ts` into one IIFE and run in
 * the page under test. Each kernel does one whole job over the page with the
 * scanner's real code; `sample` loops a kernel long enough for a stable
 * per-iteration time. Installs `window.__policyLensBench` (see `protocol.ts`).
 */
import { dataset } from '@/src/data';
import tables from 'virtual:policy-lens/matcher-tables';
import { loadMatcher, type Matcher } from '@/src/matching';
import { createPageMarker, type MarkingSettings, type PageMarker } from '@/src/page';
import { matchWholeBlock } from '@/src/page/match-block';
import { MentionChecker } from '@/src/page/mention-check';
import { createYieldToHost, type SliceHost } from '@/src/page/scheduler';
import { readBlock, readSubtree, type BlockText } from '@/src/page/reading';
import {
  BENCH_GLOBAL,
  type BenchApi,
  type IncrementalResult,
  type LongestTaskResult,
  type LoopKernel,
  type PageInfo,
  type Sample,
  type SampleOptions,
} from './protocol';

/** The slice of mark.js 8.11.1's API we call (its dist file is injected before this bundle). */
interface MarkJs {
  mark(terms: string[], options: Record<string, unknown>): void;
  unmark(options: { done(): void }): void;
}
type MarkJsConstructor = new (context: Element) => MarkJs;

const SETTINGS: MarkingSettings = {
  enabled: true,
  disabledTopics: [],
  markMode: 'every',
  highlightStyle: 'underline',
  pausedSites: [],
};
const TOPICS = dataset.topics.map((topic) => topic.id);
/** mark.js gets every term text in the data, once each. */
const MARKJS_TERMS = [...new Set(dataset.topics.flatMap((topic) => topic.terms.map((term) => term.text)))];
/** The mark.js options, plus `diacritics: false` (with diacritics every term becomes a huge character-class regex). */
const MARKJS_OPTIONS = { separateWordSearch: false, acrossElements: true, diacritics: false };
const APPENDED_PARAGRAPHS = 30;
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const ELEMENT_NODE = 1;

/**
 * Runs the scanner's scheduler without waiting for frames or the event loop:
 * the same slices, publishes and yields, but nothing idle is timed.
 */
const IMMEDIATE_HOST: SliceHost = {
  requestFrame: (callback) => queueMicrotask(callback),
  yieldToHost: () => Promise.resolve(),
  now: () => performance.now(),
};

let compiled: { matcher: Matcher; ms: number } | null = null;

function matcher(): Matcher {
  if (!compiled) {
    const started = performance.now();
    // The shipped tables, loaded as the content script loads them.
    const built = loadMatcher(tables);
    compiled = { matcher: built, ms: performance.now() - started };
  }
  return compiled.matcher;
}

/** Reading offsetHeight makes the browser finish style and layout now, as painting the marks would. */
function forceLayout(): number {
  return document.documentElement.offsetHeight;
}

/** Runs one of the scanner's step-wise generators to its end in one go. */
function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The floor: a bare TreeWalker over every text node, touching each node's text. */
function walk(): number {
  const walker = document.createTreeWalker(document.documentElement, SHOW_TEXT);
  let nodes = 0;
  let chars = 0;
  while (walker.nextNode()) {
    nodes += 1;
    chars += (walker.currentNode as Text).data.length;
  }
  return nodes + (chars & 1);
}

/** Diagnostic: the walk plus each element's computed display, the one style read the scanner makes per element. */
function walkStyle(): number {
  const walker = document.createTreeWalker(document.documentElement, SHOW_ELEMENT | SHOW_TEXT);
  let produced = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === ELEMENT_NODE) produced += getComputedStyle(node as Element).display.length;
    else produced += (node as Text).data.length;
  }
  return produced;
}

/**
 * Reads every block of the page the way the page marker's first scan does
 * (one walk from the root; a block whose text runs through a component over
 * the flat tree), handing each block's text to `onBlock`.
 */
function readPage(onBlock: (text: BlockText) => number): number {
  let produced = 0;
  const flat: Array<{ block: Element; added: Set<Node> | null }> = [];
  for (const batch of readSubtree(document.documentElement, { deep: true, added: null })) {
    for (const read of batch) {
      if (read.text) produced += onBlock(read.text);
      else if (read.components) flat.push({ block: read.block, added: new Set(read.components) });
    }
  }
  for (let job = flat.pop(); job; job = flat.pop()) {
    const read = drain(readBlock(job.block, { deep: job.added === null, added: job.added, onShadowRoot: () => undefined }));
    produced += onBlock(read.text);
    for (const block of read.nested) flat.push({ block, added: null });
  }
  return produced;
}

/** Diagnostic: the scanner's block reading (blocks, skipped subtrees, blank text) with no matching. */
function read(): number {
  return readPage((text) => text.nodes.length);
}

/**
 * The scanner's finding half with no marking: its page reader, its matcher
 * over every block, and the checks each mention found must pass; no ranges,
 * registry or highlights.
 */
function find(): number {
  const compiledMatcher = matcher();
  const checker = new MentionChecker(document.documentElement);
  return readPage((text) => {
    // As the block marker does: a short block (nearly all) in one call, a long one window by window.
    const match = matchWholeBlock(text, compiledMatcher);
    const pending = match.pending?.filter((item) => checker.problemOf(item.draft) === null).length ?? 0;
    return match.drafts.filter((draft) => checker.problemOf(draft) === null).length + pending;
  });
}

function startMarker(sliceHost: Partial<SliceHost>, lazyMatcher?: () => Matcher, enabled = true): PageMarker {
  return createPageMarker({
    matcher: lazyMatcher ?? matcher(),
    topics: TOPICS,
    settings: enabled ? SETTINGS : { ...SETTINGS, enabled: false },
    hostname: location.hostname,
    sliceHost,
  });
}

/**
 * The whole job: a page marker, set up beforehand but turned off, is turned
 * on and its first scan finds and marks everything (ranges, registry,
 * highlights); then layout is forced. The one-time setup (observer, timers,
 * listeners: tens of microseconds, mostly Chromium registering a
 * visibilitychange listener) and taking the marks down again are not timed.
 */
async function totalOnce(): Promise<{ ms: number; shown: number }> {
  const marker = startMarker(IMMEDIATE_HOST, undefined, false);
  const started = performance.now();
  marker.update(SETTINGS);
  await marker.settled();
  forceLayout();
  const ms = performance.now() - started;
  const shown = marker.stats().shown;
  marker.destroy();
  return { ms, shown };
}

function markJs(): MarkJs {
  const constructor = (window as unknown as { Mark?: MarkJsConstructor }).Mark;
  if (!constructor) throw new Error('mark.js was not injected before the kernels bundle');
  return new constructor(document.body);
}

/** mark.js doing the same job; only marking (and the layout it forces) is timed, never `unmark`. */
async function markjsOnce(): Promise<{ ms: number; marks: number }> {
  const instance = markJs();
  let marks = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    instance.mark(MARKJS_TERMS, {
      ...MARKJS_OPTIONS,
      done: (count: number) => {
        marks = count;
        resolve();
      },
    });
  });
  forceLayout();
  const ms = performance.now() - started;
  await new Promise<void>((resolve) => instance.unmark({ done: resolve }));
  return { ms, marks };
}

const SYNC_KERNELS: Record<Exclude<LoopKernel, 'total' | 'markjs'>, () => number> = { walk, walkStyle, read, find };

async function sample(kernel: LoopKernel, options: SampleOptions): Promise<Sample> {
  let timed = 0;
  let iterations = 0;
  let count = 0;
  while (iterations < Math.max(1, options.maxIterations) && (iterations === 0 || timed < options.minMs)) {
    if (kernel === 'markjs') {
      const run = await markjsOnce();
      timed += run.ms;
      count = run.marks;
    } else if (kernel === 'total') {
      const run = await totalOnce();
      timed += run.ms;
      count = run.shown;
    } else {
      const run = SYNC_KERNELS[kernel];
      const started = performance.now();
      count = run();
      timed += performance.now() - started;
    }
    iterations += 1;
  }
  return { perIterationMs: timed / iterations, iterations, count };
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts a PerformanceObserver for `type` if the browser has it; returns the running max and count. */
function observeEntries(type: string, since: () => number): { read(): { count: number; maxMs: number } | null; stop(): void } {
  if (!PerformanceObserver.supportedEntryTypes.includes(type)) return { read: () => null, stop: () => undefined };
  let count = 0;
  let maxMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.startTime < since()) continue;
      count += 1;
      maxMs = Math.max(maxMs, entry.duration);
    }
  });
  observer.observe({ type, buffered: false });
  return {
    read: () => {
      for (const entry of observer.takeRecords()) {
        if (entry.startTime < since()) continue;
        count += 1;
        maxMs = Math.max(maxMs, entry.duration);
      }
      return { count, maxMs };
    },
    stop: () => observer.disconnect(),
  };
}

/**
 * The first scan with the scanner's real scheduling (animation frames,
 * `scheduler.yield()`), each slice timed from the scheduler's own hooks: a
 * slice starts when a frame or a yield hands control back and ends when the
 * scheduler yields or asks for the next frame (or the scan settles).
 */
async function longestTask(): Promise<LongestTaskResult> {
  // Let the page finish its own first style, layout and paint, as it has by document_idle.
  await nextFrame();
  await nextFrame();
  forceLayout();
  const slices: number[] = [];
  let sliceStart = 0;
  let compileMs = 0;
  let compileSlice = -1;
  const closeSlice = () => {
    if (sliceStart === 0) return;
    slices.push(performance.now() - sliceStart);
    sliceStart = 0;
  };
  // As in the content script, the matcher is compiled on first use, inside a slice.
  const lazyMatcher = () => {
    const started = performance.now();
    const built = matcher();
    compileMs = performance.now() - started;
    compileSlice = slices.length;
    return built;
  };
  const realYield = createYieldToHost();
  const host: Partial<SliceHost> = {
    requestFrame(callback) {
      closeSlice();
      requestAnimationFrame(() => {
        sliceStart = performance.now();
        callback();
      });
    },
    yieldToHost() {
      closeSlice();
      return realYield().then(() => {
        sliceStart = performance.now();
      });
    },
  };
  let started = Number.POSITIVE_INFINITY;
  const longTasks = observeEntries('longtask', () => started);
  const longFrames = observeEntries('long-animation-frame', () => started);
  started = performance.now();
  const marker = startMarker(host, lazyMatcher);
  await marker.settled();
  closeSlice();
  const wallMs = performance.now() - started;
  // Long-task entries arrive after their task ends; give them a moment.
  await nextFrame();
  await delay(100);
  const tasks = longTasks.read();
  const frames = longFrames.read();
  longTasks.stop();
  longFrames.stop();
  const marks = marker.stats().shown;
  marker.destroy();
  return {
    sliceMaxMs: Math.max(0, ...slices),
    sliceMaxWithoutCompileMs: Math.max(0, ...slices.map((ms, index) => (index === compileSlice ? ms - compileMs : ms))),
    compileMs,
    slices: slices.length,
    busyMs: slices.reduce((sum, ms) => sum + ms, 0),
    wallMs,
    longTasks: tasks?.count ?? null,
    longTaskMaxMs: tasks?.maxMs ?? null,
    longFrameMaxMs: frames?.maxMs ?? null,
    marks,
  };
}

/** Where a news page's story is; new paragraphs go at its end. */
function storyContainer(): { element: Element; name: string } {
  for (const selector of ['article', 'main']) {
    const element = document.querySelector(selector);
    if (element) return { element, name: selector };
  }
  return { element: document.body, name: 'body' };
}

/** Terms the matcher trusts without context, spread over the data, for the appended paragraphs. */
function plainTerms(): string[] {
  const terms = dataset.topics.flatMap((topic) => topic.terms.filter((term) => !term.context).map((term) => term.text));
  const step = Math.max(1, Math.floor(terms.length / APPENDED_PARAGRAPHS));
  return terms.filter((_, index) => index % step === 0);
}

/** Thirty paragraphs like a live blog's new entries: prose, a link, and a term or two in most. */
function newParagraphs(): DocumentFragment {
  const terms = plainTerms();
  const fragment = document.createDocumentFragment();
  for (let index = 0; index < APPENDED_PARAGRAPHS; index += 1) {
    const paragraph = document.createElement('p');
    const term = terms[index % terms.length] ?? 'Abraham Accords';
    const link = document.createElement('a');
    link.href = '#update';
    link.textContent = `update ${index + 1}`;
    paragraph.append(
      `Officials returned to the talks on day ${index + 1}, and the ${term} came up again in the afternoon session. `,
      link,
      index % 3 === 0
        ? ' Analysts said the wording was still open, and no date was set for the next round of meetings.'
        : ` Critics of the ${terms[(index * 7 + 3) % terms.length] ?? term} asked for the full text before any vote.`,
    );
    fragment.append(paragraph);
  }
  return fragment;
}

/**
 * The mutation path: a running marker (immediate scheduling, so only work is
 * timed), then repeatedly: append 30 paragraphs, wait until the marker has
 * processed the change, and (untimed) take them out again.
 */
async function incremental(options: SampleOptions): Promise<IncrementalResult> {
  const marker = startMarker(IMMEDIATE_HOST);
  await marker.settled();
  const before = marker.stats().shown;
  const container = storyContainer();
  const template = newParagraphs();
  let timed = 0;
  let iterations = 0;
  let addedMarks = 0;
  while (iterations < Math.max(1, options.maxIterations) && (iterations === 0 || timed < options.minMs)) {
    const batch = template.cloneNode(true) as DocumentFragment;
    const added = [...batch.children];
    const started = performance.now();
    container.element.append(batch);
    await marker.settled();
    timed += performance.now() - started;
    iterations += 1;
    addedMarks = marker.stats().shown - before;
    for (const element of added) element.remove();
    await marker.settled();
    // The removal's own style work, untimed, so the next append starts from a clean page.
    forceLayout();
  }
  marker.destroy();
  return { perIterationMs: timed / iterations, iterations, count: addedMarks, addedMarks, container: container.name };
}

async function incrementalFloor(options: SampleOptions): Promise<Sample> {
  const container = storyContainer();
  const template = newParagraphs();
  let timed = 0;
  let iterations = 0;
  let blocks = 0;
  while (iterations < Math.max(1, options.maxIterations) && (iterations === 0 || timed < options.minMs)) {
    const batch = template.cloneNode(true) as DocumentFragment;
    const added = [...batch.children];
    const started = performance.now();
    container.element.append(batch);
    blocks = 0;
    for (const element of added) if (getComputedStyle(element).display !== 'none') blocks += 1;
    timed += performance.now() - started;
    iterations += 1;
    for (const element of added) element.remove();
    // The removal's own style work, untimed, so the next append starts from a clean page.
    forceLayout();
    await Promise.resolve();
  }
  return { perIterationMs: timed / iterations, iterations, count: blocks };
}

function info(): PageInfo {
  const walker = document.createTreeWalker(document.body, SHOW_TEXT);
  let textNodes = 0;
  let chars = 0;
  while (walker.nextNode()) {
    textNodes += 1;
    chars += (walker.currentNode as Text).data.length;
  }
  matcher();
  return {
    textNodes,
    chars,
    elements: document.getElementsByTagName('*').length,
    compileMs: compiled?.ms ?? 0,
    markjsTerms: MARKJS_TERMS.length,
  };
}

const api: BenchApi = { info, sample, longestTask, incremental, incrementalFloor };
(window as unknown as Record<string, BenchApi>)[BENCH_GLOBAL] = api;
