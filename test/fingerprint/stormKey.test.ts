import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { captureErrorInfo } from '../../src/capture/captureErrorInfo.ts';
import { stormKey } from '../../src/fingerprint/stormKey.ts';

function parse(value: string): Error {
  return new TypeError(`cannot parse ${value}`);
}

function load(value: string): Error {
  return new TypeError(`cannot parse ${value}`);
}

function wrap(cause: unknown): Error {
  return new Error('request failed', { cause });
}

function systemError(path: string): unknown {
  try {
    readFileSync(path);
  } catch (error) {
    return error;
  }
  throw new Error(`${path} exists`);
}

function frameless(message: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}`;
  return error;
}

function chainOf(length: number): Error {
  let error = new Error('root');
  for (let i = 1; i < length; i++) error = new Error(`layer ${i}`, { cause: error });
  return error;
}

describe('stormKey', () => {
  // Both errors of a pair are made by one statement: the key holds every frame's position, the test's too.
  const pair = (make: (value: string) => unknown): unknown[] =>
    ['a', 'bbb'].map(value => make(value));

  describe('the same key', () => {
    const same: [string, (value: string) => unknown][] = [
      ['one site, other message values', value => parse(value)],
      ['one wrapped root, other messages', value => wrap(parse(value))],
      ['one fs call, other paths', value => systemError(`/nonexistent/${value}`)],
      ['a frameless error with one message', () => frameless('ENOENT x')],
    ];
    for (const [name, make] of same) {
      it(`should be given for ${name}`, () => {
        const [a, b] = pair(make);
        assert.equal(stormKey(a), stormKey(b));
      });
    }
  });

  describe('different keys', () => {
    const different: [string, (value: string) => unknown][] = [
      ['two sites', value => (value === 'a' ? parse(value) : load(value))],
      ['two roots under one wrapper', value => wrap(value === 'a' ? parse(value) : load(value))],
      ['a wrapped and a bare error', value => (value === 'a' ? wrap(parse(value)) : parse(value))],
      ['two codes', value => systemError(value === 'a' ? '/nonexistent/a' : import.meta.dirname)],
      ['frameless errors with two messages', value => frameless(`ENOENT ${value}`)],
      ['two primitive causes', value => wrap(value)],
    ];
    for (const [name, make] of different) {
      it(`should be given for ${name}`, () => {
        const [a, b] = pair(make);
        assert.notEqual(stormKey(a), stormKey(b));
      });
    }
  });

  describe('no key', () => {
    const throwingStack = Object.defineProperty(new Error('x'), 'stack', {
      get() {
        throw new Error('getter');
      },
    });
    const customFormat = Object.assign(new Error('x'), {
      stack: 'Error: x\n  (formatted by someone)',
    });
    const none: [string, unknown][] = [
      ['a string', 'boom'],
      ['null', null],
      ['an object without stack', { message: 'x' }],
      ['a throwing stack getter', throwingStack],
      ['a stack without at lines', customFormat],
      ['a chain longer than 16 links', chainOf(17)],
    ];
    for (const [name, value] of none)
      it(`should be null for ${name}`, () => assert.equal(stormKey(value), null));
    it('should give a key for a cyclic cause chain', () => {
      const error = new Error('a');
      const cause = new Error('b', { cause: error });
      error.cause = cause;
      assert.equal(typeof stormKey(error), 'string');
    });
  });

  describe('equal keys, equal fingerprints', () => {
    it('should hold over errors of many sites, causes, codes and messages', () => {
      const makers = [
        (v: string) => parse(v),
        (v: string) => load(v),
        (v: string) => wrap(parse(v)),
        (v: string) => wrap(load(v)),
        (v: string) => wrap(wrap(parse(v))),
        (v: string) => systemError(`/nonexistent/${v}`),
        () => systemError(import.meta.dirname),
        (v: string) => frameless(`failed ${v.length}`),
      ];
      const fingerprints = new Map<string, Set<string | null>>();
      for (const make of makers) {
        for (const value of ['a', 'bb', 'ccc']) {
          const error = make(value);
          const key = stormKey(error);
          assert.ok(key !== null);
          const set = fingerprints.get(key) ?? new Set();
          fingerprints.set(key, set.add(captureErrorInfo(error, { name: 'svc' }).fingerprint));
        }
      }
      for (const [key, set] of fingerprints)
        assert.equal(set.size, 1, `key ${key}: ${[...set].join(', ')}`);
      assert.ok(fingerprints.size >= makers.length, `${fingerprints.size} keys`);
    });
  });
});
