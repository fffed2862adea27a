import { describe, expect, it } from 'vitest';
import { mainThreadScriptMs, pageMainThread, type TraceEvent } from '../../../../scripts/bench/main-thread-trace';

const PAGE = 'https://www.nytimes.com:1234/bench/7';
const MAIN = { pid: 10, tid: 1 };
const FRAME = 'MAINFRAME';

/** A complete event on the page's main thread; times in ms (thread CPU clock, wall clock twice as long). */
function span(name: string, start: number, duration: number, data: Record<string, unknown> = {}, thread = MAIN): TraceEvent {
  return { name, ph: 'X', ...thread, ts: start * 2000, dur: duration * 2000, tts: start * 1000, tdur: duration * 1000, args: { data } };
}

function parse(thread = MAIN, url = PAGE): TraceEvent {
  return { name: 'ParseHTML', ph: 'X', ...thread, ts: 0, dur: 4000, tts: 0, tdur: 2000, args: { beginData: { url, frame: FRAME } } };
}

describe('page cost: script time from a trace', () => {
  it('finds the thread that parsed the page as its main frame', () => {
    expect(pageMainThread([parse({ pid: 3, tid: 9 }, 'https://other.test/'), parse()], PAGE)).toEqual({ ...MAIN, frame: FRAME });
    expect(pageMainThread([parse()], 'https://elsewhere.test/')).toBeNull();
    expect(mainThreadScriptMs([parse()], 'https://elsewhere.test/')).toBeNull();
  });

  it('counts compiling, running, yield continuations, their microtasks and GC, each nest once, on the thread-CPU clock', () => {
    const events = [
      parse(),
      span('EvaluateScript', 10, 8, { frame: FRAME, url: 'chrome-extension://id/content-scripts/content.js' }),
      span('v8.compile', 10, 3, { url: 'chrome-extension://id/content-scripts/content.js' }),
      span('RunMicrotasks', 17, 1),
      span('RunYieldContinuation', 20, 0.5, { frame: FRAME }),
      span('RunMicrotasks', 20.5, 6),
      span('MinorGC', 22, 2),
      span('TimerFire', 40, 1, { frame: FRAME }),
      span('FunctionCall', 40.1, 0.8, { frame: FRAME, url: 'chrome-extension://id/content-scripts/content.js' }),
      // Not script: parsing and painting, and an instant event.
      span('ParseHTML', 50, 5),
      span('Paint', 60, 2),
      { name: 'TimerInstall', ph: 'I', ...MAIN, ts: 0 },
    ];
    // 8 + 0.5 + 6 + 1 (the compile, the nested microtasks and GC counted inside their outer events).
    expect(mainThreadScriptMs(events, PAGE)).toBeCloseTo(15.5, 10);
  });

  it('leaves out style and layout a script forced', () => {
    const events = [parse(), span('FunctionCall', 10, 10, { frame: FRAME }), span('Layout', 12, 3), span('UpdateLayoutTree', 16, 1), span('Layout', 30, 5)];
    expect(mainThreadScriptMs(events, PAGE)).toBeCloseTo(6, 10);
  });

  it("leaves out other threads and child frames' script (a refused iframe's error page)", () => {
    const events = [
      parse(),
      span('EvaluateScript', 10, 4, { frame: FRAME, url: 'chrome-extension://id/content-scripts/content.js' }),
      span('EvaluateScript', 20, 7, { frame: 'CHILD', url: 'chrome-error://chromewebdata/' }),
      span('FunctionCall', 30, 3, { url: 'chrome-error://chromewebdata/' }),
      span('RunMicrotasks', 40, 2, {}, { pid: 11, tid: 1 }),
    ];
    expect(mainThreadScriptMs(events, PAGE)).toBeCloseTo(4, 10);
  });

  it('pairs begin and end events, and falls back to the wall clock when the thread clock is missing', () => {
    const events: TraceEvent[] = [
      { name: 'ParseHTML', ph: 'X', ...MAIN, ts: 0, dur: 1000, args: { beginData: { url: PAGE, frame: FRAME } } },
      { name: 'RunMicrotasks', ph: 'B', ...MAIN, ts: 5000 },
      { name: 'RunMicrotasks', ph: 'E', ...MAIN, ts: 9000 },
      { name: 'FunctionCall', ph: 'X', ...MAIN, ts: 20_000, dur: 1500, args: { data: { frame: FRAME } } },
    ];
    expect(mainThreadScriptMs(events, PAGE)).toBeCloseTo(5.5, 10);
  });
});
