import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fromGufoDocument, GufoFormatError } from '../../../src/cli/sources/gufoReport.ts';
import { parseLenientJson } from '../../../src/cli/sources/parseLenientJson.ts';
import { toJSON } from '../../../src/errorinfo/codec.ts';
import { FIXTURES } from '../reportFixtures.ts';

const MTIME = new Date('2024-06-01T00:00:00Z');
const fixture = (name: string): Record<string, unknown> =>
  parseLenientJson(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

describe('fromGufoDocument', () => {
  describe('a Gufo Err 1.0 report', () => {
    it('should turn the stack innermost first, keep sources and locals, and mark root-module frames in-app', () => {
      const info = fromGufoDocument(fixture('gufo-1.0.json'), MTIME);
      assert.deepEqual(
        info.frames.map(f => [f.function, f.module, f.file, f.line, f.inApp]),
        [
          ['b', 'billing.core', '/srv/billing/billing/core.py', 3, true],
          ['<module>', '__main__', '/srv/billing/main.py', 15, false],
        ],
      );
      assert.deepEqual(info.frames[0]!.locals, {
        x: '[1, 2]',
        ratio: null,
        limit: null,
        flag: true,
      });
      assert.deepEqual(info.frames[0]!.source, {
        firstLine: 1,
        currentLine: 3,
        lines: ['def b():', '    x = [1, 2]', '    raise ValueError("from b", 42, None)'],
      });
      assert.deepEqual(info.exception.type, 'ValueError');
      assert.deepEqual(info.exception.message, 'from b');
      assert.deepEqual(info.extra, { gufoArgs: ['from b', '42', 'None'] });
      assert.equal(info.timestamp.toISOString(), '2024-04-30T06:21:29.215Z');
      assert.equal(info.rootModule, 'billing');
      assert.doesNotThrow(() => toJSON(info));
    });

    it('should date a report without timestamp by its file and read a frame without source', () => {
      const info = fromGufoDocument(fixture('gufo-no-timestamp.json'), MTIME);
      assert.equal(info.lastSeen, MTIME);
      assert.deepEqual(
        info.frames.map(f => [f.function, f.file, f.source, f.inApp]),
        [['run', null, null, true]],
      );
    });

    const times: readonly [string, string][] = [
      ['2023-09-01T07:54:59.690078', '2023-09-01T07:54:59.690Z'],
      ['2023-09-01 07:54:59', '2023-09-01T07:54:59.000Z'],
      ['2023-09-01T07:54:59-0230', '2023-09-01T10:24:59.000Z'],
    ];
    for (const [text, expected] of times) {
      it(`should read the timestamp ${text} (no zone: UTC)`, () => {
        const info = fromGufoDocument(
          { ...fixture('gufo-no-timestamp.json'), timestamp: text },
          MTIME,
        );
        assert.equal(info.timestamp.toISOString(), expected);
      });
    }
  });

  describe('an invalid report', () => {
    const base = fixture('gufo-1.0.json');
    const cases: readonly [string, Record<string, unknown>, string][] = [
      ['a missing name', { ...base, name: undefined }, 'name: expected a string'],
      ['a bad fingerprint', { ...base, fingerprint: 'x' }, 'fingerprint: expected a UUID'],
      ['a stack that is not an array', { ...base, stack: {} }, 'stack: expected an array'],
      [
        'a frame with a numeric name',
        { ...base, stack: [{ name: 1 }] },
        'stack[0].name: expected a string or null',
      ],
      [
        'source lines that are not strings',
        {
          ...base,
          stack: [
            { name: 'f', source: { file_name: 'a', first_line: 1, current_line: 1, lines: [1] } },
          ],
        },
        'stack[0].source.lines: expected an array of strings',
      ],
      [
        'a negative line',
        {
          ...base,
          stack: [
            { name: 'f', source: { file_name: 'a', first_line: -1, current_line: 1, lines: [] } },
          ],
        },
        'stack[0].source.first_line: expected an integer ≥ 0',
      ],
      [
        'an impossible date',
        { ...base, timestamp: '2023-02-30T00:00:00' },
        'timestamp: not a valid date',
      ],
    ];
    for (const [name, doc, message] of cases) {
      it(`should name ${name}`, () => {
        assert.throws(
          () => fromGufoDocument(doc, MTIME),
          (error: unknown) => error instanceof GufoFormatError && error.message === message,
        );
      });
    }
  });
});

describe('parseLenientJson', () => {
  describe('Python number tokens', () => {
    it('should read NaN and Infinity outside strings as null and leave strings alone', () => {
      assert.deepEqual(parseLenientJson('[NaN, -Infinity, "NaN", "a\\"NaN"]'), [
        null,
        null,
        'NaN',
        'a"NaN',
      ]);
    });

    it('should throw a SyntaxError for text that is not JSON either way', () => {
      assert.throws(() => parseLenientJson('{NaN'), SyntaxError);
    });
  });
});
