import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fingerprintOfParts } from '../../src/fingerprint/fingerprint.ts';
import { installFixtureApp, runCaptures, type Capture, type RunOptions } from './fixtureApp.ts';

// Each run is a real child process over a fresh copy of test/fixtures/fingerprint/app.
type Install = 'a' | 'b' | 'shifted';
type Variant = 'base' | 'rerun' | 'otherDir' | 'shifted' | 'message' | 'version' | 'sourceMaps';
const SCRIPTS = ['main.mjs', 'main.cjs', 'main-ts.mjs'] as const;
// Every variant runs main.mjs; CommonJS and TypeScript skip the ones that exercise nothing new for them.
const SKIPPED: Record<string, readonly Variant[]> = {
  'main.cjs': ['rerun', 'sourceMaps'],
  'main-ts.mjs': ['rerun', 'version'],
};
const VARIANTS: Record<Variant, { install: Install; run: RunOptions; what: string }> = {
  base: { install: 'a', run: {}, what: 'the first run' },
  rerun: { install: 'a', run: {}, what: 'a second run (a restart)' },
  otherDir: { install: 'b', run: {}, what: 'another install directory' },
  shifted: { install: 'shifted', run: {}, what: 'lines inserted above every throw' },
  message: { install: 'a', run: { env: { FP_VALUE: 'beta-42' } }, what: 'other message values' },
  version: {
    install: 'a',
    run: { env: { FP_OPTIONS: '{"version":"9.9.9"}' } },
    what: 'another service version',
  },
  sourceMaps: {
    install: 'a',
    run: { nodeFlags: ['--enable-source-maps'] },
    what: 'node --enable-source-maps',
  },
};

function variantsOf(script: string): Variant[] {
  return (Object.keys(VARIANTS) as Variant[]).filter(
    variant => !(SKIPPED[script] ?? []).includes(variant),
  );
}

let root = '';
const runs = new Map<string, Map<string, Capture>>();

function run(script: string, variant: Variant): Map<string, Capture> {
  const captures = runs.get(`${script}/${variant}`);
  assert.ok(captures, `no run ${script}/${variant}`);
  return captures;
}

function id(label: string, variant: Variant = 'base'): string {
  const script = label.startsWith('cjs.')
    ? 'main.cjs'
    : label.startsWith('ts.')
      ? 'main-ts.mjs'
      : 'main.mjs';
  const capture = run(script, variant).get(label);
  assert.ok(capture, `no capture ${label} in ${script}/${variant}`);
  return capture.fingerprint;
}

function parts(label: string): string[] {
  const script = label.startsWith('cjs.') ? 'main.cjs' : 'main.mjs';
  return run(script, 'base').get(label)?.parts ?? [];
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'otel-err-fp-'));
  const dirs: Record<Install, string> = {
    a: join(root, 'install-a', 'app'),
    b: join(root, 'srv', 'releases', 'b', 'app'),
    shifted: join(root, 'edited', 'app'),
  };
  await Promise.all([
    installFixtureApp(dirs.a),
    installFixtureApp(dirs.b),
    installFixtureApp(dirs.shifted, { shift: true }),
  ]);
  const jobs = SCRIPTS.flatMap(script =>
    variantsOf(script).map(async variant => {
      const { install, run: options } = VARIANTS[variant];
      runs.set(`${script}/${variant}`, await runCaptures(join(dirs[install], script), options));
    }),
  );
  await Promise.all(jobs);
});

after(async () => {
  if (root !== '') await rm(root, { recursive: true, force: true });
});

