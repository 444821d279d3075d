// Compiled by `npm run test:types` against the BUILT package, through its `exports` map, as a consumer sees it.
import type { ErrorInfo, Frame, StackFrame } from 'otel-err';

declare const info: ErrorInfo;
const top: Frame | undefined = info.frames[0];
const parsed: StackFrame | undefined = top;
const line: number | null = parsed?.line ?? null;
export const summary: string = `${info.exception.type}: ${info.exception.message} at ${line}`;
