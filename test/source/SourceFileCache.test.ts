import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileLimited } from '../../src/source/readFileLimited.ts';
import { SourceFileCache } from '../../src/source/SourceFileCache.ts';
import { TestDiagLogger } from './TestDiagLogger.ts';
import { TestFileReader } from './TestFileReader.ts';

describe('SourceFileCache', () => {
  let dir = '';
  let logger: TestDiagLogger;
  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  before(() => (dir = mkdtempSync(join(tmpdir(), 'otel-err-source-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => (logger = new TestDiagLogger().install()));
  afterEach(() => logger.uninstall());

  describe('line splitting', () => {
    const cases: [string, string, string[]][] = [
      ['LF', 'a\nb\nc', ['a', 'b', 'c']],
      ['CRLF', 'a\r\nb\r\nc\r\n', ['a', 'b', 'c']],
      ['CR', 'a\rb\rc', ['a', 'b', 'c']],
      ['mixed', 'a\r\n\rb\nc', ['a', '', 'b', 'c']],
      ['U+2028/U+2029 (V8 and tsc count them)', 'a\u2028b\u2029c', ['a', 'b', 'c']],
      ['a BOM', '\ufeffa\nb', ['a', 'b']],
      ['one trailing terminator', 'a\n', ['a']],
      ['a trailing blank line', 'a\n\n', ['a', '']],
      ['an empty file', '', ['']],
    ];
    for (const [name, text, lines] of cases) {
      it(`should split ${name}`, () => {
        const cache = new SourceFileCache();
        assert.deepEqual(
          cache.getLines(file(`split-${lines.length}-${name.length}.txt`, text)),
          lines,
        );
      });
    }
  });

  describe('reading once', () => {
    it('should read a file once and serve its lines from the cache', () => {
      const reader = new TestFileReader();
      const cache = new SourceFileCache({ readFile: reader.read });
      const path = file('once.js', 'x\ny\n');
      assert.deepEqual(cache.getLines(path), ['x', 'y']);
      assert.equal(cache.getLines(path), cache.getLines(path));
      assert.equal(cache.getLines(pathToFileURL(path).href), cache.getLines(path));
      assert.equal(reader.count(path), 1);
    });

    it('should remember a failure, log it once and not retry', () => {
      const reader = new TestFileReader();
      const cache = new SourceFileCache({ readFile: reader.read });
      const missing = join(dir, 'missing.js');
      assert.equal(cache.getLines(missing), null);
      assert.equal(cache.getLines(missing), null);
      assert.equal(reader.count(missing), 1);
      assert.deepEqual(logger.debugs, [`SourceFileCache: cannot read ${missing}: ENOENT`]);
    });

    it('should evict the least recently used file and read it again when asked', () => {
      const reader = new TestFileReader();
      const cache = new SourceFileCache({ readFile: reader.read, maxFiles: 2 });
      const [a, b, c] = ['a', 'b', 'c'].map(name => file(`lru-${name}.js`, name));
      for (const path of [a, b, a, c, a, b]) cache.getLines(path ?? '');
      assert.deepEqual(
        [a, b, c].map(path => reader.count(path ?? '')),
        [1, 2, 1],
      );
    });

    it('should evict files beyond maxTotalChars', () => {
      const reader = new TestFileReader();
      const cache = new SourceFileCache({ readFile: reader.read, maxTotalChars: 10 });
      const a = file('chars-a.js', '123456');
      const b = file('chars-b.js', '123456');
      cache.getLines(a);
      cache.getLines(b);
      cache.getLines(a);
      assert.equal(reader.count(a), 2);
    });
  });

  describe('files that are not read', () => {
    it('should skip a 6 MiB file without reading its content', () => {
      const big = file('big.js', Buffer.alloc(6 * 1024 * 1024, 'a'));
      const results: (Buffer | null)[] = [];
      const cache = new SourceFileCache({
        readFile: (path, maxBytes) => {
          // readFileLimited returns null only from its size check, before reading anything.
          const result = readFileLimited(path, maxBytes);
          results.push(result);
          return result;
        },
      });
      assert.equal(cache.getLines(big), null);
      assert.deepEqual(results, [null]);
      assert.deepEqual(logger.debugs, [
        `SourceFileCache: skipped ${big}: not a regular file or over 5242880 bytes`,
      ]);
    });

    it('should honour a smaller maxFileBytes', () => {
      const cache = new SourceFileCache({ maxFileBytes: 3 });
      assert.equal(cache.getLines(file('four.js', 'abcd')), null);
      assert.deepEqual(cache.getLines(file('three.js', 'abc')), ['abc']);
    });

    it('should treat a NUL byte in the first 8 KB as binary', () => {
      const cache = new SourceFileCache();
      assert.equal(
        cache.getLines(file('binary.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]))),
        null,
      );
      assert.match(logger.debugs[0] ?? '', /binary content/);
    });

    it('should read a file whose first NUL byte comes after 8 KB', () => {
      const late = Buffer.concat([Buffer.alloc(8192, 'a'), Buffer.from([0])]);
      assert.equal(new SourceFileCache().getLines(file('late-nul.js', late))?.length, 1);
    });

    const unreadable: [string, () => string][] = [
      ['a directory', () => dir],
      ['a missing file', () => join(dir, 'nope', 'x.js')],
      ['a path through a file', () => join(file('not-a-dir', 'x'), 'x.js')],
      ['a relative path', () => 'relative/x.js'],
      ['a node: module', () => 'node:fs'],
      ['a malformed file URL', () => 'file://remote-host/x.js'],
    ];
    for (const [name, path] of unreadable) {
      it(`should return null for ${name}`, () => {
        assert.equal(new SourceFileCache().getLines(path()), null);
      });
    }

    it('should return null for an unreadable file (mode 000 does not bite root, so a directory stands in)', () => {
      const locked = join(dir, 'locked');
      mkdirSync(locked, { mode: 0o000 });
      assert.equal(new SourceFileCache().getLines(locked), null);
    });
  });

  describe('.put and .peek', () => {
    it('should keep text under any key and return it as lines without reading', () => {
      const reader = new TestFileReader();
      const cache = new SourceFileCache({ readFile: reader.read });
      assert.equal(cache.peek('\0content'), undefined);
      assert.deepEqual(cache.put('\0content', 'one\r\ntwo'), ['one', 'two']);
      assert.deepEqual(cache.peek('\0content'), ['one', 'two']);
      assert.deepEqual(reader.reads, []);
    });

    it('should report a remembered failure as null', () => {
      const cache = new SourceFileCache();
      const missing = join(dir, 'gone.js');
      cache.getLines(missing);
      assert.equal(cache.peek(missing), null);
    });

    it('should forget everything on clear()', () => {
      const cache = new SourceFileCache();
      cache.put('k', 'v');
      cache.clear();
      assert.equal(cache.peek('k'), undefined);
    });
  });
});
