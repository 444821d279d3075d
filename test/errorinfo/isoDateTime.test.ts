import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseIsoDateTime } from '../../src/errorinfo/isoDateTime.ts';
import { errorInfoSchema } from './schemaValidator.ts';

const defs = errorInfoSchema.$defs as Record<string, { pattern: string }>;
const schemaPattern = new RegExp(defs.dateTime?.pattern ?? '(?!)', 'u');

describe('parseIsoDateTime', () => {
  describe('accepted forms', () => {
    const cases: [string, string][] = [
      ['2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00.000Z'],
      ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
      ['2024-05-01T10:00Z', '2024-05-01T10:00:00.000Z'],
      ['2024-05-01t10:00:00z', '2024-05-01T10:00:00.000Z'],
      ['2024-05-01T12:30:00+02:30', '2024-05-01T10:00:00.000Z'],
      ['2024-05-01T05:00:00-05', '2024-05-01T10:00:00.000Z'],
      ['2024-05-01T10:00:00,5Z', '2024-05-01T10:00:00.500Z'],
      ['2022-03-22T07:21:29.215827+01:00', '2022-03-22T06:21:29.215Z'],
      ['2024-05-01T10:00:00.123456789Z', '2024-05-01T10:00:00.123Z'],
      ['20240501T100000Z', '2024-05-01T10:00:00.000Z'],
      ['20240501T123000.25+0230', '2024-05-01T10:00:00.250Z'],
      ['20240501T1000-01', '2024-05-01T11:00:00.000Z'],
      ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
      ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
      ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
      ['0099-12-31T23:59:59Z', '0099-12-31T23:59:59.000Z'],
      ['+010000-01-01T00:00:00Z', '+010000-01-01T00:00:00.000Z'],
      ['-000001-12-31T00:00:00Z', '-000001-12-31T00:00:00.000Z'],
      ['+275760-09-13T00:00:00Z', '+275760-09-13T00:00:00.000Z'],
      ['+275760-09-13T01:00:00+01:00', '+275760-09-13T00:00:00.000Z'],
      ['-271821-04-19T23:00:00-01:00', '-271821-04-20T00:00:00.000Z'],
    ];
    for (const [text, iso] of cases) {
      it(`should read ${text} as ${iso}, as the schema does`, () => {
        assert.equal(parseIsoDateTime(text)?.toISOString(), iso);
        assert.match(text, schemaPattern);
      });
    }
  });

  describe('rejected forms', () => {
    const bothReject = [
      '',
      'yesterday',
      '2024-05-01',
      '2024-05-01T10:00:00',
      '2024-05-01 10:00:00Z',
      '2024-05-01T10:00:00.Z',
      '2024-05-01T100000Z',
      '20240501T10:00:00Z',
      '2024-05-01T10:00:00+0200',
      '20240501T100000+02:00',
      '2024-13-01T00:00:00Z',
      '2024-00-01T00:00:00Z',
      '2024-05-32T00:00:00Z',
      '2024-05-01T24:00:00Z',
      '2024-05-01T10:60:00Z',
      '2024-05-01T10:00:60Z',
      '2024-05-01T10:00:00+24:00',
      '-000000-01-01T00:00:00Z',
      '24-05-01T10:00:00Z',
      ' 2024-05-01T10:00:00Z',
      '2024-05-01T10:00:00Z\n',
      '２０２４-05-01T10:00:00Z',
    ];
    for (const text of bothReject) {
      it(`should reject ${JSON.stringify(text)}, as the schema does`, () => {
        assert.equal(parseIsoDateTime(text), null);
        assert.doesNotMatch(text, schemaPattern);
      });
    }

    // The schema's pattern cannot see the calendar or Date's range: documented in its description.
    const decoderOnly = [
      '2023-02-29T00:00:00Z',
      '2100-02-29T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '+275760-09-13T00:00:00.001Z',
      '-271821-04-19T23:59:59Z',
    ];
    for (const text of decoderOnly) {
      it(`should reject ${text}, which only the calendar rules out`, () => {
        assert.equal(parseIsoDateTime(text), null);
        assert.match(text, schemaPattern);
      });
    }
  });

  describe('round trip of toISOString', () => {
    it('should read back every valid Date exactly', () => {
      fc.assert(
        fc.property(fc.date({ noInvalidDate: true }), date => {
          assert.equal(parseIsoDateTime(date.toISOString())?.getTime(), date.getTime());
        }),
        { seed: 20240501, numRuns: 2000 },
      );
    });
  });
});
