/** How many characters of the received value an error message shows. */
const MAX_RECEIVED_CHARS = 60;

/** Extra details of an `ErrorInfoFormatError`. */
export interface ErrorInfoFormatErrorOptions {
  /** The offending value, shown clipped in `message`; leave the key out when there is none. */
  received?: unknown;
  /** The underlying error (a `SyntaxError` from `JSON.parse`, a zlib error, …). */
  cause?: unknown;
}

/**
 * The one error the ErrorInfo codec throws: the document (or the model being written) is not a
 * valid ErrorInfo. `field` names the first bad place, `shortMessage` says why.
 */
export class ErrorInfoFormatError extends Error {
  /** Stable name, usable instead of `instanceof` across package copies. */
  override readonly name = 'ErrorInfoFormatError';
  /** Path of the first bad field, e.g. `frames[3].source.lines[2]`, `$version`, or `$` for the whole input. */
  readonly field: string;
  /** The reason alone, without the field and the received value. */
  readonly shortMessage: string;

  /** `field` is the path of the bad field, `reason` the short explanation. */
  constructor(field: string, reason: string, options: ErrorInfoFormatErrorOptions = {}) {
    const received = 'received' in options ? ` (received ${describeValue(options.received)})` : '';
    super(
      `Invalid ErrorInfo at ${field}: ${reason}${received}`,
      'cause' in options ? { cause: options.cause } : undefined,
    );
    this.field = field;
    this.shortMessage = reason;
  }
}

/** A short, bounded rendering of any value: never walks a large object, never throws. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return clip(JSON.stringify(value));
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return clip(`${value}n`);
    case 'undefined':
      return 'undefined';
    case 'object':
      return value instanceof Date ? 'a Date' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function clip(text: string): string {
  return text.length > MAX_RECEIVED_CHARS ? `${text.slice(0, MAX_RECEIVED_CHARS - 1)}…` : text;
}
