import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { report, tempDir, writeWithStore } from './reportFixtures.ts';
import { runErr } from './runErr.ts';

const fp = (n: number): string => `${String(n).repeat(8)}-0000-5000-8000-000000000000`;

interface StatsDocument {
  $type: string;
  $version: number;
  totals: { bugs: number; occurrences: number; firstSeen: string | null; lastSeen: string | null };
  top: { fingerprint: string; service: string; count: number; ratePerHour: number }[];
  services: {
    service: string;
    bugs: number;
    occurrences: number;
    firstSeen: string;
    lastSeen: string;
    ratePerHour: number;
  }[];
  problems: unknown[];
}

describe('err stats', () => {
  let dir: string;
  before(() => {
    dir = tempDir();
    writeWithStore(dir, [
      report({
        fingerprint: fp(1),
        service: 'checkout',
        count: 48,
        firstSeen: '2024-05-01T00:00:00Z',
        lastSeen: '2024-05-01T12:00:00Z',
      }),
      report({
        fingerprint: fp(2),
        service: 'checkout',
        count: 2,
        firstSeen: '2024-05-01T06:00:00Z',
        lastSeen: '2024-05-01T06:10:00Z',
      }),
      report({
        fingerprint: fp(3),
        service: 'search',
        count: 10,
        firstSeen: '2024-05-02T00:00:00Z',
        lastSeen: '2024-05-02T05:00:00Z',
      }),
    ]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should count bugs and occurrences per service with first/last seen and rates, as JSON', async () => {
    const run = await runErr(['stats', '-p', dir, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as StatsDocument;
    assert.equal(doc.$type, 'err-stats');
    assert.deepEqual(doc.totals, {
      bugs: 3,
      occurrences: 60,
      firstSeen: '2024-05-01T00:00:00.000Z',
      lastSeen: '2024-05-02T05:00:00.000Z',
    });
    assert.deepEqual(doc.services, [
      {
        service: 'checkout',
        bugs: 2,
        occurrences: 50,
        firstSeen: '2024-05-01T00:00:00.000Z',
        lastSeen: '2024-05-01T12:00:00.000Z',
        ratePerHour: 4.17,
      },
      {
        service: 'search',
        bugs: 1,
        occurrences: 10,
        firstSeen: '2024-05-02T00:00:00.000Z',
        lastSeen: '2024-05-02T05:00:00.000Z',
        ratePerHour: 2,
      },
    ]);
  });

  it('should rank the top bugs by occurrences, a span under an hour counting as one hour', async () => {
    const doc = JSON.parse(
      (await runErr(['stats', '-p', dir, '--json', '--top', '2'])).stdout,
    ) as StatsDocument;
    assert.deepEqual(
      doc.top.map(({ fingerprint, count, ratePerHour }) => ({ fingerprint, count, ratePerHour })),
      [
        { fingerprint: fp(1), count: 48, ratePerHour: 4 },
        { fingerprint: fp(3), count: 10, ratePerHour: 2 },
      ],
    );
  });

  it('should print aligned text with a summary line', async () => {
    const run = await runErr(['stats', '-p', dir, '--service', 'search']);
    assert.equal(run.code, 0);
    const lines = run.stdout.split('\n');
    assert.equal(
      lines[0],
      '1 bug, 10 occurrences in 1 service, 2024-05-02T00:00:00Z … 2024-05-02T05:00:00Z',
    );
    assert.equal(lines[2], 'Top 1 by occurrences');
    assert.equal(
      lines[4],
      `${'10'.padStart(9)}  ${'2.00'.padStart(9)}  33333333  ${'search'.padEnd(16)}  TypeError: boom`,
    );
    const service = [
      'search'.padEnd(20),
      '1'.padStart(7),
      '10'.padStart(11),
      '2024-05-02T00:00:00Z',
    ];
    assert.equal(lines.at(-2), [...service, '2024-05-02T05:00:00Z', '2.00'.padStart(9)].join('  '));
  });
});
