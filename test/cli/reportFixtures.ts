import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ErrorInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import { toJSON } from '../../src/errorinfo/codec.ts';
import { ErrorInfoStore } from '../../src/store/ErrorInfoStore.ts';
import { minimalErrorInfo, sampleFrame } from '../errorinfo/sampleErrorInfo.ts';

/** The static fixtures of the CLI tests. */
export const FIXTURES = path.join(import.meta.dirname, '../fixtures/cli');

/** A fresh temporary directory (mode 0755, so that a child running as another user can read it). */
export function tempDir(prefix = 'err-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Overrides of `report()`. */
export interface ReportSpec {
  fingerprint: string;
  service?: string;
  type?: string;
  message?: string;
  lastSeen?: string;
  firstSeen?: string;
  count?: number;
  place?: string;
}

/** A realistic report: an in-app frame with source context, a library frame, a trace. */
export function report(spec: ReportSpec): ErrorInfo {
  const last = new Date(spec.lastSeen ?? '2024-05-01T10:00:00.000Z');
  const place = spec.place ?? '/srv/app/src/orders.ts';
  const frames: Frame[] = [
    sampleFrame({
      function: 'createOrder',
      file: place,
      line: 42,
      column: 7,
      module: 'app:orders',
      inApp: true,
      source: {
        firstLine: 41,
        currentLine: 42,
        lines: ['  const id = order.id;', '  return save(order.items);', '}'],
      },
      locals: { order: { id: 7 } },
    }),
    sampleFrame({
      function: 'Layer.handle',
      file: '/srv/app/node_modules/express/lib/layer.js',
      line: 95,
      column: 5,
    }),
  ];
  const base = minimalErrorInfo();
  return {
    ...base,
    fingerprint: spec.fingerprint,
    name: spec.service ?? 'checkout',
    version: '1.2.3',
    timestamp: last,
    count: spec.count ?? 1,
    firstSeen: new Date(spec.firstSeen ?? last.toISOString()),
    lastSeen: last,
    exception: {
      ...base.exception,
      type: spec.type ?? 'TypeError',
      message: spec.message ?? 'boom',
    },
    frames,
    trace: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' },
  };
}

/** Writes reports through the real store (which maintains the index). */
export function writeWithStore(dir: string, infos: readonly ErrorInfo[], compress = false): void {
  const store = new ErrorInfoStore({ path: dir, fsync: false, compress: compress ? 'gzip' : null });
  for (const info of infos) store.writeSync(info);
  store.close();
}

/** Writes a report file directly, as a foreign writer would (no index update). */
export function writeRaw(dir: string, info: ErrorInfo, gzip = false): string {
  const name = `${info.fingerprint}.json${gzip ? '.gz' : ''}`;
  fs.writeFileSync(path.join(dir, name), gzip ? gzipSync(toJSON(info)) : toJSON(info));
  return name;
}

/** Copies a static fixture into `dir` (under another name if given). */
export function copyFixture(dir: string, fixture: string, as = fixture): string {
  fs.copyFileSync(path.join(FIXTURES, fixture), path.join(dir, as));
  return as;
}
