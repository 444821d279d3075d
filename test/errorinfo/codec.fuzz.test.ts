import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ErrorInfoFormatError } from '../../src/errorinfo/ErrorInfoFormatError.ts';
import {
  fromJSON,
  fromJSONGzip,
  toDocument,
  toJSON,
  toJSONGzip,
} from '../../src/errorinfo/codec.ts';
import { anyErrorInfo, anyJson, anyString } from './errorInfoArbitrary.ts';
import { minimalErrorInfo, richErrorInfo } from './sampleErrorInfo.ts';
import { validateErrorInfo } from './schemaValidator.ts';

const SEED = 424242;

/** `fromJSON` either reads the text or throws ErrorInfoFormatError: anything else fails the test. */
function readsOrRefuses(text: string): boolean {
  try {
    fromJSON(text);
    return true;
  } catch (error) {
    if (error instanceof ErrorInfoFormatError) return false;
    throw error;
  }
}

/** Beyond not crashing: JSON the schema accepts is exactly the JSON fromJSON accepts. Returns the verdict. */
function assertAgreesWithSchema(text: string): boolean {
  const accepted = readsOrRefuses(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    assert.equal(accepted, false);
    return false;
  }
  assert.equal(validateErrorInfo(parsed), accepted, text.slice(0, 2000));
  return accepted;
}

type Path = (string | number)[];
type Node = Record<string | number, unknown>;

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key], out);
    }
  }
  return out;
}

const bases = [
  richErrorInfo(),
  minimalErrorInfo(),
  ...fc.sample(anyErrorInfo, { seed: SEED, numRuns: 3 }),
].map(info => {
  const text = toJSON(info);
  return { text, paths: pathsOf(JSON.parse(text)) };
});

const interesting = fc.oneof(
  anyJson,
  anyString,
  fc.constantFrom<unknown>(
    null,
    0,
    -1,
    1.5,
    2 ** 53,
    '',
    true,
    [],
    {},
    '2.0',
    '2.5',
    '1.0',
    '3.0',
    'errorinfo',
    'error',
    'string',
    '2024-05-01T10:00:00Z',
    '20240501T1000+01',
    'f'.repeat(32),
    '0'.repeat(32),
    'f'.repeat(16),
    'F'.repeat(16),
    'dc6180c7-000a-1000-8000-00090000000d',
  ),
);

/** Drop a key (or array item), replace a value, or insert a junk key (or item) anywhere in a valid document. */
interface Mutation {
  base: number;
  pick: number;
  op: 'delete' | 'replace' | 'insert';
  key: string;
  value: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  base: fc.nat({ max: bases.length - 1 }),
  pick: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'insert'),
  key: fc.oneof(
    anyString,
    fc.constantFrom('__proto__', 'constructor', 'extra', 'frames', '$version'),
  ),
  value: interesting,
});

function mutate({ base, pick, op, key, value }: Mutation): string {
  const { text, paths } = bases[base]!;
  const root = JSON.parse(text) as unknown;
  const path = paths[pick % paths.length]!;
  if (path.length === 0 && op !== 'insert') return JSON.stringify(op === 'delete' ? {} : value);
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, segment) => (node as Node)[segment], root) as Node;
  const last = path.at(-1)!;
  const target = path.length === 0 ? root : parent[last];
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (op === 'replace') {
    parent[last] = value;
  } else if (Array.isArray(target)) {
    target.push(value);
  } else if (typeof target === 'object' && target !== null) {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    parent[last] = value;
  }
  return JSON.stringify(root);
}

/** Delete a slice, insert junk, or truncate the text of a valid document. */
const textMutation = fc.record({
  base: fc.nat({ max: bases.length - 1 }),
  at: fc.nat(),
  length: fc.nat({ max: 40 }),
  junk: fc.oneof(
    anyString,
    fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'null', '-0', '1e999'),
  ),
});

/** A report with `frameCount` frames, each with source context and a few locals. */
function reportWithFrames(frameCount: number, localText = 'value'): string {
  const info = minimalErrorInfo();
  const frame = richErrorInfo().frames[0]!;
  info.frames = Array.from({ length: frameCount }, (_, i) => ({
    ...frame,
    line: i,
    source: {
      firstLine: 1,
      currentLine: 4,
      lines: Array.from({ length: 7 }, () => 'const x = y;'),
    },
    locals: { i, text: localText, list: [1, 2, 3] },
  }));
  info.trace = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
  return toJSON(info);
}

