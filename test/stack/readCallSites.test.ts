import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LiveFrame } from '../../src/stack/LiveFrame.ts';
import type { StackFrame } from '../../src/stack/StackFrame.ts';
import { readCallSites } from '../../src/stack/readCallSites.ts';
import { raiseStackTraceLimit } from '../../src/stack/raiseStackTraceLimit.ts';

const HARNESS = fileURLToPath(new URL('../fixtures/stack/run-callsites.mjs', import.meta.url));

interface Read {
  message: string;
  stack: string;
  plainStack: string;
  frames: LiveFrame[] | null;
  parsed: StackFrame[];
}

const runs = new Map<string, unknown>();

/** Runs the harness in a fresh Node process (each mode once) and returns what it printed. */
function harness<T>(mode: string, flags: string[] = []): T {
  const key = [...flags, mode].join(' ');
  if (!runs.has(key)) {
    const child = spawnSync(process.execPath, [...flags, HARNESS, mode], { encoding: 'utf8' });
    assert.equal(child.stderr, '', `stderr of ${key}`);
    assert.equal(child.status, 0, `exit code of ${key}`);
    runs.set(key, JSON.parse(child.stdout));
  }
  return runs.get(key) as T;
}

const scenarios = (): Record<string, Read> => harness<Record<string, Read>>('compare');
const scenario = (name: string): Read => {
  const read = scenarios()[name];
  assert.ok(read, name);
  return read;
};
const top = (name: string): LiveFrame => {
  const first = scenario(name).frames?.[0];
  assert.ok(first, `${name} has frames`);
  return first;
};
const withoutEnclosing = (frames: LiveFrame[]): StackFrame[] =>
  frames.map(({ enclosingLine: _line, enclosingColumn: _column, ...frame }) => frame);

