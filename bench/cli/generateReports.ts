// Writes N realistic reports (distinct fingerprints, 5 services, ~3 KB each) into a directory
// through the real ErrorInfoStore, so the summary index is the one the writer maintains.
import { v5 as uuidv5 } from 'uuid';
import type { ErrorInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import { ErrorInfoStore } from '../../src/store/ErrorInfoStore.ts';

const NAMESPACE = 'f6b0d0a2-6c54-4c4b-9a0b-8f7f4bb4b7a1';
const SERVICES = ['checkout', 'payments', 'search', 'accounts', 'gateway'];
const TYPES = ['TypeError', 'RangeError', 'Error', 'SyntaxError', 'ValidationError'];
const START = Date.UTC(2024, 3, 1);

/** Writes `count` reports with deterministic content into `dir` (created); returns the time taken in ms. */
export function generateReports(dir: string, count: number): number {
  const started = performance.now();
  const store = new ErrorInfoStore({
    path: dir,
    fsync: false,
    maxFiles: 10_000_000,
    destinations: ['sentry'],
  });
  for (let i = 0; i < count; i++) store.writeSync(report(i));
  store.close();
  return performance.now() - started;
}

/** The i-th synthetic report. */
export function report(i: number): ErrorInfo {
  const service = SERVICES[i % SERVICES.length]!;
  const type = TYPES[(i >> 3) % TYPES.length]!;
  const first = new Date(START + i * 25_000);
  const last = new Date(first.getTime() + (i % 97) * 60_000);
  const frames = Array.from({ length: 10 }, (_, depth) => frame(i, depth));
  return {
    fingerprint: uuidv5(`bug-${i}`, NAMESPACE),
    name: service,
    version: `1.${i % 7}.${i % 13}`,
    timestamp: last,
    count: 1 + (i % 50),
    firstSeen: first,
    lastSeen: last,
    exception: {
      type,
      message: `Cannot read properties of undefined (reading 'field${i}')`,
      kind: 'error',
      code: null,
      errno: null,
      syscall: null,
      path: null,
      stack: null,
      cause: null,
      errors: [],
      truncated: false,
    },
    frames,
    rootModule: null,
    trace: {
      traceId: (i + 1).toString(16).padStart(32, '0'),
      spanId: (i + 1).toString(16).padStart(16, '0'),
    },
    resource: { 'service.name': service },
    runtime: { node: 'v24.21.0', pid: 4242, hostname: 'bench', platform: 'linux', arch: 'x64' },
    extra: {},
  };
}

function frame(i: number, depth: number): Frame {
  const inApp = depth < 4;
  const file = inApp
    ? `/srv/app/src/handlers/h${i % 40}/handler${depth}.ts`
    : `/srv/app/node_modules/express/lib/router/layer${depth}.js`;
  const line = 10 + ((i * 7 + depth) % 300);
  return {
    function: inApp ? `handle${depth}` : `Layer.handle${depth}`,
    alias: null,
    file,
    line,
    column: 5 + depth,
    async: depth === 3,
    isConstructor: false,
    native: false,
    eval: false,
    evalOrigin: null,
    promiseIndex: null,
    module: inApp ? `handlers.h${i % 40}:handler${depth}` : `express.lib.router:layer${depth}`,
    inApp,
    generated: null,
    source:
      depth < 2
        ? {
            firstLine: line - 3,
            currentLine: line,
            lines: Array.from(
              { length: 7 },
              (_, k) => `  const value${k} = await step${k}(request.body.items[${k}]);`,
            ),
          }
        : null,
    locals: null,
  };
}
