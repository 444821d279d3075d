/** Size limits of the files the CLI reads: every file is treated as hostile. */
export const inputLimits = {
  /** Largest report file, and largest decompressed report (a gzip bomb stops here). */
  reportBytes: 16 * 1024 * 1024,
  /** OTLP files: largest file and decompressed content, and largest line (one export request). */
  otlp: { maxBytes: 256 * 1024 * 1024, maxLineBytes: 64 * 1024 * 1024 },
} as const;
