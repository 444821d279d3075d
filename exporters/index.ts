/** Public entry point of `otel-err/exporters`: span exporters for the reports of exception events. */
export { ErrorInfoFileExporter, FILE_EXPORTER_DEFAULTS } from './file/ErrorInfoFileExporter.ts';
export type { ErrorInfoFileExporterOptions } from './file/ErrorInfoFileExporter.ts';
export { OutboxExporter } from './file/OutboxExporter.ts';
export type { OutboxExporterOptions } from './file/OutboxExporter.ts';
export { TRACEBACK_DEFAULTS, TracebackExporter } from './traceback/TracebackExporter.ts';
export type { TracebackExporterOptions, TracebackStream } from './traceback/TracebackExporter.ts';
export { IN_MEMORY_DEFAULTS, InMemoryErrorExporter } from './memory/InMemoryErrorExporter.ts';
export type { InMemoryErrorExporterOptions } from './memory/InMemoryErrorExporter.ts';
export { errorInfoOfEvent, exceptionEventsOf, isExceptionEvent } from './errorInfoOfEvent.ts';
export { errorInfosOf } from './errorInfosOf.ts';
export {
  createHttpTransport,
  SENTRY_EVENT_DEFAULTS,
  SENTRY_EXPORTER_DEFAULTS,
  SentryExporter,
  toSentryEvent,
} from './sentry/index.ts';
export type {
  HttpTransportFactory,
  HttpTransportOptions,
  SentryEventHint,
  SentryEventOptions,
  SentryExporterOptions,
} from './sentry/index.ts';
