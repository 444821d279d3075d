import { diag, type DiagLogger, DiagLogLevel } from '@opentelemetry/api';

/** A `diag` logger that records every message by level; install it in a test, uninstall after. */
export class TestDiagCapture implements DiagLogger {
  /** Messages received, as `level: message`, oldest first. */
  readonly messages: string[] = [];

  /** Makes this the global `diag` logger at the most verbose level. */
  install(): this {
    diag.setLogger(this, { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true });
    this.messages.length = 0;
    return this;
  }

  /** Removes the global `diag` logger. */
  uninstall(): void {
    diag.disable();
  }

  /** Messages of one level. */
  of(level: 'error' | 'warn' | 'info' | 'debug'): string[] {
    return this.messages
      .filter(m => m.startsWith(`${level}: `))
      .map(m => m.slice(level.length + 2));
  }

  error(message: string): void {
    this.messages.push(`error: ${message}`);
  }
  warn(message: string): void {
    this.messages.push(`warn: ${message}`);
  }
  info(message: string): void {
    this.messages.push(`info: ${message}`);
  }
  debug(message: string): void {
    this.messages.push(`debug: ${message}`);
  }
  verbose(message: string): void {
    this.messages.push(`verbose: ${message}`);
  }
}
