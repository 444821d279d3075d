// B1: spans that record no exception, through ExceptionSpanProcessor + BatchSpanProcessor(no-op
// exporter) against the bare BatchSpanProcessor(no-op exporter), interleaved in one process.
//
// - The B1 row uses an HTTP-server-like span (8 attributes, status), the shape most spans have; the
//   informational B1@minimal row uses a one-attribute span, where the SDK's fixed cost of calling one
//   more processor (onStart/onEnding/onEnd through MultiSpanProcessor) weighs most.
// - Each pair is measured in both orders (ours first, then bare first) and the two ratios are combined
//   by geometric mean: `interleave` always samples A first, which alone biases a ratio by ~1 %.
// - Under 2048 spans per sample, so the batch queue (flushed synchronously at 512 by the no-op
//   exporter, re-armed between samples) never drops: both sides do the same work.
import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { BatchSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import type { BenchRow } from '../lib/BenchRow.ts';
import { formatMicros, interleave, type InterleaveOptions } from '../lib/measure.ts';
import { report } from '../lib/report.ts';

const smoke = process.env.BENCH_SMOKE === '1';
const options: InterleaveOptions = smoke
  ? { iterations: 50, rounds: 3, warmup: 1 }
  : { iterations: 250, rounds: 401, warmup: 30 };

const noopExporter: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }), // ExportResultCode.SUCCESS
  shutdown: () => Promise.resolve(),
};

type Workload = (tracer: Tracer) => () => void;

const httpSpan: Workload = tracer => {
  let i = 0;
  return () => {
    const span = tracer.startSpan('GET /orders/:id', {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': 'GET',
        'url.scheme': 'http',
        'url.path': `/orders/${i++}`,
        'server.address': 'localhost',
        'server.port': 8080,
        'user_agent.original': 'bench/1.0',
      },
    });
    span.setAttribute('http.route', '/orders/:id');
    span.setAttribute('http.response.status_code', 200);
    span.setStatus({ code: SpanStatusCode.OK });
    span.end();
  };
};

const minimalSpan: Workload = tracer => {
  let i = 0;
  return () => {
    const span = tracer.startSpan('work', { attributes: { 'app.kind': 'bench' } });
    span.setAttribute('app.count', i++);
    span.end();
  };
};

function provider(withProcessor: boolean): TracerProvider {
  const batch = new BatchSpanProcessor({ exporter: noopExporter });
  const ours = new ExceptionSpanProcessor({ exceptionSignal: 'spans' });
  return new TracerProvider({ spanProcessors: withProcessor ? [ours, batch] : [batch] });
}

/** ours/bare, with the order bias cancelled; µs per span as the mean of both orders' medians. */
async function measure(workload: Workload) {
  const ours = provider(true);
  const bare = provider(false);
  const a = workload(ours.getTracer('b1'));
  const b = workload(bare.getTracer('b1'));
  const oursFirst = await interleave(a, b, options);
  const bareFirst = await interleave(b, a, options);
  await Promise.all([ours.shutdown(), bare.shutdown()]);
  return {
    ours: (oursFirst.a + bareFirst.b) / 2,
    bare: (oursFirst.b + bareFirst.a) / 2,
    ratio: Math.sqrt(oursFirst.ratio / bareFirst.ratio),
  };
}

const rows: BenchRow[] = [];
for (const [id, what, workload, target] of [
  [
    'B1',
    'spans without exceptions through ExceptionSpanProcessor vs bare pipeline',
    httpSpan,
    true,
  ],
  ['B1@minimal', 'same, one-attribute spans (fixed per-processor SDK cost)', minimalSpan, false],
] as const) {
  const result = await measure(workload);
  rows.push({
    id,
    what,
    ours: `${formatMicros(result.ours)}/span`,
    baseline: `${formatMicros(result.bare)}/span`,
    ratio: result.ratio,
    target: target ? '≤ 1.03×' : '-',
    pass: target ? result.ratio <= 1.03 : null,
  });
}
report(rows);
