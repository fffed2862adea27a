/**
 * Tells the background what the page mentions (for the toolbar badge), a
 * moment after marks settle, and answers the popup's "what is on this page?".
 * Sending never throws: the background may be asleep, or this content script
 * orphaned by an extension update.
 */
import type { PageReport } from '@/src/messaging/types';
import type { PageMarker } from './page-marker';

/** Quiet time after the last change before the report goes out. */
export const REPORT_DELAY_MS = 400;

/** What the reporter needs. */
export interface PageReporterOptions {
  marker: Pick<PageMarker, 'registry' | 'scanning'>;
  /** Sends a report to the background. */
  send(report: PageReport): Promise<unknown>;
  /** The page's current URL (single-page sites change it without reloading). */
  url(): string;
  /** Whether the extension context is still alive. */
  isValid(): boolean;
  signal: AbortSignal;
  delayMs?: number;
}

/** Reports page topics to the background. */
export interface PageReporter {
  /** The report as of now. */
  current(): PageReport;
  /** Sends a report soon (e.g. after the URL changed). */
  schedule(): void;
}

/** Starts reporting; stops when `signal` aborts. */
export function createPageReporter(options: PageReporterOptions): PageReporter {
  const { marker, signal } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSent = '';

  const current = (): PageReport => ({
    url: options.url(),
    topics: marker.registry.topicCounts(),
    scanning: marker.scanning,
  });

  function flush(): void {
    timer = undefined;
    if (signal.aborted || !options.isValid()) return;
    const report = current();
    const key = JSON.stringify(report);
    if (key === lastSent) return;
    lastSent = key;
    try {
      options.send(report).catch(() => {
        // Background asleep or extension reloading: the next change reports again.
        lastSent = '';
      });
    } catch {
      lastSent = '';
    }
  }

  function schedule(): void {
    if (signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(flush, options.delayMs ?? REPORT_DELAY_MS);
  }

  const unsubscribe = marker.registry.subscribe(schedule);
  signal.addEventListener(
    'abort',
    () => {
      unsubscribe();
      clearTimeout(timer);
    },
    { once: true },
  );
  return { current, schedule };
}
