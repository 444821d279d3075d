import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type {
  BaseTransportOptions,
  Transport,
  TransportMakeRequestResponse,
  TransportRequest,
  TransportRequestExecutor,
} from '@sentry/core';
import { loadSentryCore } from './loadSentryCore.ts';
import { sdkInfo } from './sdkInfo.ts';

/** Options of `createHttpTransport`: Sentry's transport options plus a deadline. */
export interface HttpTransportOptions extends BaseTransportOptions {
  /** Deadline of one request, connection to last byte of the answer, in ms. */
  timeoutMs: number;
}

/** The signature of the `transport` option of `SentryExporter` (the same as Sentry's client option). */
export type HttpTransportFactory = (options: HttpTransportOptions) => Transport;

// Sentry's Node transport compresses bodies above 32 KiB as well.
const GZIP_THRESHOLD = 32 * 1024;
const gzipAsync = promisify(gzip);

function header(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function responseOf(res: IncomingMessage): TransportMakeRequestResponse {
  return {
    statusCode: res.statusCode,
    headers: {
      'retry-after': header(res.headers['retry-after']),
      'x-sentry-rate-limits': header(res.headers['x-sentry-rate-limits']),
    },
  };
}

async function post(url: URL, request: TransportRequest, options: HttpTransportOptions) {
  const raw = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
  const compressed = raw.byteLength > GZIP_THRESHOLD;
  const body = compressed ? await gzipAsync(raw) : raw;
  return new Promise<TransportMakeRequestResponse>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      agent: false,
      headers: {
        ...options.headers,
        'content-type': 'application/x-sentry-envelope',
        'content-length': String(body.byteLength),
        'user-agent': `${sdkInfo().name}/${sdkInfo().version}`,
        ...(compressed ? { 'content-encoding': 'gzip' } : {}),
      },
    });
    // One deadline for the whole exchange: a server that accepts and never answers, or answers
    // and never ends, is cut. Unref'd: the socket, not the timer, decides whether the process lives.
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer from Sentry within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    ).unref();
    req.on('error', error => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', res => {
      res.on('error', () => undefined); // a reset while draining the answer: the status is known
      res.on('close', () => clearTimeout(timer));
      res.resume();
      resolve(responseOf(res));
    });
    req.end(body);
  });
}

/** A request executor for `createTransport` on Node's `http`/`https` (no agent reuse, a deadline per request). */
export function httpRequestExecutor(options: HttpTransportOptions): TransportRequestExecutor {
  const url = new URL(options.url);
  return request => post(url, request, options);
}

/**
 * Sentry's transport (`createTransport` of `@sentry/core`: rate limits from 429, `Retry-After` and
 * `X-Sentry-Rate-Limits`, a bounded promise buffer, `flush(timeout)`) over Node's `http`/`https`.
 * `@sentry/node` is not needed.
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  return loadSentryCore().createTransport(options, httpRequestExecutor(options));
}