describe('fingerprint properties', () => {
  describe('same bug, one id', () => {
    for (const script of SCRIPTS) {
      for (const variant of variantsOf(script).filter(name => name !== 'base')) {
        it(`should give every error of ${script} the same id after ${VARIANTS[variant].what}`, () => {
          const base = run(script, 'base');
          const other = run(script, variant);
          assert.deepEqual([...other.keys()], [...base.keys()]);
          for (const [label, capture] of base) {
            assert.equal(
              other.get(label)?.fingerprint,
              capture.fingerprint,
              `${label}: ${JSON.stringify(capture.parts)}`,
            );
          }
        });
      }
    }
  });

  describe('one bug reached in several ways', () => {
    const same: [string, string, string][] = [
      ['cause.bare', 'cause.wrapped', 'the root decides, not an Error wrapper two layers deep'],
      ['cause.bare', 'cause.typed', 'the root decides, not the wrapper type'],
      ['lib.fromUsers', 'lib.fromUsersQueued', 'a library failing through another internal route'],
      [
        'lib.dispatch.direct',
        'lib.dispatch.queued',
        'a framework dispatching the handler through other frames',
      ],
      ['recursion.depth1', 'recursion.depth6', 'recursion depth is folded'],
      ['stack.fresh', 'stack.readFirst', 'reading error.stack before the capture'],
      [
        'options.none',
        'options.throwing',
        'a throwing fingerprintParts hook falls back to the default parts',
      ],
      [
        'options.overrideParts',
        'options.overridePartsOtherSite',
        'per-error parts override the computed ones',
      ],
    ];
    for (const [a, b, why] of same)
      it(`should give ${a} and ${b} one id: ${why}`, () => assert.equal(id(a), id(b)));
  });

  describe('different bugs, different ids', () => {
    const different: [string, string, string][] = [
      ['sameTry.load', 'sameTry.save', 'two functions caught by the same try, same throw text'],
      ['oneSite.type', 'oneSite.range', 'two error types at one site'],
      ['twoThrows.first', 'twoThrows.second', 'two throw statements in one function'],
      ['oneLine.a', 'oneLine.b', 'two throws on one line'],
      ['multiLine.a', 'multiLine.b', 'two wrapped throws whose first lines are equal'],
      ['cause.wrapped', 'cause.otherRoot', 'two roots under the same wrapper'],
      ['fs.siteA', 'fs.siteB', 'one system error from two app functions'],
      ['fs.siteA', 'fs.eisdir', 'two system error codes at one site'],
      ['lib.fromUsers', 'lib.fromOrders', 'one library error reached from two app functions'],
      ['helper.noId', 'helper.noItems', 'a shared fail() helper called twice in one function'],
      ['helper.noId', 'helper.noName', 'a shared fail() helper called from two functions'],
      ['anon.rejectX', 'anon.sumAll', 'two anonymous callbacks in one module'],
      [
        'anon.firstBad',
        'anon.lastBad',
        'two anonymous callbacks with the same text in two functions',
      ],
      ['eval.rule', 'eval.other', 'the same eval code run from two call sites'],
      ['minified.first', 'minified.second', 'two throws of one type in one minified line'],
      ['class.repo', 'class.cache', 'same-named methods of two classes called from two places'],
      ['options.none', 'options.tenantA', 'a fingerprintParts hook adding a part'],
      ['options.tenantA', 'options.tenantB', 'a hook adding different parts'],
      [
        'options.includeVersion1',
        'options.includeVersion2',
        'includeVersion opts into one id per release',
      ],
      [
        'cjs.sameTry.charge',
        'cjs.sameTry.refund',
        'CommonJS: two functions caught by the same try',
      ],
      [
        'cjs.twoThrows.first',
        'cjs.twoThrows.second',
        'CommonJS: two throw statements in one function',
      ],
      ['cjs.oneSite.type', 'cjs.oneSite.range', 'CommonJS: two error types at one site'],
      [
        'cjs.cause.wrappedCharge',
        'cjs.cause.wrappedRefund',
        'CommonJS: two roots under the same wrapper',
      ],
      [
        'cjs.lib.rates',
        'cjs.lib.taxes',
        'CommonJS: one library error reached from two app functions',
      ],
      ['ts.noPrice', 'ts.negative', 'TypeScript: two throws of one class in one function'],
    ];
    for (const [a, b, why] of different)
      it(`should tell ${a} from ${b}: ${why}`, () => assert.notEqual(id(a), id(b)));
  });

  describe('documented merges', () => {
    it('should merge two anonymous callbacks with identical text called through one statement', () => {
      assert.equal(id('anon.twin0'), id('anon.twin1'));
    });
    it('should merge same-named methods with identical text called through one statement', () => {
      assert.equal(id('class.polymorphicRepo'), id('class.polymorphicCache'));
    });
  });

  describe('parts', () => {
    it('should never hold an absolute path or a message value', () => {
      for (const [key, captures] of runs) {
        for (const { label, parts: all } of captures.values()) {
          for (const part of all) {
            assert.ok(!part.includes(root), `${key} ${label}: ${part}`);
            assert.ok(!/alpha|beta-42|9\.9\.9/.test(part), `${key} ${label}: ${part}`);
          }
        }
      }
    });
    it('should take type and location from the root cause, not the wrapper', () => {
      assert.deepEqual(parts('cause.typed').slice(2, 4), [
        'type:RangeError',
        'frame:lib:chain:readConfig',
      ]);
    });
    it('should locate a system error at the app frame that called fs', () => {
      assert.deepEqual(parts('fs.siteA').slice(2, 5), [
        'type:Error',
        'code:ENOENT',
        'frame:lib:files:readSettings',
      ]);
    });
    it("should locate a frameless system error at its nearest wrapper's in-app frames", () => {
      assert.deepEqual(parts('fs.callbackWrapped').slice(3, 5), [
        'code:ENOENT',
        'frame:lib:files:readLaterWrapped',
      ]);
    });
    it('should fall back to the message template when no exception of the chain has a frame', () => {
      assert.deepEqual(parts('fs.callback').slice(2), [
        'type:Error',
        'code:ENOENT',
        'message:ENOENT: no such file or directory, open <str>',
      ]);
    });
    it('should hash a window of a minified line around the column', () => {
      const text = parts('minified.second').find(part => part.startsWith('text:'));
      assert.match(text ?? '', /^text:….*throw new TypeError\("bad "\+t\).*…$/);
    });
    it('should hash the TypeScript text through the source map', () => {
      const ts = run('main-ts.mjs', 'base').get('ts.noPrice')?.parts ?? [];
      assert.ok(ts.includes('text:new PricingError( `no price for ${sku}`, )'), JSON.stringify(ts));
    });
    it('should use a per-error UUID as is, and hash any other override string or parts', () => {
      assert.equal(id('options.overrideUuid'), '6f1c2a9e-1111-4222-8333-444455556666');
      assert.equal(id('options.overrideString'), fingerprintOfParts(['checkout-declined']));
      assert.equal(id('options.overrideParts'), fingerprintOfParts(['checkout', 'declined']));
    });
  });
});
