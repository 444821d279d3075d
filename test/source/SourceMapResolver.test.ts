// Fixtures (test/fixtures/source/): ts/program.ts compiled once with the repo's tsc, run from
// test/fixtures/source (cjs/package.json holds { "type": "commonjs" }):
//   ../../../node_modules/.bin/tsc --ignoreConfig --target es2022 --module nodenext --sourceMap --outDir external ts/program.ts
//   ../../../node_modules/.bin/tsc --ignoreConfig --target es2022 --module nodenext --inlineSourceMap --inlineSources --outDir inline ts/program.ts
//   ../../../node_modules/.bin/tsc --ignoreConfig --target es2022 --module commonjs --sourceMap --inlineSources --outDir cjs ts/program.ts
// minified/ is written by `node minified/build.mjs` (a map with `names`, which tsc never emits);
// handmade/ by `node handmade/build.mjs` (good and broken hand-written maps).
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolveFramePosition } from '../../src/source/resolveFramePosition.ts';
import type { FramePosition } from '../../src/source/resolveFramePosition.ts';
import { SourceFileCache } from '../../src/source/SourceFileCache.ts';
import { SourceMapResolver } from '../../src/source/SourceMapResolver.ts';
import type { SourceMapResolverOptions } from '../../src/source/SourceMapResolver.ts';
import { fixturePath, runFixture, topFramePosition } from './runFixture.ts';
import type { FixtureRun } from './runFixture.ts';
import { TestDiagLogger } from './TestDiagLogger.ts';
import { TestFileReader } from './TestFileReader.ts';

const tsFile = fixturePath('ts/program.ts');
const tsLines = readFileSync(tsFile, 'utf8').replace(/\n$/, '').split('\n');

/** A resolver and file cache sharing one recording reader. */
function setup(options: SourceMapResolverOptions = {}) {
  const reader = new TestFileReader();
  const fileCache = new SourceFileCache({ readFile: reader.read });
  const resolver = new SourceMapResolver({ fileCache, readFile: reader.read, ...options });
  return { reader, fileCache, resolver };
}

/** The `.ts` throw sites: 1-based line and column, and what the source says there. */
const throwSites = {
  divide: { line: 24, column: 13, text: 'new RangeError', function: 'divide' },
  parse: { line: 34, column: 34, text: 'new TypeError', function: 'parseAmount' },
  load: { line: 45, column: 11, text: 'new Error', function: 'loadConfig' },
};
const callerSite = { line: 52, column: 46, text: 'divide(1, 0)', function: 'divideByZero' };

