import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';

/** A `diag` logger that records debug lines, installed for one test and removed after it. */
export class TestDiagLogger implements DiagLogger {
  /** Debug lines received, oldest first. */
  readonly debugs: string[] = [];

  /** Makes this the global `diag` logger at debug level (dropping the API's own registration line). */
  install(): this {
    diag.setLogger(this, { logLevel: DiagLogLevel.DEBUG, suppressOverrideMessage: true });
    this.debugs.length = 0;
    return this;
  }

  /** Removes the global `diag` logger. */
  uninstall(): void {
    diag.disable();
  }

  error(): void {}
  warn(): void {}
  info(): void {}
  verbose(): void {}
  debug(message: string): void {
    this.debugs.push(message);
  }
}
