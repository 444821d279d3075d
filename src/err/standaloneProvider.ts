import type { Attributes } from '@opentelemetry/api';
import {
  defaultResource,
  detectResources,
  resourceAttributesEnvDetector,
  resourceFromAttributes,
  serviceNameEnvDetector,
  type Resource,
} from '@opentelemetry/resources';
import { TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { defaultServiceIdentity } from '../capture/serviceIdentity.ts';

/**
 * The resource of the pipeline `err` runs when no TracerProvider is registered, later sources winning:
 * the SDK defaults, package.json's name and version, `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_SERVICE_NAME`,
 * then the `name` / `version` options. Reports take their service name and version from it.
 */
export function standaloneResource(name?: string, version?: string): Resource {
  const identity = defaultServiceIdentity();
  return defaultResource()
    .merge(
      resourceFromAttributes(
        known({ 'service.name': identity.name, 'service.version': identity.version }),
      ),
    )
    .merge(detectResources({ detectors: [resourceAttributesEnvDetector, serviceNameEnvDetector] }))
    .merge(resourceFromAttributes(known({ 'service.name': name, 'service.version': version })));
}

/** A provider of `err`'s own, never registered globally: `first` (the exception processor), then `more`. */
export function standaloneProvider(
  resource: Resource,
  first: SpanProcessor,
  more: readonly SpanProcessor[],
): TracerProvider {
  return new TracerProvider({ resource, spanProcessors: [first, ...more] });
}

function known(attributes: Record<string, string | undefined>): Attributes {
  const result: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== 'unknown') result[key] = value;
  }
  return result;
}
