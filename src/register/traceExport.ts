import type { Env } from './envOptions.ts';

/** Whether the zero-code start exports spans itself, and what to warn about. */
export interface TraceExportPlan {
  /** True: add an OTLP/HTTP exporter (configured by the standard `OTEL_EXPORTER_OTLP_*` variables). */
  export: boolean;
  /** One line per variable whose value cannot be honoured. */
  warnings: string[];
}

const TRUE = /^true$/i;

/**
 * Decides, from the OpenTelemetry variables, whether `otel-err/register` exports spans: only when an OTLP
 * endpoint is set (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT`), no SDK is
 * registered yet (`sdkRegistered`: the SDK's pipeline exports then), `OTEL_TRACES_EXPORTER` allows `otlp`
 * (default; `none` turns it off) and `OTEL_SDK_DISABLED` is not `true`. Spans are sent as OTLP/HTTP JSON.
 */
export function traceExportPlan(env: Env, sdkRegistered: boolean): TraceExportPlan {
  const warnings: string[] = [];
  const endpoint =
    value(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? value(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (endpoint === undefined || sdkRegistered || TRUE.test(value(env, 'OTEL_SDK_DISABLED') ?? '')) {
    return { export: false, warnings };
  }
  const exporters = (value(env, 'OTEL_TRACES_EXPORTER') ?? 'otlp')
    .split(',')
    .map(name => name.trim().toLowerCase())
    .filter(name => name !== '');
  if (exporters.includes('none')) return { export: false, warnings };
  const others = exporters.filter(name => name !== 'otlp');
  const wanted = exporters.includes('otlp');
  if (others.length > 0) {
    warnings.push(
      `OTEL_TRACES_EXPORTER=${JSON.stringify(value(env, 'OTEL_TRACES_EXPORTER'))}: otel-err/register exports with otlp only; ${others.join(', ')} ignored${wanted ? '' : ', no spans exported'}.`,
    );
  }
  const protocolVariable = [
    'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
    'OTEL_EXPORTER_OTLP_PROTOCOL',
  ].find(name => value(env, name) !== undefined);
  if (wanted && protocolVariable && value(env, protocolVariable)?.toLowerCase() === 'grpc') {
    warnings.push(
      `${protocolVariable}=grpc is not supported by otel-err/register: spans go as OTLP/HTTP JSON to ${endpoint}; point it at an OTLP/HTTP endpoint (port 4318).`,
    );
  }
  return { export: wanted, warnings };
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}
