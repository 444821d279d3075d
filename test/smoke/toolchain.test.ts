import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StackFrame } from '../../src/index.ts';

describe('toolchain', () => {
  it('should run TypeScript tests on Node 24', () => {
    const frame: Pick<StackFrame, 'line'> = { line: 1 };
    assert.equal(frame.line, 1);
    assert.ok(Number(process.versions.node.split('.')[0]) >= 24);
  });
});
