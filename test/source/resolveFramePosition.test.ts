import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resetSourceCaches, resolveFramePosition } from '../../src/source/resolveFramePosition.ts';
import type { FramePosition } from '../../src/source/resolveFramePosition.ts';
import { SourceFileCache } from '../../src/source/SourceFileCache.ts';
import { SourceMapResolver } from '../../src/source/SourceMapResolver.ts';
import { fixturePath } from './runFixture.ts';
import { TestFileReader } from './TestFileReader.ts';

describe('resolveFramePosition', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'otel-err-frame-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const frame = (overrides: Partial<FramePosition>): FramePosition => ({
    file: fixturePath('handmade/percent-data-url.js'),
    line: 3,
    column: 9,
    function: 'fail',
    ...overrides,
  });

  describe('mapped frames', () => {
    it('should return the original position, keep the generated one and read .ts context', () => {
      const resolved = resolveFramePosition(frame({}), { contextLines: 1 });
      assert.deepEqual(resolved, {
        file: fixturePath('ts/program.ts'),
        line: 45,
        column: 5,
        function: 'fail',
        generated: {
          file: fixturePath('handmade/percent-data-url.js'),
          line: 3,
          column: 9,
          function: 'fail',
        },
        source: {
          firstLine: 44,
          currentLine: 45,
          lines: [
            '  if (raw.label === undefined) {',
            '    throw new Error(`missing label in ${path}`);',
            '  }',
          ],
        },
      });
    });

    it('should map but give no context when the original source is missing', () => {
      const resolved = resolveFramePosition(
        frame({ file: fixturePath('handmade/missing-source.js') }),
      );
      assert.equal(resolved.file, fixturePath('ts/does-not-exist.ts'));
      assert.equal(resolved.source, null);
      assert.notEqual(resolved.generated, null);
    });

    it('should clip long lines with the given maxLineLength', () => {
      const resolved = resolveFramePosition(frame({}), { contextLines: 0, maxLineLength: 10 });
      assert.deepEqual(resolved.source?.lines, ['    throw …']);
    });
  });

  describe('unmapped frames', () => {
    it('should keep a JavaScript frame without a map and read its own lines', () => {
      const path = join(dir, 'plain.js');
      writeFileSync(path, 'one\r\ntwo\r\nthree\r\n');
      const input = frame({ file: pathToFileURL(path).href, line: 2, column: 1 });
      assert.deepEqual(resolveFramePosition(input, { contextLines: 5 }), {
        ...input,
        generated: null,
        source: { firstLine: 1, currentLine: 2, lines: ['one', 'two', 'three'] },
      });
    });

    it('should fall back to the generated position when a map is broken', () => {
      const input = frame({ file: fixturePath('handmade/bad-json.js') });
      const resolved = resolveFramePosition(input, { contextLines: 0 });
      assert.deepEqual(
        [resolved.file, resolved.line, resolved.column, resolved.generated],
        [input.file, 3, 9, null],
      );
      assert.deepEqual(resolved.source?.lines, ["  throw new Error('boom');"]);
    });

    it('should read context without mapping when the column is unknown', () => {
      const resolved = resolveFramePosition(frame({ column: null }), { contextLines: 0 });
      assert.deepEqual([resolved.line, resolved.generated], [3, null]);
      assert.deepEqual(resolved.source?.lines, ["  throw new Error('boom');"]);
    });

    const inert: [string, Partial<FramePosition>][] = [
      ['no file', { file: null }],
      ['no line', { line: null }],
      ['a node: frame', { file: 'node:internal/modules/run_main', line: 1 }],
      ['an <anonymous> frame', { file: '<anonymous>' }],
      ['a line past the end of the file', { file: fixturePath('ts/program.ts'), line: 999 }],
    ];
    for (const [name, overrides] of inert) {
      it(`should return ${name} unchanged with no source`, () => {
        const input = frame(overrides);
        const resolved = resolveFramePosition(input);
        assert.deepEqual(
          [
            resolved.file,
            resolved.line,
            resolved.column,
            resolved.function,
            resolved.generated,
            resolved.source,
          ],
          [input.file, input.line, input.column, input.function, null, null],
        );
      });
    }
  });

  describe('never throwing', () => {
    it('should return the input unchanged when an injected cache throws', () => {
      const fileCache = new SourceFileCache({
        readFile: () => {
          throw new Error('disk on fire');
        },
      });
      const throwing = Object.assign(Object.create(fileCache) as SourceFileCache, {
        getLines: () => {
          throw new Error('cache on fire');
        },
      });
      const resolver = new SourceMapResolver({ fileCache, findSourceMap: null });
      const input = frame({ file: join(dir, 'any.js') });
      const resolved = resolveFramePosition(input, { resolver, fileCache: throwing });
      assert.deepEqual(
        [resolved.file, resolved.generated, resolved.source],
        [input.file, null, null],
      );
    });
  });

  describe('module-level caches', () => {
    it('should serve repeated frames from the cache until resetSourceCaches()', () => {
      const path = join(dir, 'changing.js');
      writeFileSync(path, 'before\n');
      const input = frame({ file: path, line: 1, column: 1 });
      assert.deepEqual(resolveFramePosition(input).source?.lines, ['before']);
      writeFileSync(path, 'after\n');
      assert.deepEqual(resolveFramePosition(input).source?.lines, ['before']);
      resetSourceCaches();
      assert.deepEqual(resolveFramePosition(input).source?.lines, ['after']);
    });

    it('should read each file once for many frames through injected caches', () => {
      const reader = new TestFileReader();
      const fileCache = new SourceFileCache({ readFile: reader.read });
      const resolver = new SourceMapResolver({ fileCache, readFile: reader.read });
      for (const line of [11, 20, 28, 11]) {
        resolveFramePosition(
          frame({ file: fixturePath('external/program.js'), line, column: 15 }),
          {
            resolver,
            fileCache,
          },
        );
      }
      assert.deepEqual(reader.reads, [
        fixturePath('external/program.js'),
        fixturePath('external/program.js.map'),
        fixturePath('ts/program.ts'),
      ]);
    });
  });
});
