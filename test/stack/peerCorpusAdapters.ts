/**
 * Per-source adapters for the peer stack corpus: each one says what one of OUR frames looks like in
 * that source's vocabulary (`view`), and translates the few expectations whose value our convention
 * records differently on purpose (`expected`). Every difference is spelled out here, once.
 */
import { posix } from 'node:path';
import type { StackFrame } from '../../src/stack/StackFrame.ts';
import { isInApp } from '../../src/stack/isInApp.ts';
import { moduleName } from '../../src/stack/moduleName.ts';

/** An expected frame of the corpus: keys as the corpus names them. */
export type Expected = Record<string, unknown>;

/** How one source reads our frames. */
export interface Adapter {
  /** Our frames as the source lists them (default: all). */
  frames?: (frames: StackFrame[]) => StackFrame[];
  /** One of our frames in the source's vocabulary. */
  view: (frame: StackFrame) => Expected;
  /** The source's expectation translated where it records a documented quirk (default: as is). */
  expected?: (expected: Expected) => Expected;
}

/** The text V8 prints for the function part of a frame. */
function printed(f: StackFrame, options: { async: boolean; anonymous: string }): string {
  const name = f.function ?? (f.isConstructor ? '<anonymous>' : options.anonymous);
  const alias = f.alias === null ? '' : ` [as ${f.alias}]`;
  return `${options.async && f.async ? 'async ' : ''}${f.isConstructor ? 'new ' : ''}${name}${alias}`;
}

/** The location V8 prints for a frame (used only to measure the printed line). */
function location(f: StackFrame): string {
  const position = f.line === null ? '' : `:${f.line}${f.column === null ? '' : `:${f.column}`}`;
  return `${f.file ?? '<anonymous>'}${position}`;
}

/** Where eval'd code is reported at its outermost call site (Sentry, error-stack-parser). */
function callSite(f: StackFrame): Pick<StackFrame, 'file' | 'line' | 'column'> {
  const { file, line, column } = f.eval && f.evalOrigin ? f.evalOrigin : f;
  return { file, line, column };
}

// Sentry collapses `data:` URLs to `<data:mime>` and reports no position for them.
function sentryData(file: string | null): string | null {
  if (file === null || !file.startsWith('data:')) return null;
  const end = file.search(/[,;]/);
  return `<data:${file.slice(5, end < 0 ? undefined : end)}>`;
}

// Sentry's node parser strips `file://` (and the `/` before a drive letter), then decodeURI()s.
function sentryNodeFile(file: string | null): string | null {
  if (file === null) return null;
  const stripped = file.startsWith('file://') ? file.slice(7).replace(/^\/([a-z]:)/i, '$1') : file;
  try {
    return decodeURI(stripped);
  } catch {
    return stripped;
  }
}

// Sentry's createGetModuleFromFilename is run relative to its test runner's directory.
const SENTRY_BASE = '/sentry-test-runner';

function sentryNode(f: StackFrame): Expected {
  const data = sentryData(f.file);
  const name =
    f.function === null && !f.isConstructor ? '?' : printed(f, { async: false, anonymous: '?' });
  const module = moduleName(f.file, { baseDir: SENTRY_BASE, isWindows: false });
  return {
    // Sentry prints an anonymous method as `Object.?`.
    function: name.replace('<anonymous>', '?'),
    file: data ?? sentryNodeFile(f.file),
    // Sentry's parseInt(x) || undefined loses column 0; data: URLs get no position.
    line: data ? null : f.line || null,
    column: data ? null : f.column || null,
    in_app: isInApp(f),
    native: f.native,
    async: f.async,
    // We keep `node:internal/x` as the module; Sentry keeps only its last path segment.
    module: module?.startsWith('node:') ? posix.basename(module) : module,
  };
}

const sentryNodeStacks: Adapter = {
  view: sentryNode,
  // Sentry back-fills a built-in frame's file from the frame above it; we never back-fill.
  expected: e => (e.native === true ? { ...e, file: null } : e),
};

// Sentry cuts every line at 1 KB before matching (ReDoS guard); what is cut off has no position.
const SENTRY_LINE_CAP = 1024;

const sentryBrowser: Adapter = {
  view: f => {
    const at = callSite(f);
    const data = sentryData(f.file);
    const cut =
      `    at ${printed(f, { async: true, anonymous: '?' })} (${location(f)})`.length >
      SENTRY_LINE_CAP;
    return {
      // The browser parser keeps `async ` in the name, except for anonymous functions.
      function:
        f.function === null && !f.isConstructor ? '?' : printed(f, { async: true, anonymous: '?' }),
      file: data ?? at.file,
      line: data || cut ? null : at.line,
      column: data || cut ? null : at.column,
      eval: f.eval,
      // The browser parser marks every frame in_app: it says nothing about the frame.
      in_app: true,
      wasm_offset: f.column === null ? null : `0x${(f.column - 1).toString(16)}`,
    };
  },
  // Its file for a built-in is the word V8 printed (`native`, `<anonymous>`): our `file: null`.
  expected: e =>
    (e.file === 'native' || e.file === '<anonymous>') && e.line === undefined
      ? { ...e, file: null }
      : e,
};

