import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { StackFrame } from '../../src/stack/StackFrame.ts';
import { parseStack } from '../../src/stack/parseStack.ts';

const SEED = 20240611;

const corpus = JSON.parse(
  readFileSync(new URL('../fixtures/stack/peer-stack-corpus.json', import.meta.url), 'utf8'),
) as { stack: string }[];
const realLines = [...new Set(corpus.flatMap(e => e.stack.split('\n')))].filter(
  l => l.length < 2000,
);

// Pieces that steer the parser into its branches.
const tokens = [
  '(',
  ')',
  ':',
  '::',
  ' ',
  '    at ',
  'at ',
  'async ',
  'new ',
  ' [as x]',
  ']',
  'eval at ',
  ', ',
  '<anonymous>',
  'native',
  'index 1',
  'Promise.all',
  ':wasm-function[1]:0x1f',
  ':1',
  ':0',
  ':12:34',
  '\n',
  '\r\n',
  'file:///a.mjs',
  'node:fs',
  'C:\\a',
  'unknown source',
  '%20',
  '\u0000',
  '9'.repeat(20),
];

const piece = fc.oneof(
  fc.constantFrom(...realLines),
  fc.constantFrom(...tokens),
  fc.string({ maxLength: 8 }),
);

/** A real line with a few random insertions and deletions. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(...realLines),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...tokens)), { maxLength: 4 }),
  )
  .map(([line, edits]) =>
    edits.reduce((text, [at, cut, insert]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + cut);
    }, line),
  );

const position = (n: number | null): boolean => n === null || (Number.isSafeInteger(n) && n > 0);

function assertWellFormed(frames: StackFrame[]): void {
  for (const f of frames) {
    assert.ok(f.function === null || (typeof f.function === 'string' && f.function !== ''));
    assert.ok(f.alias === null || typeof f.alias === 'string');
    assert.ok(f.file === null || typeof f.file === 'string');
    assert.ok(position(f.line), `line ${f.line}`);
    assert.ok(position(f.column) || f.column === 0, `column ${f.column}`);
    assert.ok(f.line !== null || f.column === null, 'a column needs a line');
    for (const flag of [f.async, f.isConstructor, f.native, f.eval])
      assert.equal(typeof flag, 'boolean');
    assert.ok(
      f.promiseIndex === null || (Number.isSafeInteger(f.promiseIndex) && f.promiseIndex >= 0),
    );
    assert.equal(f.evalOrigin !== null, f.eval);
    if (f.evalOrigin)
      assert.ok(
        position(f.evalOrigin.line) && (position(f.evalOrigin.column) || f.evalOrigin.column === 0),
      );
    if (f.native) assert.equal(f.file, null);
  }
}

function check(stack: string, message?: string): void {
  assertWellFormed(parseStack(stack, message === undefined ? {} : { message }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median time of a few runs, each parsing the input several times to rise above timer noise. */
function timeParse(stack: string, message?: string): number {
  const samples: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    for (let i = 0; i < 4; i++) parseStack(stack, message === undefined ? {} : { message });
    samples.push(performance.now() - started);
  }
  return median(samples) / 4;
}

// Each builds an adversarial input of about n characters.
const adversarial: [string, (n: number) => string][] = [
  ['open parens', n => `    at f ${'('.repeat(n)}`],
  ['close parens', n => `    at f (${')'.repeat(n)}`],
  ['colons', n => `    at f (${':'.repeat(n)}1:2)`],
  ['spaces', n => `Error\n    at ${' '.repeat(n)}x`],
  ['at runs', n => 'at '.repeat(Math.ceil(n / 3))],
  ['junk at runs', n => `Error\n${' at ('.repeat(Math.ceil(n / 5))}`],
  ['digits', n => `    at f (/a.js:${'1'.repeat(n)})`],
  ['colon digits', n => `    at ${':1'.repeat(n / 2)}`],
  [
    'nested eval',
    n => `    at f (${'eval at a ('.repeat(n / 12)}x:1:2${')'.repeat(n / 12)}, <anonymous>:1:2)`,
  ],
  ['space parens', n => `    at ${' ('.repeat(n / 2)}/a.js:1:2`],
  ['syntax location', n => `${'a'.repeat(n)}:1\n    at f (/a.js:1:2)`],
  ['many lines', n => '    at f (/a.js:1:2)\n'.repeat(n / 20)],
  ['message search', n => `${'ab'.repeat(n / 2)}\n    at f (/a.js:1:2)`],
];

describe('parseStack', () => {
  describe('fuzzing', () => {
    it('should never throw and give well-formed frames for arbitrary strings', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.option(fc.string({ maxLength: 20 })),
          (stack, message) => check(stack, message ?? undefined),
        ),
        { seed: SEED, numRuns: 4000 },
      );
    });

    it('should never throw and give well-formed frames for concatenated stack pieces', () => {
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 12 }), parts => check(parts.join(''))),
        { seed: SEED, numRuns: 4000 },
      );
    });

    it('should never throw and give well-formed frames for mutated real lines', () => {
      fc.assert(
        fc.property(fc.array(mutatedLine, { minLength: 1, maxLength: 6 }), lines =>
          check(`Error: m\n${lines.join('\n')}`, 'm'),
        ),
        { seed: SEED, numRuns: 4000 },
      );
    });
  });

  describe('linear time', () => {
    for (const [what, build] of adversarial) {
      it(`should parse 100 KB of ${what} fast and in linear time`, () => {
        const message = what === 'message search' ? `${'ab'.repeat(500)}c` : undefined;
        const small = build(10_000);
        const large = build(100_000);
        timeParse(small, message);
        const tSmall = timeParse(small, message);
        const tLarge = timeParse(large, message);
        assert.ok(tLarge < 250, `${what}: ${tLarge.toFixed(2)} ms for 100 KB`);
        // Linear is 10×, quadratic 100×: 30× leaves room for a loaded machine. The floor keeps sub-0.25 ms
        // timings (timer and scheduler noise) from failing the ratio.
        assert.ok(
          tLarge <= 30 * Math.max(tSmall, 0.25),
          `${what}: 10 KB ${tSmall.toFixed(3)} ms, 100 KB ${tLarge.toFixed(3)} ms`,
        );
      });
    }
  });
});
