import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ExportResultCode } from '@opentelemetry/core';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { ErrorInfoFileExporter } from '../../../exporters/file/ErrorInfoFileExporter.ts';
import { TestDiagCapture } from '../../store/TestDiagCapture.ts';
import {
  exportResult,
  openLedger,
  parseAmount,
  pipelineOf,
  recordIn,
  thrownBy,
} from '../exporterPipeline.ts';
import { readReports, removeTemp, tempDir } from './reportFiles.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const NOBODY = 65534;

interface ChildOutcome {
  code: number;
  error: string | null;
  warnings: string[];
}

/** Runs `fixtures/writeOne.ts` on `dir` and returns what it printed (asserting it exited cleanly). */
function writeOneInChild(dir: string, options: SpawnSyncOptions = {}, shell = ''): ChildOutcome {
  const script = path.join(FIXTURES, 'writeOne.ts');
  const child =
    shell === ''
      ? spawnSync(process.execPath, [script, dir], { encoding: 'utf8', ...options })
      : spawnSync('sh', ['-c', `${shell}; exec "$0" "$@"`, process.execPath, script, dir], {
          encoding: 'utf8',
          ...options,
        });
  assert.equal(child.status, 0, String(child.stderr));
  return JSON.parse(String(child.stdout)) as ChildOutcome;
}

/** Spans carrying one report each of two bugs. */
function spansWithExceptions() {
  const memory = new InMemorySpanExporter();
  const { tracer } = pipelineOf(memory);
  recordIn(
    tracer,
    thrownBy(() => parseAmount('a')),
  );
  recordIn(
    tracer,
    thrownBy(() => openLedger('b')),
  );
  return memory.getFinishedSpans();
}

describe('ErrorInfoFileExporter when the disk says no', () => {
  let root: string;
  let diag: TestDiagCapture;
  beforeEach(() => {
    root = tempDir();
    diag = new TestDiagCapture().install();
  });
  afterEach(() => {
    diag.uninstall();
    removeTemp(root);
  });

  describe('a path below a regular file', () => {
    it('should fail the export and warn through diag, without throwing', async () => {
      const file = path.join(root, 'not-a-dir');
      fs.writeFileSync(file, '');
      const exporter = new ErrorInfoFileExporter({ path: path.join(file, 'reports') });
      const result = await exportResult(exporter, spansWithExceptions());
      assert.equal(result.code, ExportResultCode.FAILED);
      assert.match(result.error?.message ?? '', /2 of 2 reports not written/);
      assert.ok(
        diag.of('warn').some(message => message.includes('ENOTDIR')),
        diag.messages.join('\n'),
      );
      await exporter.shutdown();
    });
  });

  describe('a read-only directory', () => {
    it('should fail the export and warn through diag, without throwing', () => {
      const dir = path.join(root, 'reports');
      fs.mkdirSync(dir);
      const asRoot = process.getuid?.() === 0;
      // root writes anywhere: the writer runs as nobody; others lose the write bit.
      fs.chmodSync(root, 0o755);
      fs.chmodSync(dir, asRoot ? 0o755 : 0o500);
      const outcome = writeOneInChild(dir, asRoot ? { uid: NOBODY, gid: NOBODY } : {});
      assert.equal(outcome.code, ExportResultCode.FAILED);
      assert.ok(
        outcome.warnings.some(message => message.includes('EACCES')),
        outcome.warnings.join('\n'),
      );
      assert.equal(readReports(dir).size, 0);
    });
  });

  describe('a full disk (a 1 KiB file size limit: writes fail with EFBIG)', () => {
    it('should fail the export and warn through diag, without throwing', () => {
      const outcome = writeOneInChild(path.join(root, 'reports'), {}, 'ulimit -f 1');
      assert.equal(outcome.code, ExportResultCode.FAILED);
      assert.ok(
        outcome.warnings.some(message => message.includes('EFBIG')),
        outcome.warnings.join('\n'),
      );
    });
  });

  describe('the directory deleted underneath', () => {
    it('should create it again for the next report', async () => {
      const dir = path.join(root, 'reports');
      const exporter = new ErrorInfoFileExporter({ path: dir, fsync: false, flushIntervalMs: 0 });
      const spans = spansWithExceptions();
      assert.equal(
        (await exportResult(exporter, spans.slice(0, 1))).code,
        ExportResultCode.SUCCESS,
      );
      fs.rmSync(dir, { recursive: true });
      assert.equal((await exportResult(exporter, spans.slice(1))).code, ExportResultCode.SUCCESS);
      assert.deepEqual(
        [...readReports(dir).values()].map(report => report.exception.type),
        ['RangeError'],
      );
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      await exporter.shutdown();
    });

    it('should write the next occurrence of a bug whose file vanished while counting', async () => {
      const dir = path.join(root, 'reports');
      const exporter = new ErrorInfoFileExporter({ path: dir, fsync: false });
      const memory = new InMemorySpanExporter();
      const { tracer } = pipelineOf(memory);
      for (const text of ['a', 'b', 'c'])
        recordIn(
          tracer,
          thrownBy(() => parseAmount(text)),
        );
      const [first, second, third] = memory.getFinishedSpans();
      await exportResult(exporter, [first!]);
      fs.rmSync(dir, { recursive: true });
      await exportResult(exporter, [second!]);
      await exporter.forceFlush();
      const result = await exportResult(exporter, [third!]);
      assert.equal(result.code, ExportResultCode.SUCCESS);
      assert.deepEqual(
        [...readReports(dir).values()].map(report => report.exception.message),
        ['not an amount: c'],
      );
      await exporter.shutdown();
    });
  });
});

describe('ErrorInfoFileExporter in a process that crashes', () => {
  it('should leave the report with every occurrence counted after the exit', () => {
    const root = tempDir();
    try {
      const dir = path.join(root, 'reports');
      const child = spawnSync(process.execPath, [path.join(FIXTURES, 'crash.ts'), dir], {
        encoding: 'utf8',
      });
      assert.equal(child.status, 1);
      assert.match(child.stderr, /TypeError: not an amount: crash/);
      const reports = [...readReports(dir).values()];
      assert.deepEqual(
        reports.map(report => [report.exception.type, report.count]),
        [['TypeError', 3]],
      );
    } finally {
      removeTemp(root);
    }
  });
});