const errorStackParser: Adapter = {
  view: f => ({
    function: f.function === null ? null : printed(f, { async: true, anonymous: '' }),
    ...callSite(f),
  }),
  // Its fileName for a built-in is the literal `(native)`: our `file: null`.
  expected: e => (e.file === '(native)' ? { ...e, file: null } : e),
};

function stackUtils(cwd: string | null): Adapter {
  const relativeTo = (file: string | null): string | null =>
    cwd !== null && file?.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
  return {
    view: f => ({
      function: f.function,
      method: f.alias,
      constructor: f.isConstructor,
      native: f.native,
      file: relativeTo(f.file),
      line: f.line,
      column: f.column,
      eval: f.evalOrigin && {
        origin: f.evalOrigin.function ?? '<anonymous>',
        file: f.evalOrigin.file,
        line: f.evalOrigin.line,
        column: f.evalOrigin.column,
      },
    }),
  };
}

/** stack-utils' own object: keys present only when set (as its fixtures record them). */
export function stackUtilsRaw(f: StackFrame, cwd: string | null): Expected {
  const v = stackUtils(cwd).view(f);
  const raw: Expected = {
    function: v.function,
    method: v.method,
    constructor: v.constructor || null,
    native: v.native || null,
    file: v.file,
    line: v.line,
    column: v.column,
    evalOrigin: f.evalOrigin ? (f.evalOrigin.function ?? '<anonymous>') : null,
    evalFile: f.evalOrigin?.file ?? null,
    evalLine: f.evalOrigin?.line ?? null,
    evalColumn: f.evalOrigin?.column ?? null,
  };
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== null));
}

const stacktraceParser: Adapter = {
  // Its regular expression needs a location: the bare `at <anonymous>` line gives no frame.
  frames: frames => frames.filter(f => f.function !== null || f.file !== null),
  view: f => ({
    function: printed(f, { async: true, anonymous: '<unknown>' }),
    file: f.file,
    line: f.line,
    column: f.column,
    native: f.native,
  }),
};

const nodeStackTrace: Adapter = {
  view: f => {
    const dot = f.function?.lastIndexOf('.') ?? -1;
    return {
      function: f.function,
      type: f.function !== null && dot > 0 ? f.function.slice(0, dot) : null,
      method: f.function !== null && dot > 0 ? f.function.slice(dot + 1) : f.function,
      file: f.file,
      line: f.line,
      column: f.column,
      native: f.native,
    };
  },
};

function stacktracey(cwd: string): Adapter {
  return {
    view: f => {
      const file = f.file ?? '';
      const domain = /^https?:\/\//.test(file) ? new URL(file).hostname : null;
      const slashed = file.replace(/\\/g, '/');
      const relative = domain ? new URL(file).pathname.slice(1) : slashed.replace(`${cwd}/`, '');
      return {
        function: f.function,
        callee_short: f.function?.split('.').at(-1) ?? null,
        file: f.file,
        line: f.line,
        column: f.column,
        external_domain: domain,
        third_party: domain !== null || relative.includes('node_modules/'),
        file_relative: relative,
        file_short: relative.replace(/^node_modules\//, ''),
        file_name: posix.basename(relative),
      };
    },
  };
}

/** The adapter for a corpus entry, chosen by its `semantics`. */
export function adapterFor(semantics: string): Adapter {
  if (
    semantics.startsWith('sentry-node-line-parser') ||
    semantics.startsWith('sentry-createStackParser')
  ) {
    return { view: sentryNode };
  }
  if (semantics.startsWith('sentry-node-parseStackFrames')) return sentryNodeStacks;
  if (semantics.startsWith('sentry-browser')) return sentryBrowser;
  if (semantics.startsWith('error-stack-parser')) return errorStackParser;
  if (semantics.startsWith("stack-utils parseLine with cwd '/user/dev/project'"))
    return stackUtils('/user/dev/project');
  if (semantics.startsWith('stack-utils')) return stackUtils(null);
  if (semantics.startsWith('stacktrace-parser')) return stacktraceParser;
  if (semantics.startsWith('node-stack-trace')) return nodeStackTrace;
  if (semantics.startsWith('stacktracey')) return stacktracey('<cwd>');
  throw new Error(`no adapter for semantics ${JSON.stringify(semantics)}`);
}
