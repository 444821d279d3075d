import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { installFakeLibrary, shiftSource } from './fixtureApp.ts';
import { EDGE_MODULES, SUPPORT_FILES } from './zooEdgeModules.ts';
import { EXTERNAL_MODULES } from './zooExternalModules.ts';
import { APP_MODULES, type ZooModule } from './zooModules.ts';

/** Every module of the zoo. */
export const ZOO_MODULES: readonly ZooModule[] = [
  ...APP_MODULES,
  ...EXTERNAL_MODULES,
  ...EDGE_MODULES,
];

/** One bug of the zoo: `<module path>#<op>`. */
export const ZOO_BUGS: readonly string[] = ZOO_MODULES.flatMap(m =>
  m.ops.map(op => `${m.path}#${op}`),
);

/** Which generated copy a run uses: the original, a copy in another directory, or an edited copy. */
export type ZooInstall = 'original' | 'elsewhere' | 'edited';

/**
 * Writes the grouping-quality zoo into `dir`: every bug of `ZOO_MODULES` is one op of a module, thrown through
 * `run` → `handle` → `dispatch` → `entryA` (the base path) or `entryB` (another path into the same throw). `main.mjs`
 * captures each bug once per variant with the fixture harness and prints `<bug>/<variant>` labels. With
 * `install: 'edited'` every file gets `shiftSource` (blank lines and a comment above each throw, re-indented).
 *
 * The five variants of every bug are the SAME bug by definition: `message` (other values in messages and
 * paths), `version` (service version 2.0.0), `path` (entered through `entryB`), `elsewhere` (the same files in
 * another install directory) and `edited` (lines inserted above the throws). What `entryB` changes, and so what
 * "the same bug" means for each kind (everything else in a module is a different bug):
 * - plain: one throw statement in one function; identical text in other functions or modules is another bug.
 *   Path: callers beyond the two nearest in-app ones (another entry), or (framework modules) the fake
 *   library's other internal route between the app frames.
 * - twoThrows / oneLine / multiLine: one throw statement, even when another one of the same class shares its
 *   function, its line, or its first line. Path: another entry.
 * - typesAtOneSite: one error type at one expression; `toFixed` raising TypeError or RangeError is two bugs.
 * - cause: the root's throw (and its call path); the wrapper's type, message and number of layers do not
 *   matter. Path: the same root wrapped in a TypeError instead of two Error layers.
 * - async: one throw after an await, reached through awaiting callers. Path: another entry.
 * - helper: a call of the shared `fail(message)` helper: each call statement is its own bug, even two in one
 *   function; the helper's own throw identifies nothing. Path: another entry.
 * - system: one fs call statement and one error code (ENOENT, EISDIR, ENOTDIR are three bugs at one call);
 *   the path in the message does not matter. systemAsync: the same with fs/promises.
 * - library: an app function's call into the fake `node_modules` package; two app functions calling the
 *   same library code are two bugs (each is fixed in its own caller). Path: the library's other internal route.
 * - classMethod: one method's throw; same-named methods of two classes are two bugs when their throw text
 *   differs. Path: the method reached through a subclass instance (`Sub.save` runs `Base.save`).
 * - factory: the statement that throws what an error factory built (the factory is shared).
 * - anonymous: one arrow callback's throw; identical callbacks in two functions are two bugs.
 * - eval: the call of eval; the same code evaluated from two functions is two bugs.
 * - recursion: one throw in a recursive function; the depth does not matter. Path: a deeper recursion.
 * - builtin: one statement failing in a built-in (JSON.parse, a property read of undefined).
 * - appCode: one throw with one `code`; the same throw with another code is another bug.
 */
export async function writeZoo(dir: string, install: ZooInstall): Promise<void> {
  const edit = (text: string): string => (install === 'edited' ? shiftSource(text) : text);
  const files: Record<string, string> = {
    ...SUPPORT_FILES,
    ...Object.fromEntries(ZOO_MODULES.map(m => [m.path, moduleSource(m)])),
    'main.mjs': mainSource(install),
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), edit(text));
  }
  await writeFile(
    join(dir, 'package.json'),
    '{ "name": "zoo-app", "version": "1.0.0", "private": true }\n',
  );
  await installFakeLibrary(dir);
}

// The shared skeleton puts at least three in-app frames (the bug's function, run, handle) under each entry.
function moduleSource(m: ZooModule): string {
  const style = m.style ?? 'sync';
  const [async, wait] = style === 'async' ? ['async ', 'await '] : ['', ''];
  const call =
    style === 'framework' ? 'fakelib.dispatch(input => run(op, input), value)' : 'run(op, value)';
  const [setup, teardown] = m.alt ?? ['', ''];
  const entryB =
    setup === ''
      ? `  return ${wait}dispatch(op, value);`
      : `  ${setup}\n  try {\n    return ${wait}dispatch(op, value);\n  } finally {\n    ${teardown}\n  }`;
  return `// Zoo kind: ${m.kind}.
import fakelib from 'fakelib';

${m.body}

${async}function handle(op, value) {
  return ${wait}${call};
}

${async}function dispatch(op, value) {
  return ${wait}handle(op, value);
}

export ${async}function entryA(op, value) {
  return ${wait}dispatch(op, value);
}

export ${async}function entryB(op, value) {
${entryB}
}
`;
}

function mainSource(install: ZooInstall): string {
  const imports = ZOO_MODULES.map((m, i) => `import * as m${i} from './${m.path}';`).join('\n');
  const bugs = ZOO_MODULES.flatMap((m, i) =>
    m.ops.map(op => `  ['${m.path}#${op}', m${i}, '${op}'],`),
  );
  const plan =
    install === 'original'
      ? `[
  ['base', 'entryA', 'v1-alpha', {}],
  ['message', 'entryA', 'v2-omega-99', {}],
  ['version', 'entryA', 'v1-alpha', { version: '2.0.0' }],
  ['path', 'entryB', 'v1-alpha', {}],
]`
      : `[['${install}', 'entryA', 'v1-alpha', {}]]`;
  return `// Generated by test/fingerprint/zooGenerator.ts: captures every bug of the zoo once per variant.
${imports}

const { expectThrow } = await import(process.env.FP_HARNESS);

const plan = ${plan};
const bugs = [
${bugs.join('\n')}
];

for (const [bug, module, op] of bugs) {
  for (const [variant, entry, value, options] of plan) {
    await expectThrow(bug + '/' + variant, () => module[entry](op, value), options);
  }
}
`;
}
