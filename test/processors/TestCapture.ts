import path from 'node:path';
import type {
  ChainedException,
  ErrorInfo,
  ExceptionInfo,
  Frame,
  JsonValue,
} from '../../src/errorinfo/ErrorInfo.ts';
import { fingerprint } from '../../src/fingerprint/fingerprint.ts';

/** What the test capture adds beyond frames. */
export interface TestCaptureOptions {
  /** Gives in-app frames a three-line source context whose current line is `throw <line>`. */
  source?: boolean;
  /** Locals of the top frame. */
  locals?: Record<string, JsonValue>;
  /** Throws instead of capturing. */
  fail?: boolean;
}

const FRAME_LINE = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/;

/**
 * A small deterministic stand-in for `captureErrorInfo`: fields read plainly, frames parsed from the
 * stack text with one regex, in-app meaning "not node_modules, not node:", the `cause` chain
 * followed, and the real `fingerprint()`. It counts its calls.
 */
export class TestCapture {
  /** How many times `capture` ran. */
  calls = 0;
  private readonly _options: TestCaptureOptions;

  /** A capture with the given extras. */
  constructor(options: TestCaptureOptions = {}) {
    this._options = options;
  }

  /** The capture function to hand to the processors. */
  readonly capture = (error: unknown): ErrorInfo => {
    this.calls++;
    if (this._options.fail === true) throw new Error('TestCapture: failing as asked');
    const exception = this._exception(error, 0);
    const frames = exception.frames;
    const now = new Date(0);
    const info: ErrorInfo = {
      fingerprint: null,
      name: 'test-service',
      version: '1.0.0',
      timestamp: now,
      count: 1,
      firstSeen: now,
      lastSeen: now,
      exception,
      frames,
      rootModule: null,
      trace: null,
      resource: {},
      runtime: null,
      extra: {},
    };
    return { ...info, fingerprint: fingerprint(info) };
  };

  private _exception(value: unknown, depth: number): ChainedException {
    const error =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
    const string = (key: string): string | null =>
      typeof error?.[key] === 'string' ? error[key] : null;
    const stack = string('stack');
    const code = error?.code;
    const base: ExceptionInfo = {
      type:
        error === null ? (value === null ? 'null' : typeof value) : (string('name') ?? 'Object'),
      message: error === null ? String(value) : (string('message') ?? ''),
      kind: value instanceof Error ? 'error' : value === null ? 'null' : typeof value,
      code: typeof code === 'string' || typeof code === 'number' ? code : null,
      errno: typeof error?.errno === 'number' ? error.errno : null,
      syscall: string('syscall'),
      path: string('path'),
      stack,
      cause: null,
      errors: [],
      truncated: false,
    };
    const cause =
      error !== null && depth < 8 && error.cause !== undefined
        ? this._exception(error.cause, depth + 1)
        : null;
    const frames = stack === null ? [] : this._frames(stack, depth === 0);
    return { ...base, cause, frames };
  }

  private _frames(stack: string, top: boolean): Frame[] {
    const frames: Frame[] = [];
    for (const line of stack.split('\n')) {
      const match = FRAME_LINE.exec(line);
      if (match === null) continue;
      const [, fn, file = '', lineText = '0', columnText = '0'] = match;
      const inApp = !file.includes('node_modules') && !file.startsWith('node:');
      const lineNumber = Number(lineText);
      frames.push({
        function: fn ?? null,
        alias: null,
        file,
        line: lineNumber,
        column: Number(columnText),
        async: false,
        isConstructor: false,
        native: false,
        eval: false,
        evalOrigin: null,
        promiseIndex: null,
        module: path.basename(file).replace(/\.[cm]?[jt]s$/, ''),
        inApp,
        generated: null,
        source:
          this._options.source === true && inApp
            ? {
                firstLine: lineNumber - 1,
                currentLine: lineNumber,
                lines: ['// before', `throw ${lineNumber}`, '// after'],
              }
            : null,
        locals: top && frames.length === 0 ? (this._options.locals ?? null) : null,
      });
    }
    return frames;
  }
}
