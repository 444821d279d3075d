/** Options every command takes. */
export interface GlobalArgs {
  /** `-p DIR`: the report directory. */
  path?: string;
  /** `--debug`: stack traces and index decisions on stderr. */
  debug?: boolean;
}
