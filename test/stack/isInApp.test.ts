import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StackFrame } from '../../src/stack/StackFrame.ts';
import { isInApp, type InAppRules } from '../../src/stack/isInApp.ts';
import { stackFrame } from '../helpers/model.ts';

type Fields = Partial<StackFrame>;

function at(file: string | null, fields: Fields = {}): StackFrame {
  const located = file === null ? null : 1;
  return stackFrame({
    function: 'f',
    file,
    line: located,
    column: located,
    native: file === null,
    ...fields,
  });
}

function evalFrom(originFile: string | null): StackFrame {
  return at('<anonymous>', {
    eval: true,
    evalOrigin: { function: 'g', file: originFile, line: 3, column: 4 },
  });
}

const GLOBAL = /\.test\.js$/g;

const cases: [string, StackFrame, InAppRules, boolean][] = [
  ['an absolute path', at('/app/src/a.js'), {}, true],
  ['a file:// URL', at('file:///app/src/a.mjs'), {}, true],
  ['a Windows path', at('C:\\app\\a.js'), {}, true],
  ['a bundler URL', at('webpack:///./src/a.ts'), {}, true],
  ['a relative ./ path', at('./src/a.js'), {}, true],
  ['a built-in', at(null), {}, false],
  ['Promise.all', at(null, { function: 'Promise.all', promiseIndex: 0, async: true }), {}, false],
  ['node: internals', at('node:internal/process/task_queues'), {}, false],
  ['old internal/ paths', at('internal/modules/cjs/loader.js'), {}, false],
  ['old core modules', at('events.js'), {}, false],
  ['vm scripts', at('evalmachine.<anonymous>'), {}, false],
  ['node_modules', at('/app/node_modules/pkg/a.js'), {}, false],
  ['node_modules in a file:// URL', at('file:///app/node_modules/pkg/a.mjs'), {}, false],
  ['Windows node_modules', at('C:\\app\\node_modules\\pkg\\a.js'), {}, false],
  ['a data: URL', at('data:text/javascript,1'), {}, false],
  ['inside rootDir', at('/app/src/a.js'), { rootDir: '/app' }, true],
  ['outside rootDir', at('/other/a.js'), { rootDir: '/app' }, false],
  ['a sibling of rootDir', at('/application/a.js'), { rootDir: '/app' }, false],
  ['a ..-named directory inside rootDir', at('/app/..cache/a.js'), { rootDir: '/app' }, true],
  ['a file:// URL inside rootDir', at('file:///app/a%20b.mjs'), { rootDir: '/app' }, true],
  [
    'Windows paths against a Windows rootDir',
    at('C:\\app\\src\\a.js'),
    { rootDir: 'C:\\app' },
    true,
  ],
  ['Windows paths outside a Windows rootDir', at('D:\\x\\a.js'), { rootDir: 'C:\\app' }, false],
  [
    'a bundler URL with rootDir (no path to compare)',
    at('webpack:///./src/a.ts'),
    { rootDir: '/app' },
    true,
  ],
  ['eval called from the app', evalFrom('/app/src/a.js'), {}, true],
  ['eval called from node_modules', evalFrom('/app/node_modules/p/a.js'), {}, false],
  ['eval with an unknown origin', evalFrom(null), {}, false],
  [
    'include beats node_modules',
    at('/app/node_modules/@acme/x/a.js'),
    { include: ['node_modules/@acme/'] },
    true,
  ],
  [
    'include beats exclude',
    at('/app/src/gen/a.js'),
    { include: [/\/gen\//], exclude: ['/src/'] },
    true,
  ],
  [
    'exclude beats the defaults',
    at('/app/src/generated/a.js'),
    { exclude: ['/generated/'] },
    false,
  ],
  ['exclude with a RegExp', at('/app/src/a.test.js'), { exclude: [/\.test\.js$/] }, false],
  ['exclude with a /g RegExp, twice', at('/app/src/a.test.js'), { exclude: [GLOBAL] }, false],
  ['exclude with the same /g RegExp again', at('/app/src/b.test.js'), { exclude: [GLOBAL] }, false],
  [
    'include sees the decoded path of a URL',
    at('file:///app/my%20lib/a.mjs'),
    { include: ['my lib'], rootDir: '/x' },
    true,
  ],
  ['include cannot pull in a built-in', at(null), { include: [/.*/] }, false],
];

describe('isInApp', () => {
  describe('rules', () => {
    for (const [what, frame, rules, expected] of cases) {
      it(`should judge ${what} ${expected ? 'in-app' : 'not in-app'}`, () => {
        assert.equal(isInApp(frame, rules), expected);
      });
    }
  });
});
