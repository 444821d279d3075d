import { CliError } from '../CliError.ts';
import { EXIT } from '../exitCodes.ts';

/**
 * The OTLP/HTTP traces URL: `--endpoint` as given, else `$OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as
 * given, else `$OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces` (the OTLP exporter configuration
 * rules). Throws a `CliError` (exit 2) when none is set or the URL is not http(s).
 */
export function otlpEndpoint(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const url =
    nonEmpty(option) ??
    nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) ??
    (nonEmpty(base) === undefined ? undefined : `${base!.replace(/\/+$/, '')}/v1/traces`);
  if (url === undefined) {
    throw new CliError(
      '--to otlp needs an endpoint: give --endpoint URL or set OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT',
      EXIT.usage,
    );
  }
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new CliError(
      `invalid OTLP endpoint ${url} (expected an http:// or https:// URL)`,
      EXIT.usage,
    );
  }
  return url;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