describe('SourceMapResolver', () => {
  const compiled = [
    { fixture: 'external/program.js', sourcesContent: false },
    { fixture: 'inline/program.js', sourcesContent: true },
    { fixture: 'cjs/program.js', sourcesContent: true },
  ];
  const runs = new Map<string, FixtureRun>();
  const key = (fixture: string, scenario: string, flags = '') => `${fixture} ${scenario} ${flags}`;

  before(async () => {
    const jobs: [string, Promise<FixtureRun>][] = [];
    for (const { fixture } of compiled) {
      for (const scenario of [...Object.keys(throwSites), 'divideByZero']) {
        jobs.push([key(fixture, scenario), runFixture(fixture, scenario)]);
      }
      jobs.push([
        key(fixture, 'load', 'esm'),
        runFixture(fixture, 'load', { enableSourceMaps: true, resolve: true }),
      ]);
    }
    for (const scenario of ['parse', 'load', 'divideByZero']) {
      jobs.push([
        key('minified/program.min.js', scenario),
        runFixture('minified/program.min.js', scenario),
      ]);
    }
    for (const [name, run] of jobs) runs.set(name, await run);
  });

  const runOf = (fixture: string, scenario: string, flags = ''): FixtureRun => {
    const run = runs.get(key(fixture, scenario, flags));
    assert.ok(run, `no child run for ${fixture} ${scenario}`);
    return run;
  };

  /** The frame the child printed: position from the `.stack` text, names and starts from the CallSite. */
  const frameOf = (run: FixtureRun, index = 0): FramePosition => {
    const site = run.callSites[index];
    assert.ok(site);
    const text = index === 0 ? topFramePosition(run.stack) : site;
    return {
      file: text.file,
      line: text.line,
      column: text.column,
      function: site.function,
      enclosingLine: site.enclosingLine,
      enclosingColumn: site.enclosingColumn,
    };
  };

  const assertTsSite = (
    resolved: ReturnType<typeof resolveFramePosition>,
    site: { line: number; column: number; text: string; function: string },
  ) => {
    assert.equal(resolved.file, tsFile);
    assert.deepEqual([resolved.line, resolved.column], [site.line, site.column]);
    assert.equal(resolved.function, site.function);
    assert.ok(tsLines[site.line - 1]?.slice(site.column - 1).startsWith(site.text));
    assert.deepEqual(resolved.source, {
      firstLine: site.line - 7,
      currentLine: site.line,
      lines: tsLines.slice(site.line - 8, site.line + 7),
    });
  };

  describe('compiled TypeScript run in a child process', () => {
    for (const { fixture, sourcesContent } of compiled) {
      for (const [scenario, site] of Object.entries(throwSites)) {
        it(`should map ${fixture} ${scenario} to the .ts line, column, name and lines`, () => {
          const run = runOf(fixture, scenario);
          const frame = frameOf(run);
          assert.equal(frame.file, run.callSites[0]?.file, 'the text is not source-mapped');
          const { reader, fileCache, resolver } = setup();
          const resolved = resolveFramePosition(frame, { resolver, fileCache });
          assertTsSite(resolved, site);
          assert.deepEqual(resolved.generated, {
            file: frame.file,
            line: frame.line,
            column: frame.column,
            function: frame.function,
          });
          // With sourcesContent the .ts file itself is never opened.
          assert.equal(reader.count(tsFile), sourcesContent ? 0 : 1);
        });
      }

      it(`should map the caller frame of ${fixture} to the function that makes the call`, () => {
        const { fileCache, resolver } = setup();
        const resolved = resolveFramePosition(frameOf(runOf(fixture, 'divideByZero'), 1), {
          resolver,
          fileCache,
        });
        assertTsSite(resolved, callerSite);
      });
    }
  });

  describe('a child run with --enable-source-maps', () => {
    for (const { fixture, sourcesContent } of compiled) {
      it(`should map ${fixture} through module.findSourceMap without reading the .js or .map`, () => {
        const run = runOf(fixture, 'load', 'esm');
        assert.equal(run.sourceMapsEnabled, true);
        assert.ok(run.resolved);
        assertTsSite(run.resolved, throwSites.load);
        assert.deepEqual(run.reads, sourcesContent ? [] : [tsFile]);
      });

      it(`should leave ${fixture}'s already rewritten .stack text alone (no double mapping)`, () => {
        const run = runOf(fixture, 'load', 'esm');
        const text = topFramePosition(run.stack);
        assert.equal(text.file, tsFile);
        assert.deepEqual([text.line, text.column], [throwSites.load.line, throwSites.load.column]);
        const { fileCache, resolver } = setup();
        const resolved = resolveFramePosition(
          { ...text, function: 'loadConfig' },
          { resolver, fileCache },
        );
        assert.equal(resolved.generated, null);
        assertTsSite(resolved, throwSites.load);
      });
    }
  });

  describe('original function names (minified code with a names table)', () => {
    const minified = 'minified/program.min.js';

    it('should name the throwing method from its start position', () => {
      const { fileCache, resolver } = setup();
      const resolved = resolveFramePosition(frameOf(runOf(minified, 'divideByZero')), {
        resolver,
        fileCache,
      });
      assertTsSite(resolved, throwSites.divide);
      assert.equal(resolved.generated?.function, 'd');
    });

    it('should name the caller, not the callee the map names at the call position', () => {
      const { fileCache, resolver } = setup();
      const frame = frameOf(runOf(minified, 'divideByZero'), 1);
      assertTsSite(resolveFramePosition(frame, { resolver, fileCache }), callerSite);
      const withoutStart = { ...frame, enclosingLine: null, enclosingColumn: null };
      assert.equal(resolveFramePosition(withoutStart, { resolver, fileCache }).function, 'z');
    });

    it('should name an async function declaration past its `async function` keywords', () => {
      const { fileCache, resolver } = setup();
      const resolved = resolveFramePosition(frameOf(runOf(minified, 'load')), {
        resolver,
        fileCache,
      });
      assertTsSite(resolved, throwSites.load);
    });

    it('should keep the generated name of an arrow function (its start has no name)', () => {
      const { fileCache, resolver } = setup();
      const resolved = resolveFramePosition(frameOf(runOf(minified, 'parse')), {
        resolver,
        fileCache,
      });
      assertTsSite(resolved, { ...throwSites.parse, function: 'p' });
    });
  });

  describe('hand-made maps', () => {
    let logger: TestDiagLogger;
    beforeEach(() => (logger = new TestDiagLogger().install()));
    afterEach(() => logger.uninstall());

    // Every hand-made generated file throws at line 3, column 9 (`new Error`).
    const mapsTo = (file: string, line: number, column: number) => ({ file, line, column });
    const cases: [string, ReturnType<typeof mapsTo> | null, RegExp | null, boolean][] = [
      // fixture, expected position, the one debug line, whether context lines exist
      ['percent-data-url', mapsTo(tsFile, 45, 5), null, true],
      ['source-root', mapsTo(tsFile, 45, 5), null, true],
      ['xssi', mapsTo(tsFile, 45, 5), null, true],
      ['webpack', mapsTo('webpack://app/./src/thing.ts', 3, 3), null, true],
      [
        'missing-source',
        mapsTo(fixturePath('ts/does-not-exist.ts'), 45, 5),
        /cannot read .*ENOENT/,
        false,
      ],
      ['bad-json', null, /map of .*bad-json\.js is not JSON/, false],
      ['version2', null, /not a version 3 map/, false],
      ['no-sources', null, /not a version 3 map/, false],
      ['out-of-range', null, /maps past the end of .*program\.ts/, false],
      ['missing-map', null, /cannot read map .*does-not-exist\.js\.map/, false],
      ['remote-map', null, /not fetching remote map https:\/\/example\.com/, false],
      ['bad-data-url', null, /map of .*bad-data-url\.js is not JSON/, false],
    ];
    for (const [name, expected, debug, hasLines] of cases) {
      it(`should handle ${name} without throwing`, () => {
        const { reader, resolver } = setup();
        const file = fixturePath(`handmade/${name}.js`);
        const first = resolver.resolve(pathToFileURL(file).href, 3, 9);
        assert.deepEqual(
          first && { file: first.file, line: first.line, column: first.column },
          expected,
        );
        assert.equal(first?.lines != null, hasLines);
        assert.equal(logger.debugs.length, debug === null ? 0 : 1, logger.debugs.join('\n'));
        if (debug !== null) assert.match(logger.debugs[0] ?? '', debug);
        const readsAfterFirst = reader.reads.length;
        const debugsAfterFirst = logger.debugs.length;
        assert.deepEqual(resolver.resolve(file, 3, 9), first, 'the outcome is cached');
        assert.equal(reader.reads.length, readsAfterFirst, 'nothing is read again');
        assert.equal(logger.debugs.length, debugsAfterFirst, 'nothing is logged again');
      });
    }

    it('should take context lines from sourcesContent for a non-file source', () => {
      const { fileCache, resolver } = setup();
      const resolved = resolveFramePosition(
        { file: fixturePath('handmade/webpack.js'), line: 3, column: 9, function: 'fail' },
        { resolver, fileCache },
      );
      assert.deepEqual(resolved.source, {
        firstLine: 1,
        currentLine: 3,
        lines: ['// thing', 'export function fail(): never {', "  throw new Error('boom');", '}'],
      });
    });
  });

  describe('where maps come from', () => {
    it('should use the findSourceMap hook before reading any file', () => {
      const payload = JSON.parse(readFileSync(fixturePath('external/program.js.map'), 'utf8'));
      const generated = fixturePath('external/program.js');
      const asked: string[] = [];
      const { reader, resolver } = setup({
        findSourceMap: path => {
          asked.push(path);
          // Node registers ES modules under their URL and resolves `sources` to absolute URLs.
          return path.startsWith('file:')
            ? new SourceMap({ ...payload, sources: [pathToFileURL(tsFile).href] })
            : undefined;
        },
      });
      const resolved = resolver.resolve(generated, 11, 19);
      assert.deepEqual(resolved && [resolved.file, resolved.line, resolved.column], [
        tsFile,
        24,
        13,
      ]);
      assert.deepEqual(asked, [generated, pathToFileURL(generated).href]);
      assert.deepEqual(reader.reads, [tsFile]);
    });

    it('should ignore Node maps when findSourceMap is null', () => {
      const { reader, resolver } = setup({
        findSourceMap: null,
      });
      assert.equal(resolver.resolve(fixturePath('external/program.js'), 11, 19)?.line, 24);
      assert.deepEqual(reader.reads, [
        fixturePath('external/program.js'),
        fixturePath('external/program.js.map'),
        tsFile,
      ]);
    });

    it('should survive a findSourceMap hook that throws', () => {
      const { resolver } = setup({
        findSourceMap: () => {
          throw new Error('hook failed');
        },
      });
      assert.equal(resolver.resolve(fixturePath('external/program.js'), 11, 19), null);
    });
  });

  describe('caching', () => {
    it('should load a map once for many positions in the same file', () => {
      const { reader, resolver } = setup();
      for (const [line, column] of [
        [11, 19],
        [20, 15],
        [28, 15],
      ] as const) {
        assert.ok(resolver.resolve(fixturePath('external/program.js'), line, column));
      }
      assert.equal(reader.count(fixturePath('external/program.js.map')), 1);
    });

    it('should remember that a file has no map', () => {
      const { reader, resolver } = setup();
      assert.equal(resolver.resolve(tsFile, 24, 13), null);
      assert.equal(resolver.resolve(tsFile, 34, 34), null);
      assert.equal(reader.count(tsFile), 1);
    });

    it('should reload an evicted map (maxFiles bounds the maps kept)', () => {
      const { reader, resolver } = setup({ maxFiles: 1 });
      for (const file of ['external/program.js', 'cjs/program.js', 'external/program.js']) {
        assert.ok(resolver.resolve(fixturePath(file), file.startsWith('cjs') ? 16 : 11, 19));
      }
      assert.equal(reader.count(fixturePath('external/program.js.map')), 2);
    });

    it('should forget maps on clear()', () => {
      const { reader, resolver } = setup();
      resolver.resolve(fixturePath('external/program.js'), 11, 19);
      resolver.clear();
      resolver.resolve(fixturePath('external/program.js'), 11, 19);
      assert.equal(reader.count(fixturePath('external/program.js.map')), 2);
    });
  });

  describe('positions that do not map', () => {
    const generated = fixturePath('external/program.js');
    const cases: [string, string, number, number][] = [
      ['line 0', generated, 0, 1],
      ['column 0', generated, 11, 0],
      ['a fractional line', generated, 1.5, 1],
      ['NaN', generated, Number.NaN, 1],
      ['a line past the end', generated, 10_000, 1],
      ['a relative file', 'external/program.js', 11, 19],
      ['a node: module', 'node:internal/process/task_queues', 95, 5],
      ['a non-file URL', 'https://example.com/app.js', 1, 1],
    ];
    for (const [name, file, line, column] of cases) {
      it(`should return null for ${name}`, () => {
        assert.equal(setup().resolver.resolve(file, line, column), null);
      });
    }
  });
});