/** Best per-call time over a few trials, each long enough for the clock. */
function microsPerCall(run: () => void, calls: number): number {
  let best = Infinity;
  for (let trial = 0; trial < 5; trial++) {
    const start = process.hrtime.bigint();
    for (let call = 0; call < calls; call++) run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / calls);
  }
  return best;
}

describe('ErrorInfo codec fuzz', () => {
  describe('hostile input', () => {
    it('should read or refuse arbitrary JSON values (3,000 cases)', () => {
      fc.assert(
        fc.property(anyJson, value => void assertAgreesWithSchema(JSON.stringify(value))),
        { seed: SEED, numRuns: 3000 },
      );
    });

    it('should read or refuse arbitrary strings and JSON-ish texts (3,000 cases)', () => {
      fc.assert(
        fc.property(fc.oneof(anyString, fc.json(), fc.string({ unit: 'binary-ascii' })), text => {
          readsOrRefuses(text);
        }),
        { seed: SEED, numRuns: 3000 },
      );
    });

    it('should agree with the schema on mutated documents (4,000 cases)', () => {
      const verdicts = { true: 0, false: 0 };
      fc.assert(
        fc.property(mutation, change => {
          verdicts[`${assertAgreesWithSchema(mutate(change))}`]++;
        }),
        { seed: SEED, numRuns: 4000 },
      );
      // Both sides of the agreement must be exercised, not only refusals.
      assert.ok(verdicts.true > 400 && verdicts.false > 400, JSON.stringify(verdicts));
    });

    it('should agree with the schema on corrupted texts (1,000 cases)', () => {
      fc.assert(
        fc.property(textMutation, ({ base, at, length, junk }) => {
          const { text } = bases[base]!;
          const cut = at % (text.length + 1);
          void assertAgreesWithSchema(text.slice(0, cut) + junk + text.slice(cut + length));
        }),
        { seed: SEED, numRuns: 1000 },
      );
    });
  });

  describe('round trip', () => {
    it('should read back every valid ErrorInfo exactly, as schema-valid JSON (500 cases)', () => {
      fc.assert(
        fc.property(anyErrorInfo, info => {
          assert.ok(validateErrorInfo(toDocument(info)), JSON.stringify(validateErrorInfo.errors));
          assert.deepStrictEqual(fromJSON(toJSON(info)), info);
        }),
        { seed: SEED, numRuns: 500 },
      );
    });

    it('should read back every valid ErrorInfo through gzip (100 cases)', () => {
      fc.assert(
        fc.property(anyErrorInfo, info =>
          assert.deepStrictEqual(fromJSONGzip(toJSONGzip(info)), info),
        ),
        { seed: SEED, numRuns: 100 },
      );
    });
  });

  describe('linear time', () => {
    // Each shape at ~10 KB and ~100 KB: 10× the input may cost 10× the time, bounded at 30×.
    const KB = 1000;
    const shapes: [string, (kb: number) => string][] = [
      ['many frames', kb => reportWithFrames(Math.round(kb * 1.6))],
      ['one long local', kb => reportWithFrames(1, 'x'.repeat(kb * KB))],
      [
        'a long date fraction',
        kb => reportWithFrames(1).replace('00.000Z', `00.${'1'.repeat(kb * KB)}Z`),
      ],
      [
        'a syntax error at the end',
        kb => `${reportWithFrames(Math.round(kb * 1.6)).slice(0, -1)}x`,
      ],
      [
        'a long bad trace id',
        kb => reportWithFrames(1).replace('4bf92f3577b34da6a3ce929d0e0e4736', 'a'.repeat(kb * KB)),
      ],
    ];
    for (const [label, build] of shapes) {
      it(`should take about linear time on ${label}`, () => {
        const small = build(10);
        const large = build(100);
        assert.ok(
          large.length > 8 * small.length && large.length < 12 * small.length,
          `${small.length} → ${large.length}`,
        );
        const read = (text: string) => () => void readsOrRefuses(text);
        const ratio = microsPerCall(read(large), 10) / microsPerCall(read(small), 100);
        assert.ok(ratio < 30, `100 KB took ${ratio.toFixed(1)}× the time of 10 KB`);
      });
    }
  });
});
