import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { fromJSON } from '../../src/errorinfo/codec.ts';
import { encodeWithinLimit } from '../../src/store/encodeWithinLimit.ts';
import { report } from '../cli/reportFixtures.ts';
import { sampleChained } from '../errorinfo/sampleErrorInfo.ts';

function heavy(): ErrorInfo {
  const info = report({ fingerprint: 'aaaaaaaa-0000-5000-8000-000000000000' });
  const frames = Array.from({ length: 60 }, () => ({
    ...info.frames[0]!,
    locals: { blob: 'l'.repeat(200) },
    source: { firstLine: 1, currentLine: 2, lines: ['s'.repeat(300), 's'.repeat(300)] },
  }));
  return {
    ...info,
    frames,
    resource: { big: 'r'.repeat(5000) },
    extra: { delivered: { sentry: null }, note: 'e'.repeat(5000) },
    exception: { ...info.exception, message: 'x'.repeat(9000), cause: sampleChained({ frames }) },
  };
}

describe('encodeWithinLimit', () => {
  describe('a report within the limit', () => {
    it('should be encoded unchanged', () => {
      const info = report({ fingerprint: 'aaaaaaaa-0000-5000-8000-000000000000' });
      assert.deepEqual(fromJSON(encodeWithinLimit(info, 1 << 20)), info);
    });
  });

  describe('a report over the limit', () => {
    const steps: readonly { limit: number; dropped: string[] }[] = [
      { limit: 150_000, dropped: ['locals'] },
      { limit: 60_000, dropped: ['locals', 'source'] },
      { limit: 30_000, dropped: ['locals', 'source', 'frames'] },
      { limit: 20_000, dropped: ['locals', 'source', 'frames', 'resource'] },
      { limit: 4_096, dropped: ['locals', 'source', 'frames', 'resource', 'chain'] },
    ];
    for (const { limit, dropped } of steps) {
      it(`should fit in ${limit} bytes by dropping ${dropped.join(', ')}`, () => {
        const json = encodeWithinLimit(heavy(), limit);
        assert.ok(Buffer.byteLength(json) <= limit, `${Buffer.byteLength(json)} > ${limit}`);
        const info = fromJSON(json);
        assert.deepEqual(info.extra.storeTruncated, dropped);
        assert.deepEqual(info.extra.delivered, { sentry: null });
        assert.equal(info.fingerprint, 'aaaaaaaa-0000-5000-8000-000000000000');
      });
    }
  });
});
