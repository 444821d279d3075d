// A small order service that fails in several ways, set up the way the README tells users to:
// NodeSDK with ExceptionSpanProcessor first, the http instrumentation, and err.setup with crash files.
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { ExceptionSpanProcessor } from '../../processors/index.ts';
import { err } from '../../src/index.ts';

const sdk = new NodeSDK({
  serviceName: 'orders',
  spanProcessors: [
    new ExceptionSpanProcessor(),
    new BatchSpanProcessor({ exporter: new InMemorySpanExporter() }),
  ],
  instrumentations: [new HttpInstrumentation()],
  metricReaders: [],
  logRecordProcessors: [],
});
sdk.start();
// ESM imports of built-ins bypass the instrumentation's require hook: one require applies its patch.
createRequire(import.meta.url)('node:http');
err.setup({
  catchAll: true,
  errorInfoPath: process.env.ERR_PATH ?? 'demo-reports',
  format: 'terse',
});

interface Order {
  id: string;
  items: { sku: string; quantity: number; price: number }[];
  coupon?: { percent: number };
}

class ValidationError extends Error {
  override name = 'ValidationError';
}

function orderTotal(order: Order): number {
  const subtotal = order.items.reduce((sum, item) => sum + item.quantity * item.price, 0);
  const discount = order.coupon!.percent / 100;
  return Math.round(subtotal * (1 - discount));
}

function parseOrder(body: string): Order {
  try {
    return JSON.parse(body) as Order;
  } catch (error) {
    throw new ValidationError(`order body is not JSON (${body.length} bytes)`, { cause: error });
  }
}

function fetchInventory(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Nothing listens there: the http instrumentation records ECONNREFUSED on the client span.
    http.get({ host: '127.0.0.1', port, path: '/stock' }, () => resolve()).on('error', reject);
  });
}

async function closedPort(): Promise<number> {
  const server = http.createServer().listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

const tracer = trace.getTracer('orders');
await tracer.startActiveSpan('checkout', async span => {
  for (const body of ['{"id":"o-1"', '{"id":"o-2",']) {
    try {
      parseOrder(body);
    } catch (error) {
      err.process(error); // caught: processed, counted (same bug twice → one report, count 2)
    }
  }
  try {
    await fetchInventory(await closedPort());
  } catch (error) {
    err.process(error);
  }
  span.end();
});

const order: Order = { id: 'o-3', items: [{ sku: 'pen', quantity: 3, price: 250 }] };
const apiToken = 'sk-demo-4f1c2a9e'; // a secret: it shows as <redacted> in the crash report
setTimeout(() => {
  // Uncaught: the crash report (with locals) is written before the process exits.
  console.log(`total for ${order.id} with ${apiToken.length}-char token: ${orderTotal(order)}`);
}, 10);
