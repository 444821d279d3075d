// End-to-end: compiled TypeScript through source maps, each case a real child process.
// Fixture test/fixtures/capture/app/ts/service.ts, compiled from that directory with the repo's tsc:
//   ../../../../../node_modules/.bin/tsc --ignoreConfig --target es2022 --module nodenext --sourceMap --outDir external service.ts
//   ../../../../../node_modules/.bin/tsc --ignoreConfig --target es2022 --module nodenext --inlineSourceMap --inlineSources --outDir inline service.ts
// (external: a .js.map file, sources read from disk; inline: a data: URL with sourcesContent.)
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import type { Frame } from '../../src/errorinfo/ErrorInfo.ts';
import {
  appPath,
  linesOf,
  positionIn,
  runCaptureFixture,
  type CaptureRun,
  type CaptureRunSpec,
} from './runCaptureFixture.ts';

const tsFile = appPath('ts/service.ts');
const tsLines = linesOf('ts/service.ts');
const throwSite = positionIn('ts/service.ts', 'new RangeError');
const callSite = positionIn('ts/service.ts', 'place(order)');
const recursionSite = positionIn('ts/service.ts', 'placeNested(service, order, depth - 1)');
const message = 'quantity 9 of o-1 over limit 5';

interface Mode {
  name: string;
  flags: string[];
  spec: Partial<CaptureRunSpec>;
  /** Whether capture reads V8 CallSites (generated positions kept) or the already mapped text. */
  live: boolean;
}

const modes: Mode[] = [
  { name: 'by default', flags: [], spec: {}, live: true },
  { name: 'under --enable-source-maps', flags: ['--enable-source-maps'], spec: {}, live: true },
  { name: 'with a user Error.prepareStackTrace', flags: [], spec: { userHook: true }, live: true },
  {
    name: 'with a user hook under --enable-source-maps',
    flags: ['--enable-source-maps'],
    spec: { userHook: true },
    live: true,
  },
  { name: 'when .stack was read first', flags: [], spec: { readStackFirst: true }, live: true },
  {
    name: 'when .stack was read first under --enable-source-maps',
    flags: ['--enable-source-maps'],
    spec: { readStackFirst: true },
    live: false,
  },
];

const variants = ['external', 'inline'] as const;

function frameAt(frames: readonly Frame[], index: number): Frame {
  const frame = frames[index];
  assert.ok(frame, `no frame ${index}`);
  return frame;
}

describe('captureErrorInfo', () => {
  for (const variant of variants) {
    const js = appPath(`ts/${variant}/service.js`);
    const jsUrl = pathToFileURL(js).href;
    const jsThrow = positionIn(`ts/${variant}/service.js`, 'new RangeError');

    describe(`compiled TypeScript with an ${variant} source map`, () => {
      for (const mode of modes) {
        describe(mode.name, () => {
          let run: CaptureRun;
          before(async () => {
            const scenario = variant === 'external' ? 'tsExternal' : 'tsInline';
            run = await runCaptureFixture('esm', { scenario, ...mode.spec }, mode.flags);
          });

          it('should put the .ts file, line, column and function on the top frame', () => {
            const [info] = run.infos;
            assert.ok(info);
            assert.deepEqual(
              { type: info.exception.type, message: info.exception.message },
              { type: 'RangeError', message },
            );
            const top = frameAt(info.frames, 0);
            assert.deepEqual(
              [top.file, top.line, top.column, top.function, top.module, top.inApp],
              [
                tsFile,
                throwSite.line,
                throwSite.column,
                'OrderService.place',
                'ts:service.ts',
                true,
              ],
            );
          });

          it('should map every fixture frame exactly once', () => {
            const frames = run.infos[0]?.frames ?? [];
            assert.deepEqual(
              frames.slice(1, 4).map(frame => [frame.file, frame.line, frame.column]),
              [
                [tsFile, callSite.line, callSite.column],
                [tsFile, recursionSite.line, recursionSite.column],
                [tsFile, recursionSite.line, recursionSite.column],
              ],
            );
            assert.ok(frames.every(frame => !frame.file?.endsWith('service.js')));
          });

          it(
            mode.live
              ? 'should keep the .js position in generated'
              : 'should have no generated position, the text being mapped already',
            () => {
              const top = frameAt(run.infos[0]?.frames ?? [], 0);
              assert.deepEqual(
                top.generated,
                mode.live
                  ? {
                      file: jsUrl,
                      line: jsThrow.line,
                      column: jsThrow.column,
                      function: 'OrderService.place',
                    }
                  : null,
              );
            },
          );

          it('should show the .ts lines around the throw', () => {
            const top = frameAt(run.infos[0]?.frames ?? [], 0);
            const first = throwSite.line - 7;
            assert.deepEqual(top.source, {
              firstLine: first,
              currentLine: throwSite.line,
              lines: tsLines.slice(first - 1, throwSite.line + 7),
            });
          });

          if (mode.spec.userHook === true) {
            it('should call the user hook once and leave .stack as it made it', () => {
              const { probe, infos } = run;
              const expected = `USER RangeError: ${message} @ ${jsUrl}:${jsThrow.line}`;
              assert.deepEqual(
                [probe.hookCalls, probe.hookKept, probe.stacks[0], infos[0]?.exception.stack],
                [1, true, expected, expected],
              );
            });
          } else {
            it('should leave .stack as Node printed it', () => {
              const stack = run.probe.stacks[0] ?? '';
              const top = mode.flags.includes('--enable-source-maps')
                ? `${tsFile}:${throwSite.line}:${throwSite.column}`
                : `${jsUrl}:${jsThrow.line}:${jsThrow.column}`;
              assert.ok(stack.startsWith(`RangeError: ${message}\n    at `), stack);
              assert.ok(stack.split('\n')[1]?.includes(top), stack);
              assert.equal(run.infos[0]?.exception.stack, stack);
            });
          }
        });
      }
    });
  }

  describe('compiled TypeScript fingerprints', () => {
    it('should give the external and inline builds of one throw the same fingerprint', async () => {
      const [external, inline] = await Promise.all([
        runCaptureFixture('esm', { scenario: 'tsExternal' }),
        runCaptureFixture('esm', { scenario: 'tsInline', depth: 5 }, ['--enable-source-maps']),
      ]);
      assert.ok(external.infos[0]?.fingerprint);
      assert.equal(inline.infos[0]?.fingerprint, external.infos[0]?.fingerprint);
    });
  });
});
