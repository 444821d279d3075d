import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';

/** A hook that may change the documented fingerprint parts of one report before they are hashed. */
export type FingerprintPartsHook = (parts: string[], info: ErrorInfo) => readonly string[];

/** How fingerprints are computed. Every field is optional; the defaults are in `FINGERPRINT_DEFAULTS`. */
export interface FingerprintOptions {
  /** How many frames nearest the throw are hashed (module, function and statement text each). The default value is 3. */
  frames?: number;
  /** Hash the service version too, so that every release starts new ids. The default value is false. */
  includeVersion?: boolean;
  /** Rewrites the parts before hashing (add a tenant, drop the service name, …). The default is none. */
  fingerprintParts?: FingerprintPartsHook;
}

/** The default fingerprint options, in one visible place. */
export const FINGERPRINT_DEFAULTS = { frames: 3, includeVersion: false } as const;
