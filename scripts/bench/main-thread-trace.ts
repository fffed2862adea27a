/**
 * Script time from a trace of the page's main thread, for the page-cost
 * section. CDP's `ScriptDuration` (Performance.getMetrics) leaves out
 * compiling a script and code run as a continuation of `scheduler.yield()`,
 * which is where a content script's scan runs; a trace has both. Every load
 * records one with the timeline's own categories (what the DevTools
 * Performance panel records), in every variant alike, and this module sums
 * what ran as script on the main thread of the page's renderer: compiling
 * and running scripts, callbacks, microtasks, yield continuations and the
 * garbage collections they set off, less the style recalculation and layout
 * they forced (reported on their own rows). Times are the thread's CPU time
 * where the trace has it, so a busy machine does not inflate them.
 *
 * The corpus pages have their scripts stripped, so with no extension
 * nearly nothing runs; what a variant adds over that is its content
 * scripts' cost.
 */
import type { CDPSession } from 'playwright-core';

/** The timeline's categories, and V8's execution events (microtasks); nothing "disabled-by-default". */
export const TRACE_CATEGORIES: readonly string[] = ['devtools.timeline', 'v8.execute'];

/** One trace event, the fields used here (Chrome's JSON trace format). */
export interface TraceEvent {
  name: string;
  /** 'X' complete, 'B'/'E' begin/end, 'I' instant, 'M' metadata, … */
  ph: string;
  pid: number;
  tid: number;
  /** Wall-clock start and duration, µs. */
  ts: number;
  dur?: number;
  /** Thread-CPU start and duration, µs (absent on some events and platforms). */
  tts?: number;
  tdur?: number;
  args?: { data?: Record<string, unknown>; beginData?: Record<string, unknown> } & Record<string, unknown>;
}

/** Events that run script: the outermost one of each nest is counted. */
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'RunMicrotasks',
  'RunYieldContinuation',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'MinorGC',
  'MajorGC',
]);
/** Rendering work a script can force; inside a script event it is left out (its own rows count it). */
const RENDERING_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'HitTest', 'ParseAuthorStyleSheet']);

/** Starts a trace on the tab's session; `stop` ends it and returns every event. */
export async function startMainThreadTrace(cdp: CDPSession): Promise<{ stop(): Promise<TraceEvent[]> }> {
  const events: TraceEvent[] = [];
  const collect = ({ value }: { value: object[] }) => void events.push(...(value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: [...TRACE_CATEGORIES], excludedCategories: ['*'] },
  });
  return {
    async stop() {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', collect);
      return events;
    },
  };
}

/** An interval on one clock, µs. */
interface Span {
  start: number;
  end: number;
}

/** The page's main frame, and the process and thread that parsed it (the renderer's main thread). Null if none did. */
export function pageMainThread(events: readonly TraceEvent[], pageUrl: string): { pid: number; tid: number; frame: unknown } | null {
  const parse = events.find((event) => event.name === 'ParseHTML' && event.args?.beginData?.url === pageUrl);
  return parse === undefined ? null : { pid: parse.pid, tid: parse.tid, frame: parse.args?.beginData?.frame };
}

/** A thread's event as a span, with what it says about whose it is. */
interface ThreadSpan {
  name: string;
  span: Span;
  /** The frame it ran for, where the event says. */
  frame: unknown;
  /** The script it ran, where the event says. */
  url: unknown;
}

/** Complete spans of one thread's events, on the thread-CPU clock when every event has it, else wall clock. */
function threadSpans(events: readonly TraceEvent[], pid: number, tid: number): ThreadSpan[] {
  const own = events.filter((event) => event.pid === pid && event.tid === tid && (event.ph === 'X' || event.ph === 'B' || event.ph === 'E'));
  const cpu = own.every((event) => event.tts !== undefined && (event.ph !== 'X' || event.tdur !== undefined));
  const start = (event: TraceEvent) => (cpu ? (event.tts as number) : event.ts);
  const spans: ThreadSpan[] = [];
  const open: TraceEvent[] = [];
  const whose = (event: TraceEvent) => ({ frame: event.args?.data?.frame, url: event.args?.data?.url });
  for (const event of [...own].sort((a, b) => a.ts - b.ts)) {
    if (event.ph === 'X') {
      spans.push({ name: event.name, span: { start: start(event), end: start(event) + ((cpu ? event.tdur : event.dur) ?? 0) }, ...whose(event) });
    } else if (event.ph === 'B') {
      open.push(event);
    } else {
      const begin = open.pop();
      if (begin !== undefined) spans.push({ name: begin.name, span: { start: start(begin), end: start(event) }, ...whose(begin) });
    }
  }
  return spans;
}

/** The outermost of nested spans (sorted by start, longest first among equal starts). */
function outermost(spans: readonly ThreadSpan[]): ThreadSpan[] {
  const kept: ThreadSpan[] = [];
  for (const entry of [...spans].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end)) {
    const last = kept.at(-1);
    if (last !== undefined && entry.span.start >= last.span.start && entry.span.end <= last.span.end) continue;
    kept.push(entry);
  }
  return kept;
}

/** The union of spans, sorted and merged. */
function union(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else if (span.end > span.start) merged.push({ ...span });
  }
  return merged;
}

function total(spans: readonly Span[]): number {
  return spans.reduce((sum, span) => sum + (span.end - span.start), 0);
}

/** The length of the overlap of two sorted, merged span lists. */
function overlap(a: readonly Span[], b: readonly Span[]): number {
  let sum = 0;
  let j = 0;
  for (const span of a) {
    while (j < b.length && (b[j] as Span).end <= span.start) j += 1;
    for (let k = j; k < b.length && (b[k] as Span).start < span.end; k += 1) {
      const other = b[k] as Span;
      sum += Math.min(span.end, other.end) - Math.max(span.start, other.start);
    }
  }
  return sum;
}

/**
 * Milliseconds of script on the main thread of the page at `pageUrl` (see the module comment);
 * null when the trace has no such thread.
 */
export function mainThreadScriptMs(events: readonly TraceEvent[], pageUrl: string): number | null {
  const thread = pageMainThread(events, pageUrl);
  if (thread === null) return null;
  const spans = threadSpans(events, thread.pid, thread.tid);
  // Script a child frame ran is not the page's or an extension's: with every request refused, each of
  // a saved page's iframes shows the browser's own error page, which runs script of its own.
  const othersOwn = (entry: ThreadSpan) =>
    (entry.frame !== undefined && entry.frame !== thread.frame) || (typeof entry.url === 'string' && entry.url.startsWith('chrome-error:'));
  const script = union(
    outermost(spans.filter((entry) => SCRIPT_EVENTS.has(entry.name)))
      .filter((entry) => !othersOwn(entry))
      .map((entry) => entry.span),
  );
  const rendering = union(spans.filter((entry) => RENDERING_EVENTS.has(entry.name)).map((entry) => entry.span));
  return (total(script) - overlap(script, rendering)) / 1000;
}
