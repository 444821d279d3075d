import { createRequire } from 'node:module';
import type { SdkInfo } from '@sentry/core';

/** `sdk.name` of our events, in Sentry's `entity.ecosystem[.flavor]` form. */
export const SDK_NAME = 'otel_err.javascript.node';

const require = createRequire(import.meta.url);
let cached: SdkInfo | undefined;

function versionOf(specifier: string): string {
  try {
    const { version } = require(specifier) as { version?: unknown };
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Our `sdk` block: this package's name and version, and the `@sentry/core` it sends with (read once). */
export function sdkInfo(): SdkInfo {
  if (cached !== undefined) return cached;
  // The package's own name resolves from inside it (a self-reference through `exports`), from src or dist.
  const version = versionOf('otel-err/package.json');
  cached = {
    name: SDK_NAME,
    version,
    packages: [
      { name: 'npm:otel-err', version },
      { name: 'npm:@sentry/core', version: versionOf('@sentry/core/package.json') },
    ],
  };
  return cached;
}
