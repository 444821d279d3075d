import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ErrorInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import {
  FINGERPRINT_NAMESPACE,
  fingerprint,
  fingerprintOfParts,
} from '../../src/fingerprint/fingerprint.ts';
import { fingerprintParts } from '../../src/fingerprint/fingerprintParts.ts';
import { minimalErrorInfo, sampleChained, sampleFrame } from '../errorinfo/sampleErrorInfo.ts';

function appFrame(fn: string | null, text: string, more: Partial<Frame> = {}): Frame {
  const source = { firstLine: 5, currentLine: 5, lines: [text] };
  return sampleFrame({
    function: fn,
    file: '/srv/app/lib/orders.js',
    module: 'lib:orders',
    inApp: true,
    column: 1,
    source,
    ...more,
  });
}

const libFrame = (fn: string): Frame =>
  sampleFrame({ function: fn, file: '/srv/app/node_modules/pkg/index.js', module: 'pkg:index' });
const nodeFrame = (fn: string): Frame =>
  sampleFrame({ function: fn, file: 'node:fs', module: 'node:fs' });

function info(frames: Frame[], more: Partial<ErrorInfo['exception']> = {}): ErrorInfo {
  const base = minimalErrorInfo();
  return { ...base, frames, exception: { ...base.exception, ...more } };
}

describe('fingerprintParts', () => {
  describe('parts of one exception', () => {
    it('should list scheme, service, type, code, then module, function and text per frame', () => {
      const frames = [
        appFrame('Repo.find', "throw new NotFound('x');"),
        appFrame('load', 'repo.find(id);'),
      ];
      assert.deepEqual(fingerprintParts(info(frames, { type: 'NotFound', code: 'E404' })), [
        'fp2',
        'service:svc',
        'type:NotFound',
        'code:E404',
        'frame:lib:orders:find',
        "text:throw new NotFound('x')",
        'frame:lib:orders:load',
        'text:repo.find(id)',
      ]);
    });
    it('should add the version only when includeVersion is set', () => {
      assert.deepEqual(fingerprintParts(info([]), { includeVersion: true }).slice(0, 4), [
        'fp2',
        'service:svc',
        'version:1.0.0',
        'type:Error',
      ]);
    });
    it('should keep at most `frames` frames', () => {
      const frames = ['a', 'b', 'c', 'd'].map(fn => appFrame(fn, `${fn}();`));
      const parts = fingerprintParts(info(frames), { frames: 2 });
      assert.deepEqual(
        parts.filter(part => part.startsWith('frame:')),
        ['frame:lib:orders:a', 'frame:lib:orders:b'],
      );
    });
    it('should count a recursion once and end the frames there', () => {
      const frames = [
        appFrame('walk', 'throw x;'),
        appFrame('walk', 'walk(c);'),
        appFrame('walk', 'walk(c);'),
        appFrame('main', 'walk(t);'),
      ];
      assert.deepEqual(fingerprintParts(info(frames)).slice(3), [
        'frame:lib:orders:walk',
        'text:throw x',
      ]);
    });
    it('should keep two anonymous frames in a row', () => {
      const frames = [appFrame(null, 'throw x;'), appFrame(null, 'items.map(f);')];
      assert.equal(
        fingerprintParts(info(frames)).filter(part => part === 'frame:lib:orders:<anonymous>')
          .length,
        2,
      );
    });
    it("should read eval code's text at the column of the eval call", () => {
      const evalOrigin = { function: 'run', file: '/srv/app/lib/orders.js', line: 5, column: 10 };
      const frame = appFrame('rule', 'const r = eval(code)(x);', {
        eval: true,
        evalOrigin,
        column: 3,
      });
      assert.equal(fingerprintParts(info([frame]))[4], 'text:eval(code)(x)');
    });
  });

  describe('where the location comes from', () => {
    const root = (frames: Frame[], more = {}) =>
      sampleChained({ type: 'RangeError', code: 'ERANGE', frames, ...more });
    it("should take the root cause's type, code and frames, not the wrapper's", () => {
      const cause = root([appFrame('parse', 'throw new RangeError(v);')]);
      const parts = fingerprintParts(info([appFrame('wrap', 'throw new Error(m);')], { cause }));
      assert.deepEqual(parts.slice(2, 5), [
        'type:RangeError',
        'code:ERANGE',
        'frame:lib:orders:parse',
      ]);
    });
    it("should take the nearest wrapper's in-app frames when the root has none", () => {
      const middle = sampleChained({
        frames: [appFrame('middle', 'throw e;')],
        cause: root([nodeFrame('open')]),
      });
      const parts = fingerprintParts(info([appFrame('top', 'throw t;')], { cause: middle }));
      assert.deepEqual(parts.slice(2, 6), [
        'type:RangeError',
        'code:ERANGE',
        'frame:lib:orders:middle',
        'text:throw e',
      ]);
    });
    it('should fall back to library frames, then to Node frames, then to the message template', () => {
      const withLibrary = fingerprintParts(info([nodeFrame('open'), libFrame('read')]));
      assert.deepEqual(withLibrary.slice(3), ['frame:pkg:index:read']);
      assert.deepEqual(fingerprintParts(info([nodeFrame('open')])).slice(3), [
        'frame:node:fs:open',
      ]);
      const native = sampleFrame({ function: 'JSON.parse', native: true });
      assert.deepEqual(fingerprintParts(info([native], { message: 'bad token at 12' })).slice(3), [
        'message:bad token at <n>',
      ]);
    });
  });

  describe('hook', () => {
    it('should hash what the hook returns, given the parts and the report', () => {
      const report = info([appFrame('a', 'a();')]);
      let seen: ErrorInfo | null = null;
      const hook = (parts: string[], given: ErrorInfo) => {
        seen = given;
        return [...parts.slice(0, 3), 'tenant:acme'];
      };
      assert.deepEqual(fingerprintParts(report, { fingerprintParts: hook }), [
        'fp2',
        'service:svc',
        'type:Error',
        'tenant:acme',
      ]);
      assert.equal(seen, report);
      assert.equal(
        fingerprint(report, { fingerprintParts: hook }),
        fingerprintOfParts(['fp2', 'service:svc', 'type:Error', 'tenant:acme']),
      );
    });
  });

  describe('fingerprintOfParts', () => {
    it('should be the RFC 9562 UUIDv5 of the NUL-joined parts in the otel-err namespace', () => {
      const namespace = Buffer.from(FINGERPRINT_NAMESPACE.replace(/-/g, ''), 'hex');
      const digest = createHash('sha1').update(namespace).update('fp2\0service:svc').digest();
      digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x50;
      digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
      const hex = digest.subarray(0, 16).toString('hex');
      const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      assert.equal(fingerprintOfParts(['fp2', 'service:svc']), expected);
    });
  });
});
