// End-to-end: plain ES modules and CommonJS, deep stacks, source context and options, each case a
// real child process running test/fixtures/capture/app (see its main.mjs and cjs/main.cjs).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import type { ErrorInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import { fingerprintOfParts } from '../../src/fingerprint/fingerprint.ts';
import {
  appPath,
  linesOf,
  positionIn,
  runCaptureFixture,
  type CaptureRun,
} from './runCaptureFixture.ts';

const esmUrl = (relative: string) => pathToFileURL(appPath(relative)).href;

function only(run: CaptureRun): ErrorInfo {
  assert.equal(run.infos.length, 1);
  const [info] = run.infos;
  assert.ok(info);
  return info;
}

function frameAt(frames: readonly Frame[], index: number): Frame {
  const frame = frames[index];
  assert.ok(frame, `no frame ${index}`);
  return frame;
}

/** The fields a frame is identified by, for tables. */
function summary(frame: Frame) {
  return { function: frame.function, module: frame.module, inApp: frame.inApp };
}

function assertInternalsNotInApp(frames: readonly Frame[]): void {
  const internal = frames.filter(frame => frame.file?.startsWith('node:'));
  assert.ok(internal.length > 0, 'the loader frames of node: should be on the stack');
  for (const frame of internal) {
    assert.deepEqual([frame.inApp, frame.module, frame.source], [false, frame.file, null]);
  }
}

const modules = {
  esm: {
    scenarios: { file: esmUrl('scenarios.mjs'), module: 'scenarios', prefix: 'Module.' },
    main: { file: esmUrl('main.mjs'), module: 'main' },
    widget: 'Widget',
  },
  cjs: {
    scenarios: { file: appPath('cjs/lib/throwers.cjs'), module: 'lib:throwers', prefix: '' },
    main: { file: appPath('cjs/main.cjs'), module: 'main' },
    widget: 'Gadget',
  },
} as const;

