// Process-level behaviour of the locals collector: each scenario in test/fixtures/locals/ runs in
// its own Node process and prints JSON. The scenarios start together (they are independent) and
// each `it` awaits its own.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  runScenario,
  scenarioPath,
  type ScenarioOptions,
  type ScenarioRun,
} from './runScenario.ts';

// Scenario output is free-form JSON, asserted field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function started(name: string, options?: ScenarioOptions): Promise<ScenarioRun> {
  const run = runScenario(name, options);
  run.catch(() => undefined);
  return run;
}

async function output(run: Promise<ScenarioRun>): Promise<Json> {
  const { code, lines, stderr } = await run;
  assert.equal(code, 0, stderr);
  assert.equal(lines.length > 0, true, `no output; stderr:\n${stderr}`);
  return lines.at(-1);
}

const runs = {
  uncaught: started('uncaught.mjs'),
  unhandled: started('unhandled.mjs'),
  caughtAll: started('caught.mjs', { args: ['all'] }),
  caughtUncaught: started('caught.mjs', { args: ['uncaught'] }),
  hostile: started('hostile.mjs'),
  concurrent: started('concurrent.mjs'),
  blackbox: started('blackbox.mjs'),
  cjs: started('cjs.cjs'),
  esmTopLevel: started('esm-top-level.mjs'),
  lifecycle: started('lifecycle.mjs'),
  worker: started('worker.mjs'),
  lateInspect: started('late-inspect.mjs'),
};

const functions = (frames: Json[]): unknown[] =>
  frames.map((f: { function: string }) => f.function);

