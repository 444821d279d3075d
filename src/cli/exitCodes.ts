/** Exit codes of `err` (also printed by `err --help`). */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** Done, but some files could not be read or removed (each named on stderr). */
  partial: 1,
  /** Bad arguments, or the report directory is missing or unreadable. */
  usage: 2,
  /** No report matches the fingerprint or prefix, or a prefix matches several. */
  notFound: 3,
  /** An unexpected failure of `err` itself (details with --debug). */
  internal: 4,
} as const;

/** The exit codes as help text. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  success',
  '  1  some files could not be read or removed (each is named on stderr)',
  '  2  bad arguments, or the report directory is missing or unreadable',
  '  3  no report matches the fingerprint or prefix, or a prefix is ambiguous',
  '  4  internal error (run with --debug for details)',
].join('\n');
