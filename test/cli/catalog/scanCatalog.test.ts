import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanCatalog } from '../../../src/cli/catalog/scanCatalog.ts';
import { BufferLineSource } from '../../../src/cli/catalog/LineSource.ts';
import {
  badFileEntry,
  encodeIndexLine,
  type EntryKind,
  indexHeader,
  type IndexEntry,
  KIND,
  removedEntry,
} from '../../../src/store/IndexEntry.ts';

const stamp = { ino: 1, size: 2, mtimeUs: 3 };
const FP = (n: number): string => `${String(n).repeat(8)}-0000-5000-8000-000000000000`;

function entry(
  kind: EntryKind,
  file: string,
  fingerprint: string,
  last: number,
  count = 1,
  extra: Partial<IndexEntry> = {},
): IndexEntry {
  return {
    kind,
    lastSeen: last,
    count,
    firstSeen: last - 10,
    stamp,
    file,
    fingerprint,
    service: 'svc',
    version: '1',
    type: 'Error',
    message: 'm',
    placeFile: null,
    placeLine: null,
    placeFunction: null,
    pending: '',
    ...extra,
  };
}

function catalogOf(entries: readonly IndexEntry[], options = {}, header = indexHeader(0)) {
  const text = [header, ...entries.map(encodeIndexLine)].join('\n');
  return scanCatalog(new BufferLineSource(Buffer.from(`${text}\n`)), options);
}

function rows(
  catalog: ReturnType<typeof catalogOf>,
): { fingerprint: string; count: number; first: number; last: number; file: string }[] {
  return Array.from({ length: catalog.size }, (_, row) => {
    const { fingerprint, file } = catalog.entry(row);
    return {
      fingerprint,
      file,
      count: catalog.count(row),
      first: catalog.firstSeen(row),
      last: catalog.lastSeen(row),
    };
  });
}

describe('scanCatalog', () => {
  describe('entries of one file', () => {
    it('should keep the latest line of a file', () => {
      const catalog = catalogOf([
        entry(KIND.errorinfo, 'a.json', FP(1), 100, 1),
        entry(KIND.errorinfo, 'a.json', FP(1), 200, 2),
      ]);
      assert.deepEqual(rows(catalog), [
        { fingerprint: FP(1), file: 'a.json', count: 2, first: 190, last: 200 },
      ]);
    });

    it('should drop what a removal line removes, and keep what comes after it', () => {
      const catalog = catalogOf([
        entry(KIND.errorinfo, 'a.json', FP(1), 100),
        entry(KIND.otlp, 'o.jsonl', FP(2), 100),
        removedEntry('a.json', ''),
        removedEntry('o.jsonl', ''),
        entry(KIND.otlp, 'o.jsonl', FP(3), 300),
      ]);
      assert.deepEqual(
        rows(catalog).map(r => r.fingerprint),
        [FP(3)],
      );
      assert.equal(catalog.files.count, 1);
    });
  });

  describe('one fingerprint in several files', () => {
    it('should prefer an ErrorInfo report to a Gufo one, and either to OTLP events', () => {
      const catalog = catalogOf([
        entry(KIND.otlp, 'o.jsonl', FP(1), 900, 50),
        entry(KIND.gufo, 'g.json', FP(1), 800, 1),
        entry(KIND.errorinfo, 'e.json', FP(1), 100, 3),
        entry(KIND.gufo, 'g2.json', FP(1), 999, 1),
      ]);
      assert.deepEqual(rows(catalog), [
        { fingerprint: FP(1), file: 'e.json', count: 3, first: 90, last: 100 },
      ]);
    });

    it('should add up OTLP events across files, the latest event representing them', () => {
      const catalog = catalogOf([
        entry(KIND.otlp, 'a.jsonl', FP(1), 500, 2, { message: 'older' }),
        entry(KIND.otlp, 'b.jsonl', FP(1), 900, 3, { message: 'newer' }),
        entry(KIND.otlp, 'c.jsonl', FP(1), 700, 4),
      ]);
      assert.deepEqual(rows(catalog), [
        { fingerprint: FP(1), file: 'b.jsonl', count: 9, first: 490, last: 900 },
      ]);
      assert.equal(catalog.entry(0).message, 'newer');
    });
  });

  describe('what is not a row', () => {
    it('should report bad files as problems and OTLP markers as OTLP files', () => {
      const catalog = catalogOf([
        badFileEntry('x.json', stamp, 'is not JSON'),
        { ...badFileEntry('o.jsonl', stamp, ''), kind: KIND.otlp },
      ]);
      assert.equal(catalog.size, 0);
      assert.deepEqual(catalog.problems, [{ file: 'x.json', problem: 'is not JSON' }]);
      assert.deepEqual(
        catalog.otlpFiles.map(f => [f.file, f.stamp]),
        [['o.jsonl', stamp]],
      );
      assert.equal(catalog.files.count, 2);
    });

    it('should count corrupt lines and notice an invalid header', () => {
      const text = [
        '{"$type":"other"}',
        encodeIndexLine(entry(KIND.errorinfo, 'a.json', FP(1), 1)),
        '[1,2',
        'garbage',
      ].join('\n');
      const catalog = scanCatalog(new BufferLineSource(Buffer.from(text)));
      assert.equal(catalog.headerValid, false);
      assert.equal(catalog.corruptLines, 2);
      assert.equal(catalog.size, 1);
    });
  });

  describe('options', () => {
    it('should mark rows matching the service and type filters', () => {
      const catalog = catalogOf(
        [
          entry(KIND.errorinfo, 'a.json', FP(1), 1, 1, { service: 'a"b' }),
          entry(KIND.errorinfo, 'b.json', FP(2), 1, 1, { service: 'c' }),
          entry(KIND.errorinfo, 'c.json', FP(3), 1, 1, { service: 'a"b', type: 'RangeError' }),
        ],
        { services: ['a"b'], types: ['Error'] },
      );
      assert.deepEqual(
        Array.from({ length: 3 }, (_, row) => catalog.matches(row)),
        [true, false, false],
      );
    });

    it('should keep fingerprints, services and types when asked', () => {
      const catalog = catalogOf(
        [entry(KIND.errorinfo, 'a.json', FP(1), 1, 1, { service: 's1', type: 't1' })],
        {
          fingerprints: true,
          strings: true,
        },
      );
      assert.deepEqual(catalog.strings(0), { fingerprint: FP(1), service: 's1', type: 't1' });
    });

    it('should order fingerprints as text, and the same way every time', () => {
      const catalog = catalogOf([
        entry(KIND.errorinfo, 'b.json', 'ffffffff-0000-5000-8000-000000000000', 1),
        entry(KIND.errorinfo, 'a.json', '0000000a-0000-5000-8000-000000000000', 1),
        entry(KIND.errorinfo, 'c.json', '0000000a-0000-5000-8000-000000000001', 1),
      ]);
      assert.ok(catalog.compareFingerprints(1, 0) < 0);
      assert.notEqual(catalog.compareFingerprints(1, 2), 0);
      assert.equal(
        Math.sign(catalog.compareFingerprints(1, 2)),
        -Math.sign(catalog.compareFingerprints(2, 1)),
      );
    });
  });
});