describe('captureErrorInfo', () => {
  for (const entry of ['esm', 'cjs'] as const) {
    const names = modules[entry];
    const throwersFile = entry === 'esm' ? 'scenarios.mjs' : 'cjs/lib/throwers.cjs';

    describe(`${entry === 'esm' ? 'ES module' : 'CommonJS'} code`, () => {
      // Started together in before(), awaited by each test.
      const runs = new Map<string, Promise<CaptureRun>>();
      const run = (scenario: string): Promise<CaptureRun> => {
        const started =
          runs.get(scenario) ?? runCaptureFixture(entry, { scenario, message: 'twin' });
        runs.set(scenario, started);
        return started;
      };
      before(() => {
        for (const scenario of ['viaLibrary', 'constructor', 'async', 'twins']) {
          run(scenario).catch(() => {}); // the test that awaits it reports the failure
        }
      });

      it('should name modules from the main script directory and flag app and library frames', async () => {
        const info = only(await run('viaLibrary'));
        assert.deepEqual(info.frames.slice(0, 5).map(summary), [
          {
            function: `${names.scenarios.prefix}throwPlain`,
            module: names.scenarios.module,
            inApp: true,
          },
          { function: null, module: names.main.module, inApp: true },
          { function: 'callWith', module: 'fake-pkg:index', inApp: false },
          { function: null, module: names.main.module, inApp: true },
          { function: 'caught', module: 'harness', inApp: true },
        ]);
        const top = frameAt(info.frames, 0);
        const site = positionIn(throwersFile, 'new Error(message)');
        assert.deepEqual(
          [top.file, top.line, top.column],
          [names.scenarios.file, site.line, site.column],
        );
        assertInternalsNotInApp(info.frames);
      });

      it('should take the service name and version from the nearest package.json', async () => {
        const info = only(await run('viaLibrary'));
        assert.deepEqual([info.name, info.version], ['capture-fixture-app', '3.1.4']);
      });

      it('should flag constructor frames', async () => {
        const info = only(await run('constructor'));
        const top = frameAt(info.frames, 0);
        assert.deepEqual([top.function, top.isConstructor, top.async], [names.widget, true, false]);
        assert.equal(info.exception.type, 'RangeError');
        assert.ok(info.frames.slice(1).every(frame => !frame.isConstructor));
      });

      it('should keep async frames and flag them', async () => {
        const info = only(await run('async'));
        assert.deepEqual(
          info.frames.slice(0, 3).map(frame => [frame.function, frame.async, frame.module]),
          [
            ['readRecord', false, names.scenarios.module],
            [`${names.scenarios.prefix}loadRecord`, true, names.scenarios.module],
            ['rejected', true, 'harness'],
          ],
        );
        const awaited = positionIn(throwersFile, 'await readRecord(id)');
        const caller = frameAt(info.frames, 1);
        assert.deepEqual([caller.line, caller.column], [awaited.line, awaited.column]);
      });

      it('should read the same frames from the text when .stack was read before capture', async () => {
        const [live, text] = (await run('twins')).infos;
        assert.ok(live && text);
        assert.ok(live.frames.length >= 5);
        assert.deepEqual(text.frames, live.frames);
        assert.equal(text.fingerprint, live.fingerprint);
      });
    });
  }

  describe('deep stacks', () => {
    it('should keep every frame of a 60-deep recursion after raiseStackTraceLimit(200)', async () => {
      const info = only(
        await runCaptureFixture('esm', { scenario: 'deep', depth: 60, raiseLimit: 200 }),
      );
      const recursion = info.frames.filter(frame => frame.function === 'recurse');
      assert.equal(recursion.length, 61);
      assert.ok(info.frames.length >= 60);
      assert.equal(info.frames.at(-1)?.function, 'asyncRunEntryPointWithESMLoader');
    });

    it('should cut at 10 frames without it, as V8 does', async () => {
      const info = only(await runCaptureFixture('esm', { scenario: 'deep', depth: 60 }));
      assert.equal(info.frames.length, 10);
    });

    it('should cap the frames at maxFrames, top first', async () => {
      const info = only(
        await runCaptureFixture('esm', {
          scenario: 'deep',
          depth: 60,
          raiseLimit: 200,
          options: { maxFrames: 20 },
        }),
      );
      assert.equal(info.frames.length, 20);
      assert.equal(frameAt(info.frames, 0).function, 'Module.throwPlain');
    });
  });

  describe('source context', () => {
    const throwLine = positionIn('scenarios.mjs', 'new Error(message)').line;
    const scenariosLines = linesOf('scenarios.mjs');
    const capture = (options: Record<string, string | number>) =>
      runCaptureFixture('esm', { scenario: 'viaLibrary', options }).then(only);
    const libraryFrame = (info: ErrorInfo) =>
      info.frames.find(frame => frame.module === 'fake-pkg:index');

    it("should give app frames context and library frames none under 'app' (the default)", async () => {
      const info = await capture({});
      assert.ok(info.frames.filter(frame => frame.inApp).every(frame => frame.source !== null));
      assert.equal(libraryFrame(info)?.source, null);
      assert.deepEqual(frameAt(info.frames, 0).source, {
        firstLine: 1,
        currentLine: throwLine,
        lines: scenariosLines.slice(0, throwLine + 7),
      });
    });

    it("should give library frames context under 'all'", async () => {
      const info = await capture({ sourceContext: 'all', contextLines: 1 });
      assert.deepEqual(libraryFrame(info)?.source, {
        firstLine: 2,
        currentLine: 3,
        lines: ['export function callWith(fn) {', '  const result = fn();', '  return result;'],
      });
      assertInternalsNotInApp(info.frames);
    });

    it("should read no source under 'none'", async () => {
      const info = await capture({ sourceContext: 'none' });
      assert.ok(info.frames.every(frame => frame.source === null));
    });

    it('should keep contextLines lines on each side', async () => {
      const info = await capture({ contextLines: 2 });
      assert.deepEqual(frameAt(info.frames, 0).source, {
        firstLine: throwLine - 2,
        currentLine: throwLine,
        lines: scenariosLines.slice(throwLine - 3, throwLine + 2),
      });
    });

    it('should give a frame whose file is gone no source and keep the others', async () => {
      const info = only(await runCaptureFixture('esm', { scenario: 'missingSource' }));
      const top = frameAt(info.frames, 0);
      assert.deepEqual(
        [top.function, top.module, top.inApp, top.source],
        ['Module.vanish', 'gone', true, null],
      );
      assert.ok(
        info.frames
          .filter(frame => frame.file === esmUrl('main.mjs'))
          .every(f => f.source !== null),
      );
    });
  });

  describe('options', () => {
    const timestamp = '2020-02-29T12:34:56.789Z';
    const optionSets = {
      none: {},
      timestamp: { timestamp },
      service: { name: 'checkout', version: '9.9.9', timestamp },
      uuid: { fingerprint: 'A2BC7A35-2607-5E05-B54D-441E7218797C' },
      text: { fingerprint: 'checkout/timeout' },
      parts: { fingerprint: ['tenant-a', 'checkout'] },
    };
    type OptionSet = keyof typeof optionSets;
    const infos = new Map<OptionSet, ErrorInfo>();
    const info = (set: OptionSet): ErrorInfo => {
      const found = infos.get(set);
      assert.ok(found, set);
      return found;
    };
    before(async () => {
      await Promise.all(
        Object.entries(optionSets).map(async ([set, options]) => {
          const run = await runCaptureFixture('esm', { scenario: 'constructor', options });
          infos.set(set as OptionSet, only(run));
        }),
      );
    });

    it('should prefer name and version over package.json, and keep the timestamp given', () => {
      const { name, version, timestamp: at, firstSeen, lastSeen } = info('service');
      assert.deepEqual(
        [name, version, at.toISOString(), firstSeen.toISOString(), lastSeen.toISOString()],
        ['checkout', '9.9.9', timestamp, timestamp, timestamp],
      );
    });

    it('should use a fingerprint given as a UUID, lowercased', () => {
      assert.equal(info('uuid').fingerprint, 'a2bc7a35-2607-5e05-b54d-441e7218797c');
    });

    it('should hash a fingerprint given as any other string, or as parts', () => {
      assert.equal(info('text').fingerprint, fingerprintOfParts(['checkout/timeout']));
      assert.equal(info('parts').fingerprint, fingerprintOfParts(['tenant-a', 'checkout']));
    });

    it('should compute the same fingerprint in two processes, and another for another service', () => {
      const computed = info('none').fingerprint;
      assert.match(computed ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/);
      assert.equal(info('timestamp').fingerprint, computed);
      assert.notEqual(info('service').fingerprint, computed);
    });
  });
});
