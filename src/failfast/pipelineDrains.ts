import { logs, metrics } from '@opentelemetry/api';
import { registeredTracerProvider } from '../err/tracing.ts';
import { drainProvider, isDrainable } from './drainProvider.ts';

/** One step of the drain: started with the others, awaited within the deadline. */
export type Drain = () => unknown;

/**
 * A drain for every pipeline of the process, each once: the registered tracer provider (NodeSDK's or the
 * application's), the registered logger and meter providers, and `own` (the pipeline `err` runs itself).
 * Exporters inside them (OTLP, ErrorInfo files, Sentry) are drained by their processors' shutdown.
 */
export function pipelineDrains(own: readonly unknown[]): Drain[] {
  const candidates = [
    registeredTracerProvider(),
    logs.getLoggerProvider(),
    metrics.getMeterProvider(),
    ...own,
  ];
  return [...new Set(candidates)]
    .filter(isDrainable)
    .map(provider => () => drainProvider(provider));
}
