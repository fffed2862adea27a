/**
 * A loopback-only HTTPS server with a self-signed certificate made on start, so real browsers can
 * load pages as `https://www.nytimes.com/...` (DNS mapped to 127.0.0.1 by the browser) and the
 * extension's content scripts, which only match HTTPS news sites, run on them. Shared by the
 * end-to-end tests and the demo.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { generate } from 'selfsigned';

/** What a programmable route answers; `body` is sent as is (see {@link htmlResponse} for pages). */
export interface RouteResponse {
  status?: number;
  headers?: OutgoingHttpHeaders;
  body?: string | Uint8Array;
}

/** A fixed answer, or one computed per request. */
export type Route = RouteResponse | ((request: IncomingMessage) => RouteResponse);

/** One request the server saw, for tests that check what a page (or the extension) fetched. */
export interface SeenRequest {
  host: string;
  path: string;
  method: string;
}

/** Options for {@link startHttpsServer}. */
export interface HttpsServerOptions {
  /** Host names the certificate is valid for. */
  hosts: readonly string[];
  /** Folder served for paths that no route claims; nothing outside it is ever read. */
  root?: string;
  /** Path (without query) → answer. Routes win over files. */
  routes?: Readonly<Record<string, Route>>;
}

/** A running server; `close()` frees the port. */
export interface HttpsServer {
  /** The ephemeral port on 127.0.0.1. */
  readonly port: number;
  /** Host names the certificate covers. */
  readonly hosts: readonly string[];
  /** Every request so far, oldest first. */
  readonly requests: readonly SeenRequest[];
  /** `https://host:port/path` for a host the certificate covers. */
  url(host: string, path?: string): string;
  /** Adds or replaces a route; the returned function removes it. */
  route(path: string, route: Route): () => void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Answer for an HTML page, with an optional extra header set (e.g. a strict CSP). */
export function htmlResponse(html: string, headers: OutgoingHttpHeaders = {}): RouteResponse {
  return { headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: html };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** A certificate (and its key) valid for every host given; made fresh so no key is ever committed. */
export async function createSelfSignedCertificate(hosts: readonly string[]): Promise<{ key: string; cert: string }> {
  const [commonName = 'localhost'] = hosts;
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...hosts.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: '127.0.0.1' }],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Starts the server on 127.0.0.1 and an ephemeral port. */
export async function startHttpsServer(options: HttpsServerOptions): Promise<HttpsServer> {
  const root = options.root === undefined ? undefined : resolve(options.root);
  const routes = new Map<string, Route>(Object.entries(options.routes ?? {}));
  const requests: SeenRequest[] = [];
  const { key, cert } = await createSelfSignedCertificate(options.hosts);

  const server: Server = createServer({ key, cert }, (request, response) => {
    const path = new URL(request.url ?? '/', 'https://placeholder.invalid').pathname;
    requests.push({ host: request.headers.host ?? '', path, method: request.method ?? 'GET' });
    handle(request, response, path).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`Server error: ${String(error)}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const route = routes.get(path);
    if (route !== undefined) {
      const answer = typeof route === 'function' ? route(request) : route;
      response.writeHead(answer.status ?? 200, { 'cache-control': 'no-store', ...answer.headers });
      response.end(answer.body ?? '');
      return;
    }
    const file = root === undefined ? undefined : await staticFile(root, path);
    if (file === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
    const body = await readFile(file);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': body.byteLength,
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    // Loopback only: the fixtures and the demo are never reachable from another machine.
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    hosts: options.hosts,
    requests,
    url(host, path = '/') {
      if (!options.hosts.includes(host)) {
        throw new Error(`The test certificate does not cover ${host}; use one of: ${options.hosts.join(', ')}`);
      }
      return `https://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
    },
    route(path, route) {
      routes.set(path, route);
      return () => {
        if (routes.get(path) === route) routes.delete(path);
      };
    },
    close() {
      return new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}

/** The file a URL path names inside `root` (a folder means its index.html), or undefined. */
async function staticFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const candidate = resolve(join(root, decoded));
  // Refuse anything that escapes the served folder (e.g. /../../etc/passwd).
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  const info = await stat(candidate).catch(() => undefined);
  if (info?.isFile()) return candidate;
  if (info?.isDirectory()) {
    const index = join(candidate, 'index.html');
    const indexInfo = await stat(index).catch(() => undefined);
    return indexInfo?.isFile() ? index : undefined;
  }
  return undefined;
}
