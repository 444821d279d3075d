import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  decodeIndexLine,
  encodeIndexLine,
  FIELD,
  FIELD_COUNT,
  type IndexEntry,
  KIND,
  summarizeReport,
} from '../../src/store/IndexEntry.ts';
import { scanIndexLine } from '../../src/store/scanIndexLine.ts';
import { report } from '../cli/reportFixtures.ts';

const bounds = new Int32Array(FIELD_COUNT * 2);
const numbers = new Float64Array(FIELD_COUNT);
const scan = (line: string): boolean => {
  const buf = Buffer.from(line);
  return scanIndexLine(buf, 0, buf.length, bounds, numbers);
};

const entry: IndexEntry = summarizeReport(
  report({
    fingerprint: 'aaaaaaaa-0000-5000-8000-000000000000',
    message: 'tab\t"quote" \u001b[2J \u2028 ü',
  }),
  KIND.errorinfo,
  'aaaaaaaa-0000-5000-8000-000000000000.json',
  { ino: 12, size: 3456, mtimeUs: 1714557600123456 },
  ['otlp', 'sentry'],
);

describe('scanIndexLine', () => {
  describe('a line written by encodeIndexLine', () => {
    it('should accept it, find every number, and decode to the same entry', () => {
      const line = encodeIndexLine(entry);
      assert.equal(scan(line), true);
      assert.equal(numbers[FIELD.lastSeen], entry.lastSeen);
      assert.equal(numbers[FIELD.mtimeUs], 1714557600123456);
      assert.equal(
        line.slice(bounds[FIELD.file * 2], bounds[FIELD.file * 2 + 1]),
        `"${entry.file}"`,
      );
      assert.deepEqual(decodeIndexLine(line), { ...entry, pending: 'otlp,sentry' });
    });

    it('should clip long texts so that a line stays small', () => {
      const long = {
        ...entry,
        message: 'm'.repeat(10_000),
        placeFile: `/${'d/'.repeat(5000)}f.ts`,
      };
      const decoded = decodeIndexLine(encodeIndexLine(long));
      assert.equal(decoded.message.length, 160);
      assert.ok(decoded.message.endsWith('…'));
      assert.equal(decoded.placeFile!.length, 200);
      assert.ok(decoded.placeFile!.startsWith('…') && decoded.placeFile!.endsWith('f.ts'));
    });

    it('should accept every line of any entry (property)', () => {
      const text = fc.string({ unit: 'binary', maxLength: 40 });
      const int = fc.integer({ min: -1e15, max: 1e15 });
      fc.assert(
        fc.property(
          fc.record({
            kind: fc.constantFrom(KIND.removed, KIND.errorinfo, KIND.gufo, KIND.otlp, KIND.bad),
            lastSeen: int,
            count: fc.integer({ min: 1, max: 1e9 }),
            firstSeen: int,
            stamp: fc.record({ ino: fc.nat(), size: fc.nat(), mtimeUs: fc.nat() }),
            file: text,
            fingerprint: text,
            service: text,
            version: text,
            type: text,
            message: text,
            placeFile: fc.option(text),
            placeLine: fc.option(fc.nat()),
            placeFunction: fc.option(text),
            pending: text,
          }),
          candidate => {
            const line = encodeIndexLine(candidate);
            assert.equal(scan(line), true, line);
            assert.equal(decodeIndexLine(line).file, candidate.file);
          },
        ),
        { seed: 7, numRuns: 500 },
      );
    });
  });

  describe('lines that were not written by encodeIndexLine', () => {
    const valid = encodeIndexLine(entry);
    const cases: readonly { name: string; line: string }[] = [
      { name: 'the header', line: '{"$type":"otel-err-index","$version":1,"live":0}' },
      { name: 'an empty line', line: '' },
      { name: 'a truncated line', line: valid.slice(0, -5) },
      { name: 'a line with spaces', line: valid.replace(',', ', ') },
      { name: 'a missing field', line: valid.replace(/,"otlp,sentry"\]$/, ']') },
      { name: 'an extra field', line: valid.replace(/\]$/, ',1]') },
      { name: 'a string where a number goes', line: valid.replace(/^\[1,/, '["1",') },
      { name: 'an unknown kind', line: valid.replace(/^\[1,/, '[5,') },
      { name: 'a float', line: valid.replace(/^\[1,(\d+)/, '[1,$1.5') },
      {
        name: 'a number too large to be exact',
        line: valid.replace(/^\[1,\d+/, '[1,99999999999999999'),
      },
      { name: 'a leading zero', line: valid.replace(/^\[1,/, '[1,0') },
      {
        name: 'a raw control character in a string',
        line: valid.replace('boom', 'bo\u0001om').replace('tab', 'ta\u0002b'),
      },
      { name: 'an invalid escape', line: valid.replace('\\"quote', '\\xquote') },
      { name: 'a truncated \\u escape', line: valid.replace('\\u001b', '\\u00') },
      {
        name: 'null where a string is required',
        line: valid.replace(`"${entry.service}"`, 'null'),
      },
    ];
    for (const { name, line } of cases) {
      it(`should refuse ${name}`, () => assert.equal(scan(line), false));
    }

    it('should never throw and only accept what JSON.parse reads as a 17-element array (property)', () => {
      fc.assert(
        fc.property(fc.nat(valid.length), fc.string({ maxLength: 4 }), (at, insert) => {
          const line = valid.slice(0, at) + insert + valid.slice(at + insert.length);
          if (scan(line)) assert.equal((JSON.parse(line) as unknown[]).length, FIELD_COUNT);
        }),
        { seed: 11, numRuns: 2000 },
      );
    });
  });
});
