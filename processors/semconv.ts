/**
 * Attribute names on exception span events and exception log records.
 *
 * Standard names come from the OpenTelemetry semantic conventions (`exception.*` stable, `code.*`
 * stable since v1.33). Everything without a convention lives under ONE namespace, `otel_err.`:
 * - not `exception.*`: that namespace belongs to semconv, which may later define names such as
 *   `exception.code` (semantic-conventions#3459) with another meaning;
 * - not `error.*`: `error.type` is a stable semconv attribute (a low-cardinality error class);
 * - not `otel.*`: reserved for the OpenTelemetry specification itself.
 * `otel_err` is the package name in semconv's snake_case form, unique enough to never clash, and
 * no attribute name below is also a namespace (semconv naming rule).
 */

/** The prefix of every non-standard attribute this package writes. */
export const NAMESPACE = 'otel_err.';

/** Event (and log record event) name of an exception, as the SDK's `recordException` writes it. */
export const EXCEPTION_EVENT = 'exception';

/** Stable semconv: the exception's type (computed by us from the name or constructor, never `code`). */
export const EXCEPTION_TYPE = 'exception.type';
/** Stable semconv: the exception's message. */
export const EXCEPTION_MESSAGE = 'exception.message';
/** Stable semconv: the stack as V8 printed it. */
export const EXCEPTION_STACKTRACE = 'exception.stacktrace';

/** Stable semconv: function of the top in-app frame. */
export const CODE_FUNCTION_NAME = 'code.function.name';
/** Stable semconv: file of the top in-app frame (a path; `file://` URLs are converted). */
export const CODE_FILE_PATH = 'code.file.path';
/** Stable semconv: 1-based line of the top in-app frame. */
export const CODE_LINE_NUMBER = 'code.line.number';
/** Stable semconv: 1-based column of the top in-app frame. */
export const CODE_COLUMN_NUMBER = 'code.column.number';

/** Ours: the bug's deterministic UUIDv5 (string). */
export const FINGERPRINT = `${NAMESPACE}fingerprint`;
/** Ours: ordinal of this occurrence of the fingerprint in this process, 1 for the first (int). */
export const OCCURRENCE = `${NAMESPACE}occurrence`;
/** Ours: what was thrown: `error`, `string`, `object`, `null`, … (string). */
export const EXCEPTION_KIND = `${NAMESPACE}exception.kind`;
/** Ours: `error.code`, kept apart from the type (`ENOENT`, `ERR_INVALID_ARG_TYPE`; string or int). */
export const EXCEPTION_CODE = `${NAMESPACE}exception.code`;
/** Ours: `error.errno` (int). */
export const EXCEPTION_ERRNO = `${NAMESPACE}exception.errno`;
/** Ours: `error.syscall` (string). */
export const EXCEPTION_SYSCALL = `${NAMESPACE}exception.syscall`;
/** Ours: `error.path` (string). */
export const EXCEPTION_PATH = `${NAMESPACE}exception.path`;
/** Ours: names of our attributes that were shortened or left out to respect limits (string[]). */
export const TRUNCATED = `${NAMESPACE}truncated`;
/** Ours: the frames, top first, as a JSON array (shapes in jsonItems.ts). */
export const FRAMES = `${NAMESPACE}frames`;
/** Ours: linked exceptions (cause chain and AggregateError members), pre-order, as a JSON array. */
export const CHAIN = `${NAMESPACE}chain`;
/** Ours: source lines around in-app frames, as a JSON array. */
export const SOURCE = `${NAMESPACE}source`;
/** Ours: local variables of frames (redacted and bounded by capture), as a JSON array. */
export const LOCALS = `${NAMESPACE}locals`;

/** Ours, on the SPAN: how many exception events the SDK's event limit pushed out of it (int). */
export const DROPPED_EXCEPTIONS = `${NAMESPACE}dropped_exceptions`;
/** Ours, on the SPAN: fingerprints of those pushed-out exception events, at most 16 (string[]). */
export const DROPPED_FINGERPRINTS = `${NAMESPACE}dropped_fingerprints`;
