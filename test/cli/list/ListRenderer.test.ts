import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  json,
  jsonRenderer,
  listJson,
  tableRenderer,
  tsvRenderer,
} from '../../../src/cli/list/ListRenderer.ts';
import { type IndexEntry, KIND } from '../../../src/store/IndexEntry.ts';
import { TestOutput } from './TestOutput.ts';

const entry: IndexEntry = {
  kind: KIND.errorinfo,
  lastSeen: Date.parse('2024-05-01T10:00:00.123Z'),
  count: 1234,
  firstSeen: Date.parse('2024-04-01T00:00:00Z'),
  stamp: { ino: 1, size: 1, mtimeUs: 1 },
  file: 'f.json',
  fingerprint: '1a2b3c4d-0000-5000-8000-000000000000',
  service: 'check\tout',
  version: '1',
  type: 'TypeError',
  message: 'evil \u001b[31mred\u001b[0m and \u202e reversed',
  placeFile: 'file:///srv/app/src/a%20b.ts',
  placeLine: 7,
  placeFunction: 'f',
  pending: 'sentry',
};
const totals = { reports: 3, occurrences: 2000, shown: 1, problems: [{ file: 'x', problem: 'y' }] };

describe('ListRenderer', () => {
  describe('tsvRenderer', () => {
    it('should write one line per row with control characters made visible', () => {
      const out = new TestOutput();
      const renderer = tsvRenderer(out, false);
      renderer.begin();
      renderer.row(entry);
      renderer.end(totals);
      assert.equal(
        out.text,
        'fingerprint\tlast_seen\tcount\tservice\texception\tplace\tpending\n' +
          '1a2b3c4d\t2024-05-01T10:00:00Z\t1234\tcheck\\tout\tTypeError: evil \\x1b[31mred\\x1b[0m and \\u202e reversed\t/srv/app/src/a b.ts:7\tsentry\n',
      );
    });
  });

  describe('tableRenderer', () => {
    it('should fit the columns to the terminal width and end with the totals', () => {
      const out = new TestOutput();
      const renderer = tableRenderer(out, { wide: false, color: false, columns: 120 });
      renderer.begin();
      renderer.row(entry);
      renderer.end(totals);
      const lines = out.text.split('\n');
      assert.equal(
        lines[0],
        `BUG       LAST SEEN              COUNT  SERVICE       PENDING  ${'EXCEPTION'.padEnd(33)}  PLACE`,
      );
      assert.equal(
        lines[1],
        '1a2b3c4d  2024-05-01T10:00:00Z    1234  check\\tout    sentry   TypeError: evil \\x1b[31mred\\x1b[…  /srv/app/src/a b.ts:7',
      );
      assert.ok(lines.slice(0, 2).every(line => line.length <= 120));
      assert.equal(
        lines[2],
        '3 reports, 2,000 occurrences; 1 shown (--limit); 1 unreadable file (see above)',
      );
    });

    it('should colour only with colour on', () => {
      const out = new TestOutput();
      const renderer = tableRenderer(out, { wide: true, color: true, columns: 200 });
      renderer.row(entry);
      assert.ok(out.text.includes('\u001b[33m1a2b3c4d-0000-5000-8000-000000000000\u001b[39m'));
    });
  });

  describe('jsonRenderer', () => {
    it('should write one JSON document, escaping what terminals act on', () => {
      const out = new TestOutput();
      const renderer = jsonRenderer(out, '/r');
      renderer.begin();
      renderer.row(entry);
      renderer.row({ ...entry, lastSeen: 1e300, kind: KIND.otlp, placeFile: null, pending: '' });
      renderer.end({ ...totals, problems: [] });
      const doc = JSON.parse(out.text) as { reports: Record<string, unknown>[]; totals: unknown };
      assert.equal(doc.reports.length, 2);
      assert.equal(doc.reports[0]!.lastSeen, '2024-05-01T10:00:00.123Z');
      assert.deepEqual(doc.reports[0]!.pending, ['sentry']);
      assert.equal(doc.reports[1]!.lastSeen, null);
      assert.equal(doc.reports[1]!.source, 'otlp');
      assert.equal(out.text.includes('\u202e'), false);
      assert.equal(json('\u2028\u009b'), '"\\u2028\\u009b"');
      assert.deepEqual(doc.reports[0], JSON.parse(JSON.stringify(listJson(entry))));
    });
  });
});
