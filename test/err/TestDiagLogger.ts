import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';

/** A `diag` logger that keeps what it is given; `install()` makes it the global one until the returned undo. */
export class TestDiagLogger implements DiagLogger {
  /** Every message, as `<level>: <text and arguments>`. */
  readonly messages: string[] = [];

  /** Sets this logger globally (all levels) and returns the function that disables `diag` again. */
  install(): () => void {
    diag.setLogger(this, { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true });
    return () => diag.disable();
  }

  /** The messages of one level. */
  at(level: 'error' | 'warn' | 'info' | 'debug' | 'verbose'): string[] {
    return this.messages.filter(message => message.startsWith(`${level}: `));
  }

  readonly error = (message: string, ...args: unknown[]): void =>
    this._keep('error', message, args);
  readonly warn = (message: string, ...args: unknown[]): void => this._keep('warn', message, args);
  readonly info = (message: string, ...args: unknown[]): void => this._keep('info', message, args);
  readonly debug = (message: string, ...args: unknown[]): void =>
    this._keep('debug', message, args);
  readonly verbose = (message: string, ...args: unknown[]): void =>
    this._keep('verbose', message, args);

  private _keep(level: string, message: string, args: unknown[]): void {
    this.messages.push(`${level}: ${[message, ...args.map(String)].join(' ')}`);
  }
}
