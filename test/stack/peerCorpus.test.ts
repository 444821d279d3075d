/**
 * Every entry of the peer stack corpus (test/fixtures/stack/peer-stack-corpus.json, a copy of
 * shared/testdata) is a test: our frames, read through the adapter of the entry's source (see
 * peerCorpusAdapters.ts), must equal every field the source asserts, and the frame count must match.
 *
 * Excluded — no entry is. Left out at field level only:
 *
 * | what                                   | entries                      | why                                                                                   |
 * |----------------------------------------|------------------------------|---------------------------------------------------------------------------------------|
 * | `wasm_function_index`                  | sentry-browser-chromium-16   | StackFrame has no wasm fields (V8's CallSite API does not expose the index either); `wasm_offset` is checked through `column` |
 * | `syntax_error_location`, `asserted`, `file_relative_not_asserted` | node-stack-trace-10, error-stack-parser-03, stacktracey-01/03 | annotations of the corpus author, not values any source asserts |
 * | the line without its leading `    at ` | stack-utils-*                | stack-utils also feeds each line to its single-line API without `at `; in V8 text such a line is not a frame |
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseStack } from '../../src/stack/parseStack.ts';
import { adapterFor, stackUtilsRaw, type Expected } from './peerCorpusAdapters.ts';

interface Entry {
  id: string;
  semantics: string;
  stack: string;
  expected: Expected[];
  raw_expected?: Expected;
}

const corpus = JSON.parse(
  readFileSync(new URL('../fixtures/stack/peer-stack-corpus.json', import.meta.url), 'utf8'),
) as Entry[];

const NOT_COMPARED = new Set([
  'wasm_function_index',
  'syntax_error_location',
  'asserted',
  'file_relative_not_asserted',
]);

// The source asserts a length larger than the frames it lists.
const FRAME_COUNT: Record<string, number> = { 'error-stack-parser-08': 8 };

// The source gives a time limit of 1 s for these adversarial inputs.
const TIME_LIMIT_MS: Record<string, number> = {
  'node-stack-trace-23': 1000,
  'node-stack-trace-24': 1000,
};

function compare(id: string, index: number, actual: Expected, expected: Expected): void {
  for (const [key, value] of Object.entries(expected)) {
    if (NOT_COMPARED.has(key)) continue;
    const where = `${id} frame ${index} ${key}`;
    if (key === 'file_startsWith') {
      assert.ok(String(actual.file).startsWith(String(value)), where);
    } else if (key === 'file_pattern') {
      assert.match(String(actual.file), new RegExp(String(value)), where);
    } else {
      assert.ok(key in actual, `${where}: the adapter does not produce this field`);
      assert.deepEqual(actual[key], value, where);
    }
  }
}

describe('parseStack', () => {
  describe('peer stack corpus', () => {
    it('should hold the 137 entries of the shared corpus', () => {
      assert.equal(corpus.length, 137);
      assert.equal(new Set(corpus.map(e => e.id)).size, corpus.length);
    });

    for (const entry of corpus) {
      it(`should match ${entry.id}`, () => {
        const adapter = adapterFor(entry.semantics);
        const started = performance.now();
        const parsed = parseStack(entry.stack);
        const elapsed = performance.now() - started;
        const frames = adapter.frames ? adapter.frames(parsed) : parsed;
        assert.equal(
          frames.length,
          FRAME_COUNT[entry.id] ?? entry.expected.length,
          `${entry.id} frame count`,
        );
        entry.expected.forEach((raw, index) => {
          const frame = frames[index];
          assert.ok(frame, `${entry.id} frame ${index} exists`);
          const expected = adapter.expected ? adapter.expected(raw) : raw;
          compare(entry.id, index, adapter.view(frame), expected);
        });
        if (entry.raw_expected) {
          const frame = frames[0];
          assert.ok(frame);
          compare(entry.id, 0, stackUtilsRaw(frame, null), entry.raw_expected);
        }
        if (entry.id.startsWith('stack-utils-parseLine')) {
          // t.same: stack-utils' result is exactly these keys, no others.
          const cwd = entry.semantics.includes("cwd '/user/dev/project'")
            ? '/user/dev/project'
            : null;
          assert.deepEqual(
            frames.map(f => stackUtilsRaw(f, cwd)),
            entry.expected,
          );
        }
        const limit = TIME_LIMIT_MS[entry.id];
        if (limit !== undefined) assert.ok(elapsed < limit, `${entry.id} took ${elapsed} ms`);
      });
    }
  });
});
