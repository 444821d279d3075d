/** A failure to report to the user as one line on stderr, with the exit code to end with. */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** Exit code (see `EXIT`). */
  readonly exitCode: number;
  /** Further lines printed after the message (e.g. the candidates of an ambiguous prefix). */
  readonly details: readonly string[];

  /** `message` is printed after `err: `. */
  constructor(message: string, exitCode: number, details: readonly string[] = []) {
    super(message);
    this.exitCode = exitCode;
    this.details = details;
  }
}
