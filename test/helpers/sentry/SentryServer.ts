/**
 * A local Sentry ingest endpoint for tests: `POST /api/<project>/envelope/` on 127.0.0.1 (a free
 * port), auth in the query string as Sentry's SDKs send it. Envelopes are gunzipped when needed,
 * parsed with `@sentry/core`'s `parseEnvelope` and kept; `respond()` answers 429/503 with
 * `Retry-After` / `X-Sentry-Rate-Limits`, or never answers (hang).
 *
 *   const server = await SentryServer.start();
 *   const exporter = new SentryExporter({ dsn: server.dsn });
 *   …
 *   const [event] = await server.waitForEvents(1);
 *   await server.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { parseEnvelope, type Envelope, type Event } from '@sentry/core';

/** The project id of `SentryServer.dsn`. */
export const PROJECT_ID = '42';
/** The public key of `SentryServer.dsn`. */
export const PUBLIC_KEY = 'abc123public';

/** One request as received. */
export interface ReceivedEnvelope {
  /** Path without the query. */
  path: string;
  /** Query parameters (`sentry_key`, `sentry_version`, `sentry_client`). */
  query: Record<string, string>;
  /** Request headers. */
  headers: IncomingMessage['headers'];
  /** The parsed envelope. */
  envelope: Envelope;
  /** The HTTP status it was answered with (`null` when the server hung). */
  status: number | null;
}

/** How the next requests are answered. */
export interface SentryServerBehaviour {
  /** HTTP status, or `'hang'` to never answer. The default value is 200. */
  status?: number | 'hang';
  /** Response headers, e.g. `{ 'retry-after': '60' }`. The default is none. */
  headers?: Record<string, string>;
}

/** A local Sentry envelope endpoint; see the file comment. */
export class SentryServer {
  /** Every request, in order of arrival. */
  readonly received: ReceivedEnvelope[] = [];
  private readonly _server: Server;
  private _behaviour: SentryServerBehaviour = {};
  private readonly _waiters = new Set<() => void>();

  private constructor() {
    this._server = createServer((req, res) => this._handle(req, res));
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  static async start(): Promise<SentryServer> {
    const self = new SentryServer();
    await new Promise<void>(resolve => self._server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  /** A DSN pointing at this server. */
  get dsn(): string {
    const { port } = this._server.address() as AddressInfo;
    return `http://${PUBLIC_KEY}@127.0.0.1:${port}/${PROJECT_ID}`;
  }

  /** The payloads of every `event` item received, in order. */
  events(): Event[] {
    return this.received.flatMap(({ envelope }) =>
      envelope[1]
        .filter(([header]) => header.type === 'event')
        .map(([, payload]) => payload as Event),
    );
  }

  /** Sets how later requests are answered. */
  respond(behaviour: SentryServerBehaviour): void {
    this._behaviour = behaviour;
  }

  /** Resolves with the events once at least `count` arrived; rejects after `timeoutMs`. */
  async waitForEvents(count: number, timeoutMs = 5000): Promise<Event[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events().length < count) {
      if (Date.now() > deadline)
        throw new Error(`SentryServer: ${this.events().length} of ${count} events`);
      await Promise.race([new Promise<void>(resolve => this._waiters.add(resolve)), sleep(50)]);
    }
    return this.events();
  }

  /** Closes the server, cutting hanging connections. */
  async close(): Promise<void> {
    this._server.closeAllConnections();
    await new Promise<void>(resolve => this._server.close(() => resolve()));
  }

  private _handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const { status = 200, headers = {} } = this._behaviour;
      this.received.push({
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        envelope: parseEnvelope(body),
        status: status === 'hang' ? null : status,
      });
      for (const wake of this._waiters) wake();
      this._waiters.clear();
      if (status === 'hang') return;
      res.writeHead(status, headers).end(status === 200 ? '{}' : '');
    });
  }
}
