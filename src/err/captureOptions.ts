import type { CaptureOptions } from '../capture/CaptureOptions.ts';
import type { ErrOptions } from './ErrOptions.ts';

/** The capture options among `err.setup`'s. */
export function captureOptions(options: ErrOptions): CaptureOptions {
  return {
    name: options.name,
    version: options.version,
    rootDir: options.rootDir,
    rootModule: options.rootModule,
    include: options.include,
    exclude: options.exclude,
    contextLines: options.contextLines,
    fingerprintParts: options.fingerprintParts,
    includeVersion: options.fingerprintIncludesVersion,
  };
}
