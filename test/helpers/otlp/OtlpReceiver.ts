/**
 * A local OTLP/HTTP receiver for tests: `POST /v1/traces`, `/v1/logs` and `/v1/metrics` on
 * 127.0.0.1 (a free port), in JSON (`application/json`) or protobuf (`application/x-protobuf`),
 * optionally gzip-compressed. Traces and logs are decoded to the OTLP/JSON shape whatever the
 * encoding; metrics are kept raw. Success is HTTP 200 with an empty response of the request's
 * encoding (`{}` or no bytes). `respond()` makes it slow or failing, to exercise retries and deadlines.
 *
 *   const receiver = await OtlpReceiver.start();
 *   const exporter = new OTLPTraceExporter({ url: receiver.tracesUrl });
 *   …
 *   await receiver.waitFor(r => r.spans().length === 3);
 *   await receiver.close();
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { decodeLogsRequest, decodeTraceRequest } from './decodeOtlpProtobuf.ts';
import type {
  ExportLogsRequest,
  ExportTraceRequest,
  OtlpLogRecord,
  OtlpSpan,
} from './otlpTypes.ts';

/** One request as received (recorded on arrival, before any configured delay). */
export interface ReceivedRequest {
  /** `/v1/traces` → `'traces'`, and so on. */
  signal: 'traces' | 'logs' | 'metrics';
  /** How the body was encoded. */
  encoding: 'json' | 'protobuf';
  /** Request headers. */
  headers: IncomingHttpHeaders;
  /** The decoded request (`ExportTraceRequest`, `ExportLogsRequest`; metrics: the JSON, or the raw bytes). */
  body: unknown;
  /** The HTTP status it was answered with. */
  status: number;
}

/** How the next requests are answered. */
export interface ReceiverBehaviour {
  /** HTTP status. The default value is 200. */
  status?: number;
  /** Delay before answering, in ms. The default value is 0. */
  delayMs?: number;
  /** `Retry-After` header value in seconds, sent with non-200 statuses. The default is none. */
  retryAfterSeconds?: number;
  /** How many requests this applies to before the default behaviour returns. The default is all. */
  times?: number;
}

const SIGNALS: Readonly<Record<string, ReceivedRequest['signal']>> = {
  '/v1/traces': 'traces',
  '/v1/logs': 'logs',
  '/v1/metrics': 'metrics',
};
/** Largest body accepted (the OTLP spec's recommended server cap); bigger ones get 413. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The receiver; create it with `OtlpReceiver.start()`. */
export class OtlpReceiver {
  /** Every request received, in order. */
  readonly requests: ReceivedRequest[] = [];
  /** Bodies that could not be decoded, with the reason (answered 400). */
  readonly rejected: string[] = [];
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  private readonly _server: Server;
  private _behaviour: ReceiverBehaviour = {};
  private _waiters = new Set<() => void>();

  private constructor(server: Server) {
    this._server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      this._handle(request, response).catch(() => response.destroy());
    });
  }

  /** Starts a receiver on a free loopback port. */
  static async start(): Promise<OtlpReceiver> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return new OtlpReceiver(server);
  }

  /** `<url>/v1/traces`. */
  get tracesUrl(): string {
    return `${this.url}/v1/traces`;
  }

  /** `<url>/v1/logs`. */
  get logsUrl(): string {
    return `${this.url}/v1/logs`;
  }

  /** Every span of every successfully answered traces request, in arrival order. */
  spans(): OtlpSpan[] {
    return this._accepted('traces').flatMap(body =>
      (body as ExportTraceRequest).resourceSpans.flatMap(rs =>
        rs.scopeSpans.flatMap(ss => ss.spans),
      ),
    );
  }

  /** Every log record of every successfully answered logs request, in arrival order. */
  logRecords(): OtlpLogRecord[] {
    return this._accepted('logs').flatMap(body =>
      (body as ExportLogsRequest).resourceLogs.flatMap(rl =>
        rl.scopeLogs.flatMap(sl => sl.logRecords),
      ),
    );
  }

  /** Sets how the next requests are answered (`{}` restores 200 at once). */
  respond(behaviour: ReceiverBehaviour): void {
    this._behaviour = { ...behaviour };
  }

  /** Resolves once `predicate(this)` holds (checked now and after each request); rejects after `timeoutMs`. */
  waitFor(predicate: (receiver: OtlpReceiver) => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this._waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this._waiters.delete(check);
        const seen = this.requests.map(r => `${r.signal}:${r.status}`).join(', ') || 'nothing';
        reject(
          new Error(`OtlpReceiver: condition not met within ${timeoutMs} ms (received ${seen})`),
        );
      }, timeoutMs);
      this._waiters.add(check);
    });
  }

  /** Stops listening and drops open (keep-alive) connections. */
  async close(): Promise<void> {
    this._server.closeAllConnections();
    await new Promise<void>(resolve => this._server.close(() => resolve()));
  }

  private _accepted(signal: ReceivedRequest['signal']): unknown[] {
    return this.requests.filter(r => r.signal === signal && r.status === 200).map(r => r.body);
  }

  private async _handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const signal = SIGNALS[new URL(request.url ?? '/', this.url).pathname];
    const encoding = String(request.headers['content-type']).includes('protobuf')
      ? 'protobuf'
      : 'json';
    const contentType = encoding === 'json' ? 'application/json' : 'application/x-protobuf';
    if (request.method !== 'POST' || signal === undefined) {
      request.resume();
      response.writeHead(request.method === 'POST' ? 404 : 405).end();
      return;
    }
    const raw = await readBody(request);
    if (raw === null) {
      response.writeHead(413).end();
      return;
    }
    let body: unknown;
    try {
      const bytes = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      body = decode(signal, encoding, bytes);
    } catch (error) {
      this.rejected.push(`${signal}/${encoding}: ${String(error)}`);
      response.writeHead(400, { 'content-type': contentType }).end(encoding === 'json' ? '{}' : '');
      return;
    }
    const behaviour = this._takeBehaviour();
    const status = behaviour.status ?? 200;
    this.requests.push({ signal, encoding, headers: request.headers, body, status });
    for (const waiter of [...this._waiters]) waiter();
    if (behaviour.delayMs) await sleep(behaviour.delayMs);
    const headers: Record<string, string> = { 'content-type': contentType };
    if (status !== 200 && behaviour.retryAfterSeconds !== undefined) {
      headers['retry-after'] = String(behaviour.retryAfterSeconds);
    }
    response.writeHead(status, headers).end(encoding === 'json' ? '{}' : '');
  }

  private _takeBehaviour(): ReceiverBehaviour {
    const behaviour = this._behaviour;
    if (behaviour.times !== undefined) {
      this._behaviour = behaviour.times > 1 ? { ...behaviour, times: behaviour.times - 1 } : {};
    }
    return behaviour;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function decode(signal: ReceivedRequest['signal'], encoding: string, bytes: Buffer): unknown {
  if (encoding === 'json') return JSON.parse(bytes.toString('utf8')) as unknown;
  if (signal === 'traces') return decodeTraceRequest(bytes);
  if (signal === 'logs') return decodeLogsRequest(bytes);
  return new Uint8Array(bytes);
}