describe('readCallSites', () => {
  describe('real errors in child processes', () => {
    it('should give the frames parseStack reads from the same error, for every scenario', () => {
      for (const [name, read] of Object.entries(scenarios())) {
        if (name === 'vmScript') continue;
        assert.ok(read.frames, `${name}: frames`);
        assert.deepEqual(withoutEnclosing(read.frames), read.parsed, name);
      }
      assert.ok(Object.keys(scenarios()).length >= 25);
    });

    it('should leave error.stack exactly as it reads without readCallSites', () => {
      for (const [name, read] of Object.entries(scenarios()))
        assert.equal(read.stack, read.plainStack, name);
    });

    it('should give CJS frames absolute paths and ESM frames file:// URLs', () => {
      assert.match(top('named').file ?? '', /^\/.*\/scenarios\.cjs$/);
      assert.match(top('esmNamed').file ?? '', /^file:\/\/\/.*\/scenarios\.mjs$/);
    });

    it('should read names as V8 prints them', () => {
      const names = ['method', 'alias', 'static', 'getter', 'symbol', 'receiver', 'builtin'].map(
        n => {
          const frames = scenario(n).frames ?? [];
          return (
            frames.map(f => [f.function, f.alias, f.native]).find(([, , native]) => native) ?? [
              top(n).function,
              top(n).alias,
            ]
          );
        },
      );
      assert.deepEqual(names, [
        ['Object.method', null],
        ['Object.realName', 'alias'],
        ['Widget.make', null],
        ['get value', null],
        ['[Symbol.iterator]', null],
        ['Object.<anonymous>', null],
        ['Array.map', null, true],
      ]);
    });

    it('should read constructor frames', () => {
      assert.deepEqual([top('ctor').function, top('ctor').isConstructor], ['Widget', true]);
      assert.deepEqual(
        [top('anonymousClass').function, top('anonymousClass').isConstructor],
        [null, true],
      );
    });

    it('should read async frames and Promise combinators', () => {
      const pick = (name: string) =>
        (scenario(name).frames ?? [])
          .filter(f => f.async)
          .map(f => [f.function, f.promiseIndex, f.native]);
      assert.deepEqual(pick('asyncChain').slice(0, 2), [
        ['middle', null, false],
        ['asyncChain', null, false],
      ]);
      assert.deepEqual(pick('promiseAll')[0], ['Promise.all', 1, true]);
      assert.deepEqual(pick('promiseAllSettled')[0], ['Promise.allSettled', 1, true]);
      assert.deepEqual(pick('promiseAny')[0], ['Promise.any', 0, true]);
      assert.deepEqual(pick('asyncMethod')[0], ['asyncMethod', null, false]);
    });

    it('should read eval frames with the inner position and the outermost call site', () => {
      const evaled = top('eval');
      assert.deepEqual(
        [evaled.function, evaled.file, evaled.eval, evaled.line],
        ['evaled', '<anonymous>', true, 1],
      );
      assert.match(evaled.evalOrigin?.file ?? '', /scenarios\.cjs$/);
      const nested = top('nestedEval');
      assert.deepEqual([nested.function, nested.evalOrigin?.function], ['inner', 'nestedEval']);
      assert.equal(top('newFunction').eval, true);
      assert.deepEqual([top('sourceUrl').file, top('sourceUrl').eval], ['named-eval.js', false]);
    });

    it('should read wasm frames as V8 reports them', () => {
      const wasm = top('wasm');
      assert.match(wasm.file ?? '', /^wasm:\/\/wasm\//);
      assert.deepEqual([wasm.function, wasm.line, wasm.column], [null, 1, 31]);
    });

    it('should give where the enclosing function starts', () => {
      const named = top('named');
      assert.deepEqual([named.line, named.enclosingLine, named.enclosingColumn], [6, 5, 1]);
    });

    it('should never produce a frame from the message, through either path', () => {
      const read = scenario('fakeMessage');
      const names = [...(read.frames ?? []), ...read.parsed].map(f => f.function);
      assert.ok(!names.includes('fake') && !names.includes('fake2'), names.join());
      assert.equal(read.frames?.[0]?.function, 'fakeMessage');
    });

    it('should return null when Node formatted the stack first (vm scripts)', () => {
      const read = scenario('vmScript');
      assert.equal(read.frames, null);
      assert.deepEqual(
        [read.parsed[0]?.file, read.parsed[0]?.line, read.parsed[0]?.column],
        ['my script (1).vm', 1, 22],
      );
    });
  });

  describe('Error.prepareStackTrace', () => {
    it("should call the user's hook, keep its output as .stack and restore it", () => {
      const read = harness<Read & { calls: number; restored: boolean }>('userHook');
      assert.equal(read.stack, `CUSTOM named ${read.frames?.length} 1`);
      assert.deepEqual([read.calls, read.restored, read.frames?.[0]?.function], [1, true, 'named']);
    });

    it('should restore a throwing user hook and still return the frames', () => {
      const read = harness<{ frames: LiveFrame[] | null; restored: boolean }>('throwingHook');
      assert.deepEqual([read.restored, read.frames?.[0]?.function], [true, 'named']);
    });

    it('should format as V8 does when no hook is installed', () => {
      const read = harness<Read & { restored: boolean }>('noHook');
      assert.match(read.stack, /^Error: method\n {4}at Object\.method \(/);
      assert.equal(read.restored, true);
      assert.deepEqual(withoutEnclosing(read.frames ?? []), read.parsed);
    });

    it('should step aside (null) with no hook under --enable-source-maps, so Node maps the stack', () => {
      const read = harness<Read & { restored: boolean }>('noHook', ['--enable-source-maps']);
      assert.deepEqual(
        [read.frames, read.restored, read.parsed[0]?.function],
        [null, true, 'Object.method'],
      );
    });

    it('should return null when the stack was already read, leaving it as it was', () => {
      const read = harness<{ frames: null; parsed: StackFrame[]; same: boolean }>('accessed');
      assert.deepEqual([read.frames, read.same, read.parsed[0]?.function], [null, true, 'named']);
    });

    it('should keep --enable-source-maps rewriting .stack while reading generated positions', () => {
      const read = harness<Read>('sourceMaps', ['--enable-source-maps']);
      assert.equal(read.stack, read.plainStack);
      assert.match(read.stack, /at boom \(.*\/original\.ts:13:1\)/);
      assert.deepEqual(
        [read.parsed[0]?.file?.endsWith('original.ts'), read.parsed[0]?.line],
        [true, 13],
      );
      assert.deepEqual(
        [read.frames?.[0]?.file?.endsWith('compiled.cjs'), read.frames?.[0]?.line],
        [true, 3],
      );
    });
  });

  describe('hostile input', () => {
    it('should return null, not throw, for objects whose stack cannot be read', () => {
      const hostile = new Proxy(new Error('x'), {
        get() {
          throw new Error('no');
        },
      });
      const previous: unknown = Reflect.get(Error, 'prepareStackTrace');
      assert.equal(readCallSites(hostile), null);
      assert.equal(readCallSites({} as Error), null);
      assert.equal(Reflect.get(Error, 'prepareStackTrace'), previous);
    });
  });
});

describe('raiseStackTraceLimit', () => {
  describe('in a child process', () => {
    it('should let a 50-deep recursion through, then restore the limit', () => {
      const read = harness<{
        before: number;
        raised: (string | null)[];
        limitWhileRaised: number;
        limitAfter: number;
      }>('limit');
      assert.equal(read.before, 10);
      assert.equal(read.raised.filter(name => name === 'recurse').length, 51);
      assert.deepEqual([read.limitWhileRaised, read.limitAfter], [100, 10]);
    });
  });

  describe('restore', () => {
    it('should not lower a higher limit, restore once, and keep later changes', () => {
      const original = Error.stackTraceLimit;
      try {
        Error.stackTraceLimit = 200;
        raiseStackTraceLimit(100)();
        assert.equal(Error.stackTraceLimit, 200);
        Error.stackTraceLimit = 10;
        const restore = raiseStackTraceLimit(100);
        assert.equal(Error.stackTraceLimit, 100);
        restore();
        restore();
        assert.equal(Error.stackTraceLimit, 10);
        const second = raiseStackTraceLimit(100);
        Error.stackTraceLimit = 300;
        second();
        assert.equal(Error.stackTraceLimit, 300);
      } finally {
        Error.stackTraceLimit = original;
      }
    });
  });
});
