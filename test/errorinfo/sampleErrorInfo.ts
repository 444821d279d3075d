import type { ChainedException, ErrorInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import { chained, frame } from '../helpers/model.ts';

/** Frame overrides. */
export type FrameOverrides = Partial<Frame>;

/** A frame with every field at its default, then overridden. */
export function sampleFrame(overrides: FrameOverrides = {}, isConstructor = false): Frame {
  return frame({ isConstructor, ...overrides });
}

/** A chained exception with defaults, then overridden. */
export function sampleChained(overrides: Partial<ChainedException> = {}): ChainedException {
  return chained({ message: 'inner', ...overrides });
}

/** The smallest valid ErrorInfo: every optional field at its default. */
export function minimalErrorInfo(): ErrorInfo {
  const at = new Date('2024-05-01T10:00:00.000Z');
  const { frames: _frames, ...exception } = sampleChained({ type: 'Error', message: 'boom' });
  return {
    fingerprint: null,
    name: 'svc',
    version: '1.0.0',
    timestamp: at,
    count: 1,
    firstSeen: new Date(at),
    lastSeen: new Date(at),
    exception,
    frames: [],
    rootModule: null,
    trace: null,
    resource: {},
    runtime: null,
    extra: {},
  };
}

/** An ErrorInfo with every field set to a non-default value, edge cases included. */
export function richErrorInfo(): ErrorInfo {
  const appFrame = sampleFrame(
    {
      function: 'handler',
      alias: 'handle',
      file: '/srv/app/src/handler.ts',
      line: 42,
      column: 0,
      async: true,
      module: 'app.src:handler',
      inApp: true,
      generated: { file: '/srv/app/dist/handler.js', line: 7, column: 13, function: 'n' },
      source: { firstLine: 35, currentLine: 42, lines: ['a', '', '\u0000\ud800 end', 'b'] },
      locals: {
        nothing: null,
        n: -12.5e-300,
        big: 1.7976931348623157e308,
        flag: false,
        text: 'tab\there "quote" \\ \u2028',
        nested: { list: [1, [2, [3, { deep: [] }]], {}], empty: '' },
        // An own `__proto__` key, as JSON.parse creates it (a literal would set the prototype).
        ...(JSON.parse('{"__proto__":{"kept":"as own key"}}') as object),
        constructor: 'a local named constructor',
      },
    },
    true,
  );
  const evalFrame = sampleFrame({
    function: 'eval',
    file: 'eval at run (file:///srv/app/x.js:3:9)',
    line: 1,
    column: 1,
    eval: true,
    evalOrigin: { function: 'run', file: 'file:///srv/app/x.js', line: 3, column: 9 },
  });
  const nativeFrame = sampleFrame({ function: 'Promise.all', native: true, promiseIndex: 0 });
  const at = new Date('2024-05-01T10:00:00.123Z');
  const root = sampleChained({ type: 'TypeError', message: 'root cause', frames: [evalFrame] });
  const member = sampleChained({ type: 'RangeError', message: 'member', kind: 'string', code: 7 });
  return {
    fingerprint: '2f1b7a8e-6c1d-5b3e-9f00-0123456789ab',
    name: 'checkout',
    version: '2.3.4-beta.1',
    timestamp: at,
    count: 17,
    firstSeen: new Date('1999-12-31T23:59:59.999Z'),
    lastSeen: at,
    exception: {
      type: 'AggregateError',
      message: 'several\nlines',
      kind: 'error',
      code: 'ERR_X',
      errno: -2,
      syscall: 'open',
      path: '/etc/x',
      stack: 'AggregateError: several\n    at handler (/srv/app/src/handler.ts:42:0)',
      cause: sampleChained({ type: 'Error', message: 'middle', cause: root, truncated: true }),
      errors: [member, sampleChained({ kind: 'null', type: 'null', message: 'null' })],
      truncated: false,
    },
    frames: [appFrame, nativeFrame, evalFrame, sampleFrame({ line: 0, column: 0 })],
    rootModule: 'app',
    trace: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' },
    resource: { 'service.name': 'checkout', 'host.arch': 'amd64', list: ['a', 'b'] },
    runtime: { node: 'v24.21.0', pid: 0, hostname: 'box', platform: 'linux', arch: 'x64' },
    extra: { ticket: 'OPS-1', weights: [0.5, -1e-7], nested: { x: null } },
  };
}
