import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isObjectLike, readOnce, safeGet, safeHas, UNREADABLE } from '../../src/capture/safeGet.ts';
import { TestAccessLog } from './TestAccessLog.ts';

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

describe('safeGet', () => {
  describe('reads', () => {
    const table: [string, unknown, PropertyKey, unknown][] = [
      ['an own property', { a: 1 }, 'a', 1],
      ['an inherited property', new Error('m'), 'name', 'Error'],
      ['a missing property', {}, 'a', undefined],
      ['a symbol key', { [Symbol.for('k')]: 2 }, Symbol.for('k'), 2],
      ['a property of a function', Object.assign(() => 1, { code: 'X' }), 'code', 'X'],
      ['a string (primitives are never read)', 'abc', 'length', undefined],
      ['null', null, 'a', undefined],
      ['undefined', undefined, 'a', undefined],
      [
        'a throwing getter',
        Object.defineProperty({}, 'a', {
          get: () => {
            throw new Error('x');
          },
        }),
        'a',
        UNREADABLE,
      ],
      [
        'a getter throwing a non-error',
        Object.defineProperty({}, 'a', {
          get: () => {
            // eslint-disable-next-line @typescript-eslint/only-throw-error -- users throw anything
            throw null;
          },
        }),
        'a',
        UNREADABLE,
      ],
      ['a revoked Proxy', revokedProxy(), 'a', UNREADABLE],
      [
        'a Proxy whose get trap throws',
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('trap');
            },
          },
        ),
        'a',
        UNREADABLE,
      ],
    ];
    for (const [name, target, key, expected] of table) {
      it(`should read ${name}`, () => {
        assert.equal(safeGet(target, key), expected);
      });
    }
  });

  describe('safeHas', () => {
    const table: [string, unknown, boolean][] = [
      ['an own key', { cause: undefined }, true],
      ['an inherited key', Object.create({ cause: 1 }) as object, true],
      ['a missing key', {}, false],
      ['a primitive', 'cause', false],
      ['a revoked Proxy', revokedProxy(), false],
      [
        'a Proxy whose has trap throws',
        new Proxy(
          {},
          {
            has: () => {
              throw new Error('trap');
            },
          },
        ),
        false,
      ],
    ];
    for (const [name, target, expected] of table) {
      it(`should answer ${expected} for ${name}`, () => {
        assert.equal(safeHas(target, 'cause'), expected);
      });
    }

    it('should not run a getter', () => {
      const log = new TestAccessLog();
      assert.equal(
        safeHas(
          log.getter({}, 'cause', () => 1),
          'cause',
        ),
        true,
      );
      assert.equal(log.count('get cause'), 0);
    });
  });

  describe('readOnce', () => {
    it('should run each getter once however often a key is read, throwing or not', () => {
      const log = new TestAccessLog();
      const target = log.getter(
        log.getter({}, 'a', () => 1),
        'b',
        () => {
          throw new Error('b');
        },
      );
      const read = readOnce(target);
      assert.deepEqual(
        [read('a'), read('a'), read('b'), read('b')],
        [1, 1, UNREADABLE, UNREADABLE],
      );
      assert.deepEqual([log.count('get a'), log.count('get b')], [1, 1]);
    });

    it('should remember an undefined result', () => {
      const log = new TestAccessLog();
      const read = readOnce(log.getter({}, 'a', () => undefined));
      read('a');
      read('a');
      assert.equal(log.count('get a'), 1);
    });
  });

  describe('isObjectLike', () => {
    const table: [string, unknown, boolean][] = [
      ['an object', {}, true],
      ['a function', () => 1, true],
      ['a revoked Proxy', revokedProxy(), true],
      ['null', null, false],
      ['a string', 's', false],
      ['a BigInt', 1n, false],
      ['a symbol', Symbol(), false],
      ['undefined', undefined, false],
    ];
    for (const [name, value, expected] of table) {
      it(`should answer ${expected} for ${name}`, () => {
        assert.equal(isObjectLike(value), expected);
      });
    }
  });
});
