import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderAs } from '../../src/locals/atomText.ts';
import { createRedactor } from '../../src/locals/redact.ts';
import {
  renderEntries,
  renderValue,
  UNAVAILABLE,
  type RenderContext,
} from '../../src/locals/serialize.ts';

function context(
  overrides: Partial<RenderContext['limits']> = {},
  bytes = 1_000_000,
): RenderContext {
  return {
    limits: {
      maxDepth: 3,
      maxProperties: 20,
      maxArrayItems: 20,
      maxStringLength: 256,
      ...overrides,
    },
    redactor: createRedactor(true),
    remaining: bytes,
    truncated: false,
  };
}

const render = (value: unknown, overrides?: Partial<RenderContext['limits']>) =>
  renderValue(value, context(overrides));

class Point {
  x = 1;
  y = 2;
}

describe('serialize', () => {
  describe('renderValue: the rendering table', () => {
    const table: [string, () => unknown, unknown][] = [
      ['string', () => 'text', 'text'],
      ['number', () => 1.5, 1.5],
      ['negative zero', () => -0, 0],
      ['NaN', () => NaN, 'NaN'],
      ['-Infinity', () => -Infinity, '-Infinity'],
      ['boolean', () => true, true],
      ['null', () => null, null],
      ['undefined', () => undefined, 'undefined'],
      ['bigint', () => 123n, '123n'],
      ['symbol', () => Symbol('tag'), 'Symbol(tag)'],
      ['function', () => function named() {}, '[Function: named]'],
      ['anonymous arrow', () => () => 1, '[Function (anonymous)]'],
      ['async function', () => async function load() {}, '[AsyncFunction: load]'],
      ['generator', () => function* gen() {}, '[GeneratorFunction: gen]'],
      ['async generator', () => async function* agen() {}, '[AsyncGeneratorFunction: agen]'],
      ['class', () => Point, '[class Point]'],
      ['plain object', () => ({ a: 1, b: 'two' }), { a: 1, b: 'two' }],
      ['class instance', () => new Point(), { '[[Type]]': 'Point', x: 1, y: 2 }],
      [
        'null prototype',
        () => Object.assign(Object.create(null) as object, { k: 1 }),
        { '[[Type]]': 'Object: null prototype', k: 1 },
      ],
      ['array', () => [1, 'a', null], [1, 'a', null]],
      [
        'sparse array',
        () => {
          const holes: number[] = [];
          holes[0] = 1;
          holes[2] = 3;
          return holes;
        },
        [1, '<empty>', 3],
      ],
      [
        'Map',
        () =>
          new Map<unknown, unknown>([
            ['a', 1],
            [2, 'b'],
          ]),
        {
          '[[Type]]': 'Map(2)',
          '[[Entries]]': [
            ['a', 1],
            [2, 'b'],
          ],
        },
      ],
      ['Set', () => new Set([1, 2]), { '[[Type]]': 'Set(2)', '[[Values]]': [1, 2] }],
      [
        'Uint8Array',
        () => new Uint8Array([1, 2]),
        { '[[Type]]': 'Uint8Array(2)', '[[Values]]': [1, 2] },
      ],
      ['DataView', () => new DataView(new ArrayBuffer(4)), 'DataView(4)'],
      ['SharedArrayBuffer', () => new SharedArrayBuffer(2), 'SharedArrayBuffer(2)'],
      ['Date', () => new Date(Date.UTC(2024, 0, 2)), '2024-01-02T00:00:00.000Z'],
      ['invalid Date', () => new Date('nope'), 'Invalid Date'],
      ['RegExp', () => /a.b/su, '/a.b/su'],
      ['Error', () => new RangeError('too big'), '[RangeError: too big]'],
      ['boxed number', () => new Number(3), '[Number: 3]'],
      ['boxed symbol', () => Object(Symbol('s')) as object, '[Symbol: Symbol(s)]'],
      ['Promise', () => Promise.resolve(), '[Promise]'],
      ['WeakSet', () => new WeakSet(), '[WeakSet]'],
      ['Map iterator', () => new Map().keys(), '[Map Iterator]'],
      ['Set iterator', () => new Set().values(), '[Set Iterator]'],
      ['generator object', () => (function* g() {})(), '[Generator]'],
      [
        'arguments',
        () =>
          (function (..._: unknown[]) {
            // eslint-disable-next-line prefer-rest-params -- the arguments object is the value under test
            return arguments;
          })(1, 2),
        [1, 2],
      ],
      ['Proxy', () => new Proxy({}, {}), '[Proxy]'],
      [
        'revoked Proxy',
        () => {
          const r = Proxy.revocable({}, {});
          r.revoke();
          return r.proxy;
        },
        '[Proxy]',
      ],
      ['process.env', () => process.env, '[process.env]'],
      ['globalThis', () => globalThis, '[globalThis]'],
      [
        '__proto__ key',
        () => JSON.parse('{"__proto__": 1}') as unknown,
        JSON.parse('{"__proto__": 1}'),
      ],
    ];
    for (const [name, make, expected] of table) {
      it(`should render ${name}`, () => assert.deepEqual(render(make()), expected));
    }

    it('should render a labelled internal as its label', () => {
      const internal = { secretState: 1 };
      renderAs(internal, '[Internal]');
      assert.deepEqual(render({ internal }), { internal: '[Internal]' });
    });
  });

  describe('renderValue: limits', () => {
    it('should clip strings and say how much was cut', () => {
      assert.equal(
        render('abcdefghijklmnopqrstuvwxyz', { maxStringLength: 16 }),
        'abcdefghijklmnop…[+10 chars]',
      );
    });

    it('should never split a surrogate pair', () => {
      assert.equal(
        render(`${'a'.repeat(15)}😀tail`, { maxStringLength: 16 }),
        `${'a'.repeat(15)}…[+6 chars]`,
      );
    });

    it('should summarise containers below maxDepth', () => {
      const value = {
        a: {
          b: { c: { d: 1 } },
          list: [1],
          map: new Map([[1, 2]]),
          set: new Set([1]),
          point: new Point(),
        },
      };
      assert.deepEqual(render(value, { maxDepth: 2 }), {
        a: {
          b: '{…}',
          list: 'Array(1) […]',
          map: 'Map(1) {…}',
          set: 'Set(1) {…}',
          point: 'Point {…}',
        },
      });
    });

    it('should cut objects at maxProperties and arrays, Sets and Maps at their limits', () => {
      const object = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, i]));
      assert.deepEqual(render(object, { maxProperties: 2 }), { k0: 0, k1: 1, '…': '+3 more' });
      assert.deepEqual(render([1, 2, 3, 4], { maxArrayItems: 2 }), [1, 2, '… +2 more']);
      assert.deepEqual(render(new Set([1, 2, 3]), { maxArrayItems: 1 }), {
        '[[Type]]': 'Set(3)',
        '[[Values]]': [1, '… +2 more'],
      });
      assert.deepEqual(
        render(
          new Map([
            [1, 1],
            [2, 2],
          ]),
          { maxProperties: 1 },
        ),
        { '[[Type]]': 'Map(2)', '[[Entries]]': [[1, 1], '… +1 more'] },
      );
    });

    it('should stop at the byte budget and flag it', () => {
      const ctx = context({}, 200);
      const out = renderValue({ a: 'x'.repeat(150), b: 'y'.repeat(150), c: 'z' }, ctx) as Record<
        string,
        unknown
      >;
      assert.deepEqual(Object.keys(out), ['a', 'b']);
      assert.equal(ctx.truncated, true);
    });

    it('should mark cycles but render a shared (non-cyclic) object each time', () => {
      const shared = { v: 1 };
      const cyclic: Record<string, unknown> = { shared, again: shared };
      cyclic.self = cyclic;
      assert.deepEqual(render(cyclic), { shared: { v: 1 }, again: { v: 1 }, self: '[Circular]' });
    });

    it('should read a huge array without listing its keys', () => {
      const started = performance.now();
      const out = render(new Array(5_000_000).fill(0)) as unknown[];
      assert.equal(out.length, 21);
      // Listing 5 million keys takes seconds: this bound only catches that, it is not a speed target.
      assert.equal(performance.now() - started < 1000, true);
    });
  });

  describe('renderValue: redaction', () => {
    it('should mask values of secret names without reading them', () => {
      let reads = 0;
      const value = {
        get password() {
          reads++;
          return 'x';
        },
        apiKey: 'k',
        nested: { token: { deep: 1 } },
      };
      assert.deepEqual(render(value), {
        password: '<redacted>',
        apiKey: '<redacted>',
        nested: { token: '<redacted>' },
      });
      assert.equal(reads, 0);
    });

    it('should mask credential-shaped strings whatever the name', () => {
      assert.deepEqual(render({ header: 'Bearer abcdefghijklmnop' }), { header: '<redacted>' });
    });

    it('should mask Map values under secret string keys', () => {
      assert.deepEqual(
        render(
          new Map<string, unknown>([
            ['cookie', 'c=1'],
            ['ok', 1],
          ]),
        ),
        {
          '[[Type]]': 'Map(2)',
          '[[Entries]]': [
            ['cookie', '<redacted>'],
            ['ok', 1],
          ],
        },
      );
    });
  });

  describe('renderValue: no user code', () => {
    it('should call no getter, trap, toJSON, toString or patched built-in', () => {
      let calls = 0;
      const count = () => {
        calls++;
        return 1;
      };
      const traps = new Proxy({}, { get: () => count });
      const value = {
        proxy: new Proxy({}, traps),
        protoProxy: Object.create(new Proxy({}, traps)) as object,
        getter: {
          get x() {
            return count();
          },
        },
        methods: { toJSON: count, toString: count, valueOf: count, [Symbol.toPrimitive]: count },
        tag: {
          get [Symbol.toStringTag]() {
            return String(count());
          },
        },
        ctor: Object.create({
          get constructor() {
            return count();
          },
        }) as object,
        map: Object.defineProperty(new Map([[1, 2]]), 'size', { get: count }),
        error: Object.defineProperty(new Error('e'), 'name', { get: count }),
        regexp: Object.defineProperty(/r/g, 'flags', { get: count }),
      };
      // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be restored as is
      const entries = Map.prototype.entries;
      const iteratorPrototype = Object.getPrototypeOf(new Map().entries()) as {
        next: () => unknown;
      };
      const next = iteratorPrototype.next;
      Map.prototype.entries = function patched() {
        count();
        return entries.call(this);
      };
      iteratorPrototype.next = function patchedNext() {
        count();
        return next.call(this);
      };
      try {
        render(value);
      } finally {
        Map.prototype.entries = entries;
        iteratorPrototype.next = next;
      }
      assert.equal(calls, 0);
    });
  });

  describe('renderEntries', () => {
    it('should render a scope variable the debugger cannot read as unavailable', () => {
      const target = Object.defineProperty({}, 'ok', { value: 1, enumerable: true });
      const out = {};
      renderEntries(target, ['ok', 'missing'], context(), out, 1, []);
      assert.deepEqual(out, { ok: 1 });
      const throwing = Object.create(null) as object;
      const hostile = new Proxy(throwing, {
        getOwnPropertyDescriptor: () => {
          throw new ReferenceError('tdz');
        },
      });
      const outHostile = {};
      // Only scope objects reach renderEntries unguarded; V8's throw on an optimised-out variable is what this models.
      renderEntries(hostile, ['gone'], context(), outHostile, 1, []);
      assert.deepEqual(outHostile, { gone: UNAVAILABLE });
    });
  });

  describe('renderValue: fuzz', () => {
    it('should always return JSON within the limits for arbitrary values', () => {
      fc.assert(
        fc.property(
          fc.anything({
            withBigInt: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withTypedArray: true,
            withSparseArray: true,
            withNullPrototype: true,
            withBoxedValues: true,
          }),
          value => {
            const ctx = context(
              { maxDepth: 2, maxProperties: 5, maxArrayItems: 5, maxStringLength: 32 },
              4096,
            );
            const out = renderValue(value, ctx);
            const text = JSON.stringify(out);
            assert.equal(typeof text, 'string');
            assert.deepEqual(JSON.parse(text), out);
            assert.equal(text.length < 4096 * 2, true);
          },
        ),
        { seed: 20_241_125, numRuns: 300 },
      );
    });
  });
});
