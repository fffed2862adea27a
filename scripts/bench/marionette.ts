/**
 * A minimal client for Firefox's Marionette protocol (what geckodriver speaks
 * to Firefox): `length:json` packets over TCP, commands as
 * `[0, id, name, params]`, answers as `[1, id, error, result]`.
 *
 * The page-cost section needs it for one thing WebDriver BiDi cannot do in
 * Firefox: read a content script's own timing record. BiDi's
 * `script.getRealms` lists no content-script sandboxes, and Firefox allows
 * one WebDriver session at a time, so the Firefox page-cost browser runs
 * entirely over Marionette, whose `sandbox: 'system'` scripts run
 * privileged in the page's process and can reach the extension's sandbox.
 */
import { connect, type Socket } from 'node:net';

/** An error Marionette answered with. */
export class MarionetteError extends Error {
  override name = 'MarionetteError';

  constructor(
    readonly command: string,
    readonly error: string,
    message: string,
  ) {
    super(`${command}: ${error}${message ? `: ${message}` : ''}`);
  }
}

/** Splits a byte stream into Marionette packets (`<decimal length>:<JSON of that many bytes>`). */
export class PacketReader {
  #buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly onPacket: (packet: unknown) => void) {}

  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const colon = this.#buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.#buffer.subarray(0, colon).toString('ascii'));
      if (!Number.isSafeInteger(length) || length < 0) throw new Error('Marionette sent a malformed packet header');
      if (this.#buffer.length < colon + 1 + length) return;
      const body = this.#buffer.subarray(colon + 1, colon + 1 + length).toString('utf8');
      this.#buffer = this.#buffer.subarray(colon + 1 + length);
      this.onPacket(JSON.parse(body));
    }
  }
}

/** Frames one command as a packet. */
export function commandPacket(id: number, command: string, params: object): Buffer {
  const body = Buffer.from(JSON.stringify([0, id, command, params]), 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body]);
}

/** A connection to one Firefox. */
export class MarionetteClient {
  readonly #socket: Socket;
  readonly #pending = new Map<number, { command: string; resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 0;
  #closed: Error | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
  }

  /** Connects and waits for Firefox's greeting. */
  static async connect(port: number, timeoutMs = 10_000): Promise<MarionetteClient> {
    const socket = connect(port, '127.0.0.1');
    const client = new MarionetteClient(socket);
    let greeted: (() => void) | undefined;
    const greeting = new Promise<void>((resolve, reject) => {
      greeted = resolve;
      socket.once('error', reject);
      setTimeout(() => reject(new Error(`Marionette on port ${port} did not answer within ${timeoutMs} ms`)), timeoutMs).unref();
    });
    const reader = new PacketReader((packet) => {
      if (greeted !== undefined) {
        // The first packet is the greeting ({ applicationType, marionetteProtocol }).
        greeted();
        greeted = undefined;
        return;
      }
      client.#answer(packet);
    });
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('close', () => client.#fail(new Error('Marionette connection closed')));
    socket.on('error', (error) => client.#fail(error));
    await greeting;
    return client;
  }

  /** Sends a command and resolves with its result (the `value` of most commands is inside it). */
  send<Result = unknown>(command: string, params: object = {}): Promise<Result> {
    if (this.#closed) return Promise.reject(this.#closed);
    const id = ++this.#nextId;
    return new Promise<Result>((resolve, reject) => {
      this.#pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject });
      this.#socket.write(commandPacket(id, command, params));
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #answer(packet: unknown): void {
    if (!Array.isArray(packet) || packet[0] !== 1) return;
    const [, id, error, result] = packet as [number, number, { error?: string; message?: string } | null, unknown];
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (error) pending.reject(new MarionetteError(pending.command, error.error ?? 'error', error.message ?? ''));
    else pending.resolve(result);
  }

  #fail(error: Error): void {
    this.#closed ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
