import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format } from '../../src/format/format.ts';
import { infos } from '../fixtures/format/infos.ts';
import { assertGolden } from './assertGolden.ts';

// Goldens live in test/fixtures/format/terse-<fixture>[.color].txt; UPDATE_GOLDEN=1 rewrites them.
describe('terse', () => {
  for (const [name, info] of Object.entries(infos)) {
    describe(name, () => {
      it('should match the plain golden', () => {
        const output = format(info, 'terse', { color: false });
        assert.ok(!output.includes('\x1b'), 'plain output must not carry escape codes');
        assertGolden(`terse-${name}`, output);
      });

      it('should match the coloured golden', () => {
        assertGolden(`terse-${name}.color`, format(info, 'terse', { color: true }));
      });
    });
  }

  describe('library frames', () => {
    it('should keep runs up to maxLibraryRun and collapse longer ones', () => {
      const kept = format(infos.causeChain, 'terse', { color: false, maxLibraryRun: 5 });
      assert.match(kept, /at Socket\.emit \(node:events:518:28\)/);
      const collapsed = format(infos.causeChain, 'terse', { color: false, maxLibraryRun: 4 });
      assert.match(collapsed, /… 5 library frames/);
      assert.doesNotMatch(collapsed, /Socket\.emit/);
    });

    it('should always show the frame that threw, even inside a library', () => {
      const output = format(infos.systemError, 'terse', { color: false, maxLibraryRun: 0 });
      assert.deepEqual(output.split('\n').slice(1, 3), [
        '    at Object.openSync (node:fs:573:18)',
        '    … 1 library frame',
      ]);
    });
  });

  describe('header', () => {
    it('should show the count only when the report stands for more than one occurrence', () => {
      const once = format({ ...infos.tsService, count: 1 }, 'terse', { color: false });
      assert.equal(once.split('\n')[0]?.includes('×'), false);
      assert.match(format(infos.tsService, 'terse', { color: false }), /· ×12 ·/);
    });

    it('should omit the brackets when there is no service and no fingerprint', () => {
      const bare = { ...infos.thrownString, name: '', version: '' };
      assert.equal(
        format(bare, 'terse', { color: false }).split('\n')[0],
        'Thrown string: config not loaded',
      );
    });
  });

  describe('source line', () => {
    it('should print the throwing line once, under the top in-app frame with source', () => {
      const output = format(infos.tsService, 'terse', { color: false });
      assert.equal(output.match(/\^/g)?.length, 1);
      assert.match(
        output,
        /discount\.ts:42:29\)\n {8}const pct = customer\.tier\.rate \* base;\n {34}\^/,
      );
    });
  });
});
