/**
 * A loopback HTTP server that serves the one page under test and nothing
 * else. Its CSP forbids every load (scripts, styles from files, images,
 * fonts, frames, connections) so a saved page can never reach the network,
 * whatever the browser's own request blocking catches.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The page's only allowed sources: its own inline styles and data: images. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** A running page server. */
export interface PageServer {
  /** Makes `html` the page served, at a fresh URL (so no cache or bfcache can bring back the last one). */
  serve(html: string): string;
  /** Whether `url` is the page currently served: every other request is refused. */
  isPageUrl(url: string): boolean;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startPageServer(): Promise<PageServer> {
  let current: { path: string; body: Buffer } | null = null;
  let served = 0;
  const server: Server = createServer((request, response) => {
    if (current && request.method === 'GET' && request.url === current.path) {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': PAGE_CSP,
        'cache-control': 'no-store',
      });
      response.end(current.body);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    serve(html) {
      served += 1;
      current = { path: `/page/${served}`, body: Buffer.from(html, 'utf8') };
      return origin + current.path;
    },
    isPageUrl(url) {
      return current !== null && url === origin + current.path;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
