/** The Sentry exporter: public names, wired into `otel-err/exporters` by `exporters/index.ts`. */
export { SENTRY_EXPORTER_DEFAULTS, SentryExporter } from './SentryExporter.ts';
export type { SentryEventHint, SentryExporterOptions } from './SentryExporter.ts';
export { SENTRY_EVENT_DEFAULTS, toSentryEvent } from './transform.ts';
export type { SentryEventOptions } from './transform.ts';
export { createHttpTransport } from './httpTransport.ts';
export type { HttpTransportFactory, HttpTransportOptions } from './httpTransport.ts';