describe('InspectorCollector', () => {
  describe('mode uncaught', () => {
    it('should capture the throwing frame and its callers for an uncaught exception', async () => {
      const out = await output(runs.uncaught);
      assert.equal(out.mode, 'uncaught');
      assert.equal(out.captured.uncaught, true);
      assert.deepEqual(functions(out.captured.frames), ['level3', 'level2', 'level1']);
      const [level3, level2, level1] = out.captured.frames;
      assert.deepEqual(level3.locals.order.items, [1, 2, 3]);
      assert.equal(level3.locals.total, 6);
      assert.equal(level2.locals.step, 'validate');
      assert.equal(level1.locals.order.id, 'o-1');
      assert.equal(level3.line, 10);
    });

    it('should redact secrets by name at every depth', async () => {
      const out = await output(runs.uncaught);
      const [level3] = out.captured.frames;
      assert.equal(level3.locals.password, '<redacted>');
      assert.equal(level3.locals.order.card.cardNumber, '<redacted>');
      assert.equal(JSON.stringify(out).includes('hunter2'), false);
      assert.equal(JSON.stringify(out).includes('4111'), false);
    });

    it('should not capture a caught exception', async () => {
      const out = await output(runs.uncaught);
      assert.equal(out.caughtTaken, false);
      assert.deepEqual(await output(runs.caughtUncaught), {
        mode: 'uncaught',
        rethrow: null,
        merged: [],
        secondTake: false,
        object: null,
      });
    });

    it('should merge the locals into the frames parsed from the stack', async () => {
      const out = await output(runs.uncaught);
      assert.deepEqual(
        out.merged.map((f: { function: string; line: number }) => [f.function, f.line]),
        [
          ['level3', 10],
          ['level2', 14],
          ['Timeout.level1', 18],
        ],
      );
      assert.equal(out.merged[0].locals.total, 6);
    });

    it('should capture unhandled rejections: async after await, Promise.reject and a rejected string', async () => {
      const out = await output(runs.unhandled);
      assert.deepEqual(out['not found 7'], {
        uncaught: true,
        frames: [{ function: 'fetchUser', locals: { id: 7, requestId: 'r-7' } }],
      });
      assert.deepEqual(out['rejected explicit'].frames[0], {
        function: 'rejectIt',
        locals: { why: 'explicit' },
      });
      assert.deepEqual(out.string.frames[0], { function: 'rejectString', locals: { inner: 42 } });
    });

    it('should capture in CommonJS and leave out the module wrapper parameters', async () => {
      const out = await output(runs.cjs);
      const [parseConfig, moduleFrame] = out.captured.frames;
      assert.equal(parseConfig.function, 'parseConfig');
      assert.deepEqual(
        [parseConfig.locals.text, parseConfig.locals.secretKey],
        ['{ broken', '<redacted>'],
      );
      assert.equal(moduleFrame.locals.moduleLevel, 'top');
      for (const name of ['require', 'module', 'exports', '__filename', '__dirname']) {
        assert.equal(name in moduleFrame.locals, false, name);
      }
      assert.equal(parseConfig.locals['[[closure]]'].collector, '[LocalsCollector]');
    });

    it('should get nothing (documented) for a throw awaited by ESM top-level code, and not hang', async () => {
      assert.deepEqual(await output(runs.esmTopLevel), {
        captured: null,
        message: 'startup failed',
      });
    });

    it("should capture in an app's worker thread that starts its own collector", async () => {
      const out = await output(runs.worker);
      assert.equal(out.mode, 'uncaught');
      assert.equal(out.captured.frames[0].function, 'inWorker');
      assert.equal(out.captured.frames[0].locals.threadLocal, 'worker');
    });
  });

  describe('mode all', () => {
    it('should capture caught exceptions, keeping the first capture across a rethrow', async () => {
      const out = await output(runs.caughtAll);
      assert.deepEqual(out.rethrow.slice(0, 2), [
        { function: 'inner', locals: { id: 3, innerVar: 'inner-3' } },
        { function: 'middle', locals: { id: 3, middleVar: 30 } },
      ]);
      assert.equal(out.secondTake, false);
      assert.deepEqual(
        out.merged.slice(0, 2).map((f: { function: string }) => f.function),
        ['inner', 'middle'],
      );
    });

    it('should key a thrown plain object by identity', async () => {
      const out = await output(runs.caughtAll);
      assert.deepEqual(
        [out.object.function, out.object.locals],
        ['throwObject', { reason: 'object' }],
      );
    });

    it('should never pause for exceptions thrown and caught inside node_modules', async () => {
      const out = await output(runs.blackbox);
      // 20 swallowed throws before, a budget of 3: the app throw is still captured.
      assert.deepEqual(out.app, { inApp: 'yes' });
    });

    it('should capture the throwing package frame and app frames when the app catches a package error', async () => {
      const out = await output(runs.blackbox);
      assert.equal(out.fromPackage[0].function, 'raise');
      assert.equal(out.fromPackage[0].locals.inPackage, 2);
    });

    it('should skip node: built-in frames and keep the app frames above them', async () => {
      const out = await output(runs.blackbox);
      assert.equal(out.builtin[0].function, 'readMissing');
      assert.match(out.builtin[0].locals.wanted, /missing\.json$/);
      assert.equal(
        out.builtin.some((f: { file: string }) => f.file.startsWith('node:')),
        false,
      );
    });
  });

  describe('hostile values', () => {
    it('should call no getter, trap or user method', async () => {
      const out = await output(runs.hostile);
      assert.equal(out.calls, 0);
    });

    it('should render each hostile value readably', async () => {
      const { locals, captureMs } = await output(runs.hostile);
      const expected: [string, unknown][] = [
        ['proxy', '[Proxy]'],
        ['proxyFunction', '[Proxy]'],
        ['withGetter', { boom: '[Getter]', only: '[Setter]', ok: 1 }],
        ['protoProxy', { own: 'own' }],
        ['cycle', { name: 'cycle', self: '[Circular]', list: ['[Circular]'] }],
        ['error', '[TypeError: inner problem]'],
        ['regexp', '/ab+c/gi'],
        ['date', '1970-01-01T00:00:00.000Z'],
        ['badDate', 'Invalid Date'],
        ['typed', { '[[Type]]': 'BigInt64Array(2)', '[[Values]]': ['1n', '-2n'] }],
        ['buffer', { '[[Type]]': 'Buffer(5)', '[[Values]]': [104, 101, 108, 108, 111] }],
        ['arrayBuffer', 'ArrayBuffer(8)'],
        ['symbol', 'Symbol(desc)'],
        ['big', '18446744073709551616n'],
        ['huge2', '[BigInt: more than 300 digits]'],
        ['fn', '[AsyncFunction: namedAsync]'],
        ['boxed', '[String: boxed]'],
        ['nullProto', { '[[Type]]': 'Object: null prototype', x: 1 }],
        ['numbers', ['NaN', 'Infinity', 0, 'undefined', null]],
        ['sparse', [1, '<empty>', 3]],
        ['promise', '[Promise]'],
        ['weak', '[WeakMap]'],
        ['env', '[process.env]'],
        ['global', '[globalThis]'],
        ['nested', { a: { b: { c: '{…}' } } }],
        [
          'patchedMap',
          {
            '[[Type]]': 'Map(2)',
            '[[Entries]]': [
              ['token', '<redacted>'],
              ['plain', 'value'],
            ],
          },
        ],
        ['set', { '[[Type]]': 'Set(3)', '[[Values]]': [1, 'two', '3n'] }],
      ];
      for (const [name, value] of expected) assert.deepEqual(locals[name], value, name);
      assert.equal(locals.huge, `${'x'.repeat(256)}…[+${10 * 1024 * 1024 - 256} chars]`);
      assert.equal(locals.hugeArray.length, 21);
      assert.equal(locals.hugeArray[20], '… +999980 more');
      assert.equal(locals.bigMap['[[Entries]]'].length, 21);
      assert.equal(captureMs < 500, true, `capture took ${captureMs} ms`);
    });
  });

  describe('concurrent async errors', () => {
    it('should keep each error with its own locals in mode all and in mode uncaught', async () => {
      const out = await output(runs.concurrent);
      assert.deepEqual(out.all, Array(20).fill(true));
      assert.deepEqual(out.uncaught, Array(20).fill(true));
    });
  });

  describe('rate limit', () => {
    it('should capture only the budget, then stop pausing, still capture rejections, and resume after the back-off', async () => {
      const out = await output(started('ratelimit.mjs'));
      assert.equal(out.first.captured, 10);
      assert.equal(out.duringBackoff.captured, 0);
      assert.equal(
        out.duringBackoff.usPerThrow < 60,
        true,
        `${out.duringBackoff.usPerThrow} µs per throw while backing off`,
      );
      assert.equal(out.rejectionCaptured, true);
      assert.equal(out.afterBackoff.captured, 5);
    });
  });

  describe('debugger attached', () => {
    it('should stay off with one warning under --inspect and leave the pause to the debugger', async () => {
      const { status, resumedEarly, finished } = await attachDebugger();
      assert.equal(status.mode, 'off');
      assert.deepEqual(status.diagnostics, [
        'warn: Locals: a debugger is attached (inspector.url() is set); locals capture is off so it does not fight it',
      ]);
      assert.equal(resumedEarly, false);
      assert.equal(finished.taken, false);
      assert.equal(finished.pausedMs >= 300, true);
    });

    it('should turn off with one warning when a port opens later, resuming only its own pause', async () => {
      const out = await output(runs.lateInspect);
      assert.deepEqual([out.before, out.after, out.taken], ['all', 'off', false]);
      assert.equal(out.diagnostics.filter((d: string) => d.startsWith('warn:')).length, 1);
    });
  });

  describe('lifecycle', () => {
    it('should be inert in mode off, clamp bad options with warnings, survive `debugger;`, and stop idempotently', async () => {
      const out = await output(runs.lifecycle);
      assert.deepEqual([out.offMode, out.offCaptured], ['off', false]);
      assert.equal(out.clampedMode, 'uncaught');
      assert.deepEqual(out.diagnostics, [
        "warn: Locals: unknown mode sometimes; using 'uncaught'",
        'warn: Locals: maxFrames=-3 is out of range; using 1',
        'warn: Locals: maxBytes=lots is out of range; using 16384',
      ]);
      assert.equal(out.runningCaptured, true);
      assert.deepEqual(out.afterStop, { mode: 'off', captured: false, pending: false });
    });
  });
});

