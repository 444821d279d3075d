import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCaptures, type Capture } from './fixtureApp.ts';
import { groupingQuality, type GroupedSample } from './groupingQuality.ts';
import { ZOO_BUGS, writeZoo, type ZooInstall } from './zooGenerator.ts';

const INSTALLS: Record<ZooInstall, string> = {
  original: 'zoo/app',
  elsewhere: 'srv/deploy/releases/42/app',
  edited: 'edited/app',
};
const VARIANTS = ['base', 'message', 'version', 'path', 'elsewhere', 'edited'];

let root = '';
const captures: Capture[] = [];

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'otel-err-zoo-'));
  const runs = Object.entries(INSTALLS).map(async ([install, dir]) => {
    await writeZoo(join(root, dir), install as ZooInstall);
    const run = await runCaptures(join(root, dir, 'main.mjs'));
    captures.push(...run.values());
  });
  await Promise.all(runs);
});

after(async () => {
  if (root !== '') await rm(root, { recursive: true, force: true });
});

describe('fingerprint grouping quality (zoo)', () => {
  describe('generated bugs', () => {
    it('should hold at least 50 distinct bugs, each captured in every variant', () => {
      assert.ok(ZOO_BUGS.length >= 50, `${ZOO_BUGS.length} bugs`);
      const labels = new Set(captures.map(capture => capture.label));
      for (const bug of ZOO_BUGS)
        for (const variant of VARIANTS) assert.ok(labels.has(`${bug}/${variant}`));
      assert.equal(captures.length, ZOO_BUGS.length * VARIANTS.length);
    });
  });

  describe('pairwise precision and recall', () => {
    it('should both be at least 0.98', () => {
      const samples: GroupedSample[] = captures.map(c => ({
        bug: c.label.slice(0, c.label.lastIndexOf('/')),
        id: c.fingerprint,
      }));
      const quality = groupingQuality(samples);
      console.log(
        `zoo: ${ZOO_BUGS.length} bugs, ${samples.length} samples, ${quality.pairs} pairs; ` +
          `precision ${quality.precision.toFixed(4)} (${quality.mergedPairs} merged pairs), ` +
          `recall ${quality.recall.toFixed(4)} (${quality.splitPairs} split pairs)`,
      );
      assert.ok(quality.precision >= 0.98, `precision ${quality.precision}: ${mistakes(samples)}`);
      assert.ok(quality.recall >= 0.98, `recall ${quality.recall}: ${mistakes(samples)}`);
    });
  });
});

// Names the bugs that were split or merged, so a failure says where to look.
function mistakes(samples: readonly GroupedSample[]): string {
  const idsOfBug = new Map<string, Set<string>>();
  const bugsOfId = new Map<string, Set<string>>();
  for (const { bug, id } of samples) {
    idsOfBug.set(bug, (idsOfBug.get(bug) ?? new Set()).add(id));
    bugsOfId.set(id, (bugsOfId.get(id) ?? new Set()).add(bug));
  }
  const split = [...idsOfBug].filter(([, ids]) => ids.size > 1).map(([bug]) => bug);
  const merged = [...bugsOfId.values()]
    .filter(bugs => bugs.size > 1)
    .map(bugs => [...bugs].join(' + '));
  return `split: ${split.join(', ') || 'none'}; merged: ${merged.join('; ') || 'none'}`;
}
