import { diag } from '@opentelemetry/api';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import { format } from '../format/format.ts';
import type { ErrorInfoStore } from '../store/ErrorInfoStore.ts';
import { ERR_DEFAULTS, type ErrOptions } from './ErrOptions.ts';

/**
 * Stores a report: for a crash synchronously (on disk when this returns, true when written), otherwise
 * counted (first occurrence written at once, later ones merged by the store's window). Never throws.
 */
export function writeReport(
  store: ErrorInfoStore | null,
  info: ErrorInfo,
  crash: boolean,
): boolean {
  try {
    if (crash) return store?.writeSync(info) ?? false;
    store?.record(info);
  } catch (failure) {
    diag.warn(`Err: could not write a report: ${String(failure)}`);
  }
  return false;
}

/**
 * Prints a report to stderr with the `format` option. With `format: null`, an error the process dies of is
 * still printed, in Node's look (`basic`): Node would have printed it. Never throws.
 */
export function printReport(option: ErrOptions['format'], info: ErrorInfo, dying: boolean): void {
  try {
    const formatter = option === undefined ? ERR_DEFAULTS.format : option;
    const chosen = formatter ?? (dying ? 'basic' : null);
    if (chosen !== null) process.stderr.write(`${format(info, chosen)}\n`);
  } catch (failure) {
    diag.warn(`Err: could not print a report: ${String(failure)}`);
  }
}
