// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ignoreForgedRestarts } from '@/src/content/forged-restarts';

const ENTRYPOINT = 'content';

/** The name WXT gives the "newer copy started" event, caught while a copy starts (no other copy running). */
function scriptStartedEventType(): string {
  const dispatch = vi.spyOn(document, 'dispatchEvent');
  const probe = new ContentScriptContext(ENTRYPOINT);
  const started = dispatch.mock.calls.map(([event]) => event).find((event) => event instanceof CustomEvent);
  dispatch.mockRestore();
  probe.abort('probe done');
  if (!started) throw new Error('WXT no longer announces a content-script start on the document');
  return started.type;
}

let startedEventType = '';
beforeAll(() => {
  startedEventType = scriptStartedEventType();
});

/** What a page can dispatch: WXT's event name with a detail naming our entrypoint and another copy. */
function forgedRestart(): CustomEvent {
  return new CustomEvent(startedEventType, {
    detail: { contentScriptName: ENTRYPOINT, messageId: 'page-made-this-up' },
  });
}

const contexts: ContentScriptContext[] = [];
function startContext(): ContentScriptContext {
  const ctx = new ContentScriptContext(ENTRYPOINT);
  contexts.push(ctx);
  return ctx;
}

afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.abort('test done');
  fakeBrowser.reset();
});

describe('ignoreForgedRestarts', () => {
  it('shows why it exists: without it, a page-made event stops the content script', () => {
    const ctx = startContext();
    document.dispatchEvent(forgedRestart());
    expect(ctx.signal.aborted).toBe(true);
  });

  it('keeps the content script running when the page forges the event', () => {
    const ctx = startContext();
    ignoreForgedRestarts(ctx);
    document.dispatchEvent(forgedRestart());
    expect(ctx.signal.aborted).toBe(false);
  });

  it('keeps the first copy when a duplicate copy starts while the extension is alive', () => {
    const first = startContext();
    ignoreForgedRestarts(first);
    startContext();
    expect(first.signal.aborted).toBe(false);
  });

  it('still lets a newer copy stop a copy whose extension context is gone (after an update)', () => {
    const orphan = startContext();
    ignoreForgedRestarts(orphan);
    // An orphaned content script sees no runtime id; that is how WXT itself detects it.
    const runtime = fakeBrowser.runtime as { id?: string };
    const id = runtime.id;
    runtime.id = undefined;
    try {
      document.dispatchEvent(forgedRestart());
    } finally {
      runtime.id = id;
    }
    expect(orphan.signal.aborted).toBe(true);
  });

  it('stops listening once its own context is invalidated', () => {
    const ctx = startContext();
    ignoreForgedRestarts(ctx);
    ctx.abort('replaced');
    const other = startContext();
    document.dispatchEvent(forgedRestart());
    // Only the guard of a live context may swallow the event; the stopped one has let go.
    expect(other.signal.aborted).toBe(true);
  });
});
