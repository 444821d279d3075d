import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { moduleName } from '../../src/stack/moduleName.ts';

interface VectorCase {
  basePath?: string | null;
  isWindows?: boolean;
  filename: string | null;
  expected: string | null;
}

const groups = JSON.parse(
  readFileSync(new URL('../fixtures/stack/module-name-vectors.json', import.meta.url), 'utf8'),
) as { source: string; cases: VectorCase[] }[];

// Sentry ran these with its test runner's directory as the base; no vector lies under it.
const RUNNER_DIR = '/sentry-test-runner';

/** Sentry keeps only the last segment of a `node:` specifier; we keep the whole specifier (moduleName's doc). */
function ours(c: VectorCase): string | null {
  return c.filename?.startsWith('node:') ? c.filename : c.expected;
}

describe('moduleName', () => {
  describe('Sentry vectors', () => {
    for (const [g, group] of groups.entries()) {
      for (const c of group.cases) {
        it(`should name ${JSON.stringify(c.filename)} (group ${g}, windows: ${c.isWindows ?? false})`, () => {
          const options = { baseDir: c.basePath ?? RUNNER_DIR, isWindows: c.isWindows ?? false };
          assert.equal(moduleName(c.filename, options), ours(c));
        });
      }
    }
  });

  describe('beyond the vectors', () => {
    const cases: [
      string,
      string | null,
      { baseDir?: string; isWindows?: boolean },
      string | null,
    ][] = [
      [
        'node: built-ins keep their specifier',
        'node:internal/fs/utils',
        {},
        'node:internal/fs/utils',
      ],
      ['node:fs', 'node:fs', {}, 'node:fs'],
      [
        'a file:// URL under the base',
        'file:///app/src/lib/a%20b.mjs',
        { baseDir: '/app' },
        'src.lib:a b',
      ],
      [
        'a file:// URL in node_modules',
        'file:///app/node_modules/@s/p/x.js',
        { baseDir: '/app' },
        '@s.p:x',
      ],
      [
        'a Windows file:// URL',
        'file:///C:/app/src/x.js',
        { baseDir: 'C:\\app', isWindows: true },
        'src:x',
      ],
      ['a bad file:// URL', 'file://host/x.js', { isWindows: false }, null],
      ['a data: URL', 'data:text/javascript,1', {}, null],
      ['a sibling of the base is not under it', '/application/x.js', { baseDir: '/app' }, 'x'],
      ['a base with a trailing slash', '/app/src/x.js', { baseDir: '/app/' }, 'src:x'],
      ['.ts is kept', '/app/src/x.ts', { baseDir: '/app' }, 'src:x.ts'],
      ['a bad percent escape is kept', '/app/%zz.js', { baseDir: '/app' }, '%zz'],
      ['the empty string', '', {}, null],
    ];
    for (const [what, file, options, expected] of cases) {
      it(`should handle ${what}`, () => assert.equal(moduleName(file, options), expected));
    }

    it('should default the base to the working directory', () => {
      assert.equal(moduleName(`${process.cwd()}/lib/x.js`, { isWindows: false }), 'lib:x');
    });
  });
});
