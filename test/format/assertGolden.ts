// Golden-file check for formatter output. Regenerate every golden with:
//   UPDATE_GOLDEN=1 node_modules/.bin/node --test 'test/format/*.test.ts'
// then read the diff before committing it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../fixtures/format/', import.meta.url);

/** The output as stored: each ESC byte written as `<ESC>` so coloured goldens stay readable. */
export function readable(output: string): string {
  return `${output.replaceAll('\x1b', '<ESC>')}\n`;
}

/** Asserts `output` equals the golden `<name>.txt`, or rewrites the golden when UPDATE_GOLDEN=1. */
export function assertGolden(name: string, output: string): void {
  const file = new URL(`${name}.txt`, dir);
  const actual = readable(output);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `missing golden ${name}.txt: run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from golden ${name}.txt`);
}
