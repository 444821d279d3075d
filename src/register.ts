/**
 * Zero-code start: `node --import otel-err/register app.js` sets up `err` from the environment, with no
 * change to the application. Invalid values are reported once each as a process warning and ignored.
 *
 *   OTEL_SERVICE_NAME            name (also OTEL_RESOURCE_ATTRIBUTES service.name/version; else package.json)
 *   ERR_PATH                     crash-file directory (relative to the working directory); unset: no files
 *   ERR_FORMAT                   basic | terse (default) | extend | none
 *   ERR_LOCALS                   off | uncaught (default) | all
 *   ERR_CATCH_ALL                true (default) | false: uncaughtException + unhandledRejection
 *   ERR_COMPRESS                 gzip | none (default)
 *   ERR_ROOT_DIR                 application root (in-app frames, module names)
 *   ERR_CONTEXT_LINES            source lines around each frame (default 7)
 *   ERR_FAIL_FAST_CODE           exit code after a crash (default 1)
 *   ERR_FAIL_FAST_TIMEOUT_MS     flush deadline before a crash exit (default 5000)
 *   OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
 *                                when set and no SDK is registered yet: err's spans are exported as OTLP/HTTP
 *                                JSON in a BatchSpanProcessor (the other OTEL_EXPORTER_OTLP_* and OTEL_BSP_*
 *                                variables apply); OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true: not.
 */
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { err } from './err/instance.ts';
import { registeredTracerProvider } from './err/tracing.ts';
import { envOptions } from './register/envOptions.ts';
import { traceExportPlan } from './register/traceExport.ts';

const WARNING = { type: 'Warning', code: 'OTEL_ERR_REGISTER' } as const;

async function exportingProcessors(): Promise<SpanProcessor[]> {
  // Loaded only when needed: the exporter pulls in the OTLP transformer.
  const [{ BatchSpanProcessor }, { OTLPTraceExporter }] = await Promise.all([
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/exporter-trace-otlp-http'),
  ]);
  return [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })];
}

const { options, warnings } = envOptions(process.env);
const plan = traceExportPlan(process.env, registeredTracerProvider() !== null);
for (const warning of [...warnings, ...plan.warnings]) {
  process.emitWarning(`otel-err/register: ${warning}`, WARNING);
}
try {
  err.setup({ ...options, spanProcessors: plan.export ? await exportingProcessors() : [] });
} catch (error) {
  process.emitWarning(`otel-err/register: not started (${String(error)})`, WARNING);
}
