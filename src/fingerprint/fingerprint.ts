import { parse as parseUuid, v5 as uuidv5 } from 'uuid';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import type { FingerprintOptions } from './FingerprintOptions.ts';
import { fingerprintParts } from './fingerprintParts.ts';

/** The UUIDv5 namespace of otel-err fingerprints (fixed forever; the scheme version is the first part). */
export const FINGERPRINT_NAMESPACE = '90a324c8-126e-4af4-8c8e-4e616588b868';

// Bytes in, not strings: `uuid` would re-parse the namespace and re-encode the name on every call (~4 µs).
const NAMESPACE_BYTES = parseUuid(FINGERPRINT_NAMESPACE);
const encoder = new TextEncoder();

/** The fingerprint of already computed parts: a UUIDv5 of the parts joined with NUL in `FINGERPRINT_NAMESPACE`. */
export function fingerprintOfParts(parts: readonly string[]): string {
  return uuidv5(encoder.encode(parts.join('\0')), NAMESPACE_BYTES);
}

/** The deterministic fingerprint of a report: same bug, same id; see `fingerprintParts` for what goes in. */
export function fingerprint(info: ErrorInfo, options?: FingerprintOptions): string {
  return fingerprintOfParts(fingerprintParts(info, options));
}
