import type { ErrorInfo, JsonValue } from './ErrorInfo.ts';

// A model type as its JSON document form: Dates become ISO 8601 strings, everything else keeps its shape.
type DocumentOf<T> = T extends Date
  ? string
  : T extends JsonValue
    ? T
    : T extends readonly (infer U)[]
      ? DocumentOf<U>[]
      : T extends object
        ? { [K in keyof T]: DocumentOf<T[K]> }
        : T;

/** An ErrorInfo document as `toDocument` writes it (`$version` "2.0") and `fromDocument` reads it (any 2.x). */
export type ErrorInfoDocument = { $type: 'errorinfo'; $version: string } & DocumentOf<ErrorInfo>;
