import { escapeText } from '../format/text.ts';
import { CliError } from './CliError.ts';
import { EXIT } from './exitCodes.ts';
import { Output, OutputClosedError } from './Output.ts';

/** What every command shares: the outputs, the exit code being built, and `--debug`. */
export class CliContext {
  /** Standard output. */
  readonly out = new Output(1);
  /** Standard error. */
  readonly err = new Output(2);
  /** The exit code so far. */
  exitCode: number = EXIT.ok;
  /** Whether `--debug` was given. */
  debug = false;
  /** Set when the arguments were refused: no command runs then. */
  usageFailed = false;

  /** Raises the exit code to `code` (a worse outcome is never hidden by a later better one). */
  fail(code: number): void {
    this.exitCode = Math.max(this.exitCode, code);
  }

  /** Prints `err: <message>` on stderr, control characters made visible. */
  warn(message: string): void {
    this.err.write(`err: ${escapeText(message)}\n`);
  }

  /** Prints a `--debug` line on stderr. */
  trace(message: string): void {
    if (this.debug) this.err.write(`err: debug: ${escapeText(message)}\n`);
  }

  /**
   * Runs a command: a `CliError` becomes its message and exit code, a closed output ends quietly,
   * anything else is an internal error whose stack is shown only with `--debug`.
   */
  async run(command: () => void | Promise<void>): Promise<void> {
    try {
      if (!this.usageFailed) await command();
    } catch (error) {
      this._report(error);
    }
    try {
      this.out.flush();
    } catch (error) {
      this._report(error);
    }
    try {
      this.err.flush();
    } catch {
      // Nobody reads stderr: nothing left to tell.
    }
  }

  private _report(error: unknown): void {
    if (error instanceof OutputClosedError) return;
    if (error instanceof CliError) {
      this.warn(error.message);
      for (const line of error.details) this.err.write(`  ${escapeText(line)}\n`);
      this.fail(error.exitCode);
      return;
    }
    this.fail(EXIT.internal);
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.warn(`internal error: ${text}${this.debug ? '' : ' (run with --debug for details)'}`);
    if (this.debug && error instanceof Error && error.stack) this.err.write(`${error.stack}\n`);
  }
}
