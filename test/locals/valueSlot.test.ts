import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { createValueSlot } from '../../src/locals/valueSlot.ts';

describe('createValueSlot', () => {
  describe('a fresh slot', () => {
    it('should read what was written to its binding, then hold nothing', () => {
      const slot = createValueSlot();
      const value = { written: true };
      (vm.runInThisContext(`(v) => { ${slot.name} = v; }`) as (v: unknown) => void)(value);
      assert.equal(slot.read(), value);
      assert.equal(slot.read(), undefined);
    });

    it('should write from JavaScript too', () => {
      const slot = createValueSlot();
      slot.write(42);
      assert.equal(slot.read(), 42);
    });

    it('should give every slot its own binding and script URL', () => {
      const a = createValueSlot();
      const b = createValueSlot();
      assert.notEqual(a.name, b.name);
      assert.notEqual(a.scriptUrl, b.scriptUrl);
      assert.match(a.name, /^__otelErrLocals_[0-9a-f]{12}$/);
    });
  });
});
