// B6 child: NodeSDK with ExceptionSpanProcessor + BatchSpanProcessor (maxQueueSize raised to hold the burst)
// + the official OTLP/HTTP JSON exporter to OTLP_TRACES_URL. It ends SPANS spans (left queued), prints
// {"trigger": <epoch ms>} and then:
// - MODE=ours:  err.process(new Error(…)) with failFast: failFastAlways() (crash file, traceback, drain, exit 1);
// - MODE=plain: the hand-written alternative, `await sdk.shutdown(); process.exit(1)` (no report at all).
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import { err } from '../../src/err/instance.ts';
import { failFastAlways } from '../../src/failfast/policies.ts';

const spans = Number(process.env.SPANS);
const sdk = new NodeSDK({
  serviceName: 'b6',
  resourceDetectors: [],
  spanProcessors: [
    new ExceptionSpanProcessor(),
    new BatchSpanProcessor({
      exporter: new OTLPTraceExporter({ url: process.env.OTLP_TRACES_URL }),
      maxQueueSize: Math.max(2048, spans + 1000),
      maxExportBatchSize: Number(process.env.MAX_BATCH),
    }),
  ],
  metricReaders: [],
  logRecordProcessors: [],
});
sdk.start();
if (process.env.MODE === 'ours') {
  err.setup({
    errorInfoPath: process.env.ERR_DIR,
    format: 'terse',
    locals: 'off',
    failFast: failFastAlways(),
  });
}
const tracer = trace.getTracer('b6');
for (let i = 0; i < spans; i++) {
  tracer.startSpan('GET /orders/:id', { attributes: { 'http.route': '/orders/:id', i } }).end();
}
process.stdout.write(
  `${JSON.stringify({ trigger: performance.timeOrigin + performance.now() })}\n`,
);
if (process.env.MODE === 'ours') {
  err.process(new Error('fatal: the database is gone'));
} else {
  sdk.shutdown().then(
    () => process.exit(1),
    () => process.exit(1),
  );
}