/** Runs inspect.mjs under --inspect with a DevTools-protocol client pausing on all exceptions; reports whether anything resumed the pause within 300 ms. */
async function attachDebugger(): Promise<{ status: Json; resumedEarly: boolean; finished: Json }> {
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', scenarioPath('inspect.mjs')], {
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 15_000,
  });
  const lines: Json[] = [];
  const waiters: ((line: Json) => void)[] = [];
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      const line: Json = JSON.parse(buffer.slice(0, at));
      buffer = buffer.slice(at + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const nextLine = () =>
    new Promise<Json>(resolve =>
      lines.length > 0 ? resolve(lines.shift()) : waiters.push(resolve),
    );
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /ws:\/\/\S+/.exec(stderr);
      if (match) resolve(match[0]);
    });
    child.once('exit', () => reject(new Error(`exited early:\n${stderr}`)));
  });
  const status = await nextLine();
  const socket = new WebSocket(url);
  await once(socket, 'open');
  let id = 0;
  const events: string[] = [];
  const send = (method: string, params = {}) =>
    socket.send(JSON.stringify({ id: ++id, method, params }));
  const paused = new Promise<void>(resolve =>
    socket.addEventListener('message', event => {
      const message = JSON.parse(String(event.data)) as { method?: string };
      if (message.method === 'Debugger.paused') resolve();
      else if (message.method) events.push(message.method);
    }),
  );
  send('Debugger.enable');
  send('Debugger.setPauseOnExceptions', { state: 'all' });
  send('Runtime.runIfWaitingForDebugger');
  await new Promise(resolve => setTimeout(resolve, 100));
  child.stdin.write('go\n');
  await paused;
  events.length = 0;
  await new Promise(resolve => setTimeout(resolve, 300));
  const resumedEarly = events.includes('Debugger.resumed');
  send('Debugger.resume');
  const finished = await nextLine();
  socket.close();
  await once(child, 'exit');
  return { status, resumedEarly, finished };
}
