import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import {
  TracebackExporter,
  type TracebackExporterOptions,
  type TracebackStream,
} from '../../../exporters/traceback/TracebackExporter.ts';
import type { ResolvedFormatOptions } from '../../../src/format/FormatOptions.ts';
import { TestDiagCapture } from '../../store/TestDiagCapture.ts';
import {
  exportResult,
  openLedger,
  parseAmount,
  pipelineOf,
  recordIn,
  thrownBy,
} from '../exporterPipeline.ts';

/** A stream that keeps what is written. */
class TestStream implements TracebackStream {
  readonly chunks: string[] = [];
  isTTY = false;
  write(text: string): boolean {
    this.chunks.push(text);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

/** Prints `parseAmount('a')`'s exception through a TracebackExporter with these options. */
function printed(options: TracebackExporterOptions): string {
  const stream = new TestStream();
  const { tracer } = pipelineOf(new TracebackExporter({ color: false, stream, ...options }));
  recordIn(
    tracer,
    thrownBy(() => parseAmount('a')),
  );
  assert.equal(stream.chunks.length, 1);
  return stream.text;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const ESC = String.fromCharCode(27);
const PLACE = String.raw`\(\S+exporterPipeline\.ts:\d+:\d+\)`;

describe('TracebackExporter', () => {
  describe('the built-in formats', () => {
    const cases: [string, RegExp[]][] = [
      [
        'basic',
        [new RegExp(String.raw`^TypeError: not an amount: a\n    at parseAmount ${PLACE}\n`)],
      ],
      [
        'terse',
        [
          new RegExp(`^TypeError: not an amount: a  \\[exporters-test 3\\.2\\.1 · ${UUID}\\]\\n`),
          new RegExp(
            String.raw`\n    at parseAmount ${PLACE}\n +if \(Number\.isNaN\(amount\)\) throw new TypeError\(`,
          ),
          /\n +\^\n/,
        ],
      ],
      [
        'extend',
        [
          /^TypeError: not an amount: a\n/,
          new RegExp(`\\n  service exporters-test 3\\.2\\.1 · fingerprint ${UUID}\\n`),
          /\nTraceback \(most recent call first\):\n/,
          /\n {2}> +\d+ \| {3}if \(Number\.isNaN\(amount\)\) throw new TypeError\(/,
          /\ntrace [0-9a-f]{32} · span [0-9a-f]{16}\n/,
        ],
      ],
    ];
    for (const [format, patterns] of cases) {
      it(`should print '${format}' with its shape, ending in a newline`, () => {
        const text = printed({ format: format as 'basic' });
        for (const pattern of patterns) assert.match(text, pattern);
        assert.ok(text.endsWith('\n'));
        assert.equal(text.includes(`${ESC}[`), false, 'no colour asked');
      });
    }

    it("should default to 'terse'", () => {
      assert.match(printed({}), new RegExp(`^TypeError: not an amount: a  \\[exporters-test`));
    });

    it('should colour when asked', () => {
      assert.ok(printed({ format: 'terse', color: true }).includes(`${ESC}[`));
    });
  });

  describe('a custom formatter', () => {
    it('should receive the report and the resolved options, as a function or an object', () => {
      const seen: ResolvedFormatOptions[] = [];
      const render = (info: { exception: { message: string } }, options: ResolvedFormatOptions) => {
        seen.push(options);
        return `custom: ${info.exception.message}`;
      };
      assert.equal(printed({ format: render, contextLines: 2 }), 'custom: not an amount: a\n');
      assert.deepEqual([seen[0]?.color, seen[0]?.contextLines], [false, 2]);
      assert.equal(printed({ format: { format: render } }), 'custom: not an amount: a\n');
    });

    it("should fall back to 'basic' when it throws", () => {
      const diag = new TestDiagCapture().install();
      try {
        const text = printed({
          format: () => {
            throw new Error('broken formatter');
          },
        });
        assert.match(text, /^\[otel-err\] formatter failed \(Error: broken formatter\)/);
        assert.match(text, /\nTypeError: not an amount: a\n {4}at parseAmount /);
      } finally {
        diag.uninstall();
      }
    });

    it('should refuse an unknown format at construction, naming the option', () => {
      assert.throws(
        () => new TracebackExporter({ format: 'fancy' as 'terse' }),
        (error: unknown) =>
          error instanceof TypeError && /Invalid option `format: 'fancy'`/.test(error.message),
      );
    });
  });

  describe('several exceptions', () => {
    it('should print each once, in one write', () => {
      const stream = new TestStream();
      const memory = new InMemorySpanExporter();
      const { tracer } = pipelineOf(memory);
      const error = thrownBy(() => openLedger('main'));
      const parent = tracer.startSpan('request');
      const child = tracer.startSpan('load', {}, trace.setSpan(context.active(), parent));
      child.recordException(error);
      child.end();
      recordIn(
        tracer,
        thrownBy(() => parseAmount('z')),
      );
      parent.recordException(error);
      parent.end();
      const exporter = new TracebackExporter({ format: 'basic', stream, color: false });
      exporter.export(memory.getFinishedSpans(), () => {});
      assert.equal(stream.chunks.length, 1);
      assert.deepEqual(
        stream.text.split('\n').filter(line => /^\w*Error: /.test(line)),
        ['RangeError: no ledger named main', 'TypeError: not an amount: z'],
      );
    });
  });

  describe('the stream', () => {
    let diag: TestDiagCapture;
    beforeEach(() => {
      diag = new TestDiagCapture().install();
    });
    afterEach(() => {
      diag.uninstall();
      mock.restoreAll();
    });

    it('should be process.stderr by default', () => {
      const writes: string[] = [];
      mock.method(process.stderr, 'write', (text: string) => writes.push(text) > 0);
      const { tracer } = pipelineOf(new TracebackExporter({ format: 'basic' }));
      recordIn(
        tracer,
        thrownBy(() => parseAmount('q')),
      );
      mock.restoreAll();
      assert.match(writes.join(''), /^TypeError: not an amount: q\n/);
    });

    it('should fail the export, not the app, when it throws', async () => {
      const stream = {
        write: (): never => {
          throw new Error('EPIPE');
        },
      };
      const memory = new InMemorySpanExporter();
      const { tracer } = pipelineOf(memory);
      recordIn(
        tracer,
        thrownBy(() => parseAmount('a')),
      );
      const exporter = new TracebackExporter({ stream });
      const result = await exportResult(exporter, memory.getFinishedSpans());
      assert.equal(result.code, ExportResultCode.FAILED);
      assert.equal(result.error?.message, 'EPIPE');
      assert.ok(diag.of('warn').some(message => message.startsWith('TracebackExporter:')));
      await exporter.shutdown();
      assert.equal((await exportResult(exporter, [])).code, ExportResultCode.FAILED);
    });
  });
});
