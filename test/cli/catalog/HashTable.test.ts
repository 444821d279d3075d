import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ColumnKeyedTable,
  HashTable,
  hashInto,
  resetHash,
} from '../../../src/cli/catalog/HashTable.ts';

function hashOf(text: string): [number, number] {
  const out = new Uint32Array(2);
  resetHash(out);
  const bytes = Buffer.from(text);
  hashInto(out, bytes, 0, bytes.length);
  return [out[0]!, out[1]!];
}

describe('HashTable', () => {
  describe('many keys', () => {
    it('should map every key to its value through growth, and miss absent keys', () => {
      const table = new HashTable(4);
      for (let i = 0; i < 5000; i++) table.set(...hashOf(`key${i}`), i);
      for (let i = 0; i < 5000; i++) assert.equal(table.get(...hashOf(`key${i}`)), i);
      assert.equal(table.get(...hashOf('absent')), -1);
      table.set(...hashOf('key7'), 70);
      assert.equal(table.get(...hashOf('key7')), 70);
    });
  });

  describe('hashInto', () => {
    it('should continue a hash over several pieces as over their concatenation', () => {
      const out = new Uint32Array(2);
      resetHash(out);
      hashInto(out, Buffer.from('ab'), 0, 2);
      hashInto(out, Buffer.from('cd'), 0, 2);
      assert.deepEqual([out[0], out[1]], hashOf('abcd'));
      assert.notDeepEqual(hashOf('abcd'), hashOf('abdc'));
    });
  });
});

describe('ColumnKeyedTable', () => {
  describe('keys kept in columns', () => {
    it('should find rows by the keys in the columns, through growth', () => {
      const key1 = new Uint32Array(3000);
      const key2 = new Uint32Array(3000);
      const table = new ColumnKeyedTable(
        2,
        () => key1,
        () => key2,
      );
      for (let row = 0; row < 3000; row++) {
        [key1[row], key2[row]] = hashOf(`row${row}`);
        table.add(row);
      }
      for (let row = 0; row < 3000; row++) assert.equal(table.get(...hashOf(`row${row}`)), row);
      assert.equal(table.get(...hashOf('none')), -1);
    });
  });
});
