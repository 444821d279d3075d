import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { format } from '../../src/format/format.ts';
import {
  defaultFormatOptions,
  type ResolvedFormatOptions,
} from '../../src/format/FormatOptions.ts';
import { infos, tsService } from '../fixtures/format/infos.ts';

/** Collects diag warnings for the test that installs it. */
function spyDiag(): string[] {
  const warnings: string[] = [];
  const ignore = (): void => {};
  const logger: DiagLogger = {
    error: ignore,
    warn: (message: string) => warnings.push(message),
    info: ignore,
    debug: ignore,
    verbose: ignore,
  };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return warnings;
}

describe('format', () => {
  let warnings: string[] = [];
  beforeEach(() => {
    warnings = spyDiag();
  });
  afterEach(() => {
    diag.disable();
  });

  describe('choosing a formatter', () => {
    it('should default to terse', () => {
      assert.equal(
        format(tsService, undefined, { color: false }),
        format(tsService, 'terse', { color: false }),
      );
    });

    for (const name of ['basic', 'terse', 'extend'] as const) {
      it(`should render with '${name}'`, () => {
        assert.match(
          format(tsService, name, { color: false }),
          /^TypeError: Cannot read properties of null/,
        );
      });
    }

    it('should call a custom function with the resolved options', () => {
      let seen: ResolvedFormatOptions | undefined;
      const out = format(
        tsService,
        (info, options) => {
          seen = options;
          return `custom ${info.exception.type}`;
        },
        { color: true, contextLines: 2 },
      );
      assert.equal(out, 'custom TypeError');
      assert.deepEqual(seen, { ...defaultFormatOptions, color: true, contextLines: 2 });
    });

    it('should call a formatter object with its own this', () => {
      const formatter = {
        prefix: '>> ',
        format(info: ErrorInfo): string {
          return this.prefix + info.exception.message;
        },
      };
      assert.equal(
        format(tsService, formatter, { color: false }),
        ">> Cannot read properties of null (reading 'rate')",
      );
    });
  });

  describe('invalid formatter', () => {
    const table: [string, unknown, RegExp][] = [
      [
        'an unknown name',
        'fancy',
        /Invalid formatter: 'fancy'\. Use one of 'basic', 'terse', 'extend', a function/,
      ],
      ['a name in the wrong case', 'Terse', /Invalid formatter: 'Terse'/],
      ['an inherited property name', 'toString', /Invalid formatter: 'toString'/],
      ['null', null, /Invalid formatter: null\./],
      ['a number', 42, /Invalid formatter: 42\./],
      ['an object without format', { render: () => '' }, /Invalid formatter: \[object Object\]/],
      ['a name with escape codes', '\x1b[31m', /Invalid formatter: '\\x1b\[31m'/],
    ];
    for (const [scenario, value, message] of table) {
      it(`should throw a TypeError for ${scenario}`, () => {
        assert.throws(() => format(tsService, value as 'terse'), { name: 'TypeError', message });
      });
    }
  });

  describe('custom formatter failures', () => {
    it('should fall back to basic with a one-line note when the formatter throws', () => {
      const out = format(
        tsService,
        () => {
          throw new RangeError('boom');
        },
        { color: false },
      );
      const [note, ...rest] = out.split('\n');
      assert.equal(
        note,
        "[otel-err] formatter failed (RangeError: boom); printed with 'basic' instead",
      );
      assert.equal(rest.join('\n'), format(tsService, 'basic', { color: false }));
      assert.deepEqual(warnings, ['format: the formatter failed (RangeError: boom); falling back']);
    });

    it('should fall back when the formatter returns something that is not a string', () => {
      const out = format(tsService, (() => undefined) as unknown as () => string, { color: false });
      assert.match(
        out,
        /^\[otel-err\] formatter failed \(TypeError: returned undefined, not a string\)/,
      );
    });

    it('should survive a thrown value whose toString throws', () => {
      const out = format(
        tsService,
        () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- a non-Error throw is the case under test
          throw {
            toString: () => {
              throw new Error('nope');
            },
          };
        },
        { color: false },
      );
      assert.match(out, /^\[otel-err\] formatter failed \(an unprintable value\)/);
    });

    it('should escape a hostile error message in the note', () => {
      const out = format(
        tsService,
        () => {
          throw new Error('\x1b[2J');
        },
        { color: false },
      );
      assert.match(out.split('\n')[0] ?? '', /\(Error: \\x1b\[2J\)/);
    });

    it('should still return the type and message when the report breaks basic too', () => {
      const broken = { ...tsService, frames: 7 } as unknown as ErrorInfo;
      const out = format(
        broken,
        () => {
          throw new Error('custom');
        },
        { color: false },
      );
      assert.match(
        out,
        /basic failed too: TypeError: Cannot read properties of null \(reading 'rate'\)$/,
      );
    });
  });

  describe('colour', () => {
    it('should follow FORCE_COLOR and NO_COLOR when color is not given', () => {
      const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
      try {
        delete process.env.NO_COLOR;
        process.env.FORCE_COLOR = '1';
        assert.ok(format(tsService).includes('\x1b[31m'));
        process.env.NO_COLOR = '1';
        assert.ok(!format(tsService).includes('\x1b'));
      } finally {
        for (const [key, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
      }
    });
  });

  describe('chain limits', () => {
    it('should stop at maxChainDepth and say how much was left out', () => {
      const out = format(infos.causeChain, 'terse', { color: false, maxChainDepth: 1 });
      assert.match(out, /\[cause\] RepositoryError/);
      assert.doesNotMatch(out, /DatabaseError/);
      assert.match(out, /… 1 nested exception\(s\) not shown \(depth limit\)/);
    });

    it('should say when the chain was cut at capture', () => {
      const cut = { ...tsService, exception: { ...tsService.exception, truncated: true } };
      for (const name of ['basic', 'terse', 'extend'] as const) {
        assert.match(format(cut, name, { color: false }), /chain cut when captured/, name);
      }
    });
  });

  describe('odd reports', () => {
    const odd: [string, ErrorInfo][] = [
      [
        'no frames and an empty message',
        { ...tsService, frames: [], exception: { ...tsService.exception, message: '' } },
      ],
      [
        'an invalid date and a negative count',
        { ...tsService, timestamp: new Date(Number.NaN), count: -1 },
      ],
      [
        'source whose current line is outside its lines',
        {
          ...tsService,
          frames: tsService.frames.map(f => ({
            ...f,
            source: f.source && { ...f.source, currentLine: 9999 },
          })),
        },
      ],
      [
        'empty source lines',
        {
          ...tsService,
          frames: tsService.frames.map(f => ({
            ...f,
            source: f.source && { ...f.source, lines: [] },
          })),
        },
      ],
      [
        'huge locals',
        {
          ...tsService,
          frames: tsService.frames.map(f => ({
            ...f,
            locals: {
              big: 'x'.repeat(2_000_000),
              many: Array.from({ length: 100_000 }, (_, i) => i),
            },
          })),
        },
      ],
    ];
    for (const [scenario, info] of odd) {
      it(`should render ${scenario} with every formatter without falling back`, () => {
        for (const name of ['basic', 'terse', 'extend'] as const) {
          const out = format(info, name, { color: false });
          assert.doesNotMatch(out, /formatter failed/, name);
          assert.ok(
            out.split('\n').every(line => line.length <= 400),
            `${name}: a line is too long`,
          );
        }
      });
    }
  });
});
