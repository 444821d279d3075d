import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** `test/fixtures/fingerprint/`: the harness, the app copied to temp install directories, the fake library. */
export const FIXTURE_ROOT = fileURLToPath(new URL('../fixtures/fingerprint/', import.meta.url));

/** The capture harness the fixture apps import through `$FP_HARNESS`. */
export const HARNESS = join(FIXTURE_ROOT, 'harness.mjs');

/** One line the harness prints: a captured error's label, fingerprint and parts. */
export interface Capture {
  label: string;
  fingerprint: string;
  parts: string[];
}

/** Options of one fixture run. */
export interface RunOptions {
  /** Extra environment: `FP_VALUE` (variable part of messages), `FP_OPTIONS` (capture options as JSON). */
  env?: Record<string, string>;
  /** Node flags placed before the script, such as `--enable-source-maps`. */
  nodeFlags?: string[];
}

/** Runs a fixture script in a real child Node process and returns its captures by label (labels must be unique). */
export function runCaptures(
  script: string,
  options: RunOptions = {},
): Promise<Map<string, Capture>> {
  const args = [...(options.nodeFlags ?? []), script];
  const env = { ...process.env, FP_HARNESS: HARNESS, ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: dirname(script),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', code => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${stderr}`));
      const captures = new Map<string, Capture>();
      for (const line of stdout.split('\n').filter(text => text !== '')) {
        const capture = JSON.parse(line) as Capture;
        if (captures.has(capture.label))
          return reject(new Error(`${script}: label ${capture.label} twice`));
        captures.set(capture.label, capture);
      }
      resolve(captures);
    });
  });
}

/**
 * The "lines inserted above" edit: two lines at the top of the file and, above every line holding a `throw`, a
 * blank line and a comment, with that line indented further. Positions move; no statement's text changes.
 */
export function shiftSource(text: string): string {
  const lines = text
    .split('\n')
    .flatMap(line =>
      /\bthrow\b/.test(line) ? ['', '// a comment inserted above the throw', `  ${line}`] : [line],
    );
  return ['// inserted at the top', '', ...lines].join('\n');
}

/** Options of `installFixtureApp`. */
export interface InstallOptions {
  /** Apply `shiftSource` to every source file of the copy. Default false. */
  shift?: boolean;
}

/**
 * Copies the fixture app to `target` as a fresh install: `vendor/fakelib` becomes `node_modules/fakelib`, the
 * TypeScript fixture is compiled with a source map into `ts-out/`, and the sources are shifted when asked.
 */
export async function installFixtureApp(
  target: string,
  options: InstallOptions = {},
): Promise<void> {
  await cp(join(FIXTURE_ROOT, 'app'), target, { recursive: true });
  await installFakeLibrary(target);
  if (options.shift === true) await shiftTree(target);
  await compileTypeScript(join(target, 'ts', 'pricing.ts'), join(target, 'ts-out'));
}

/** Installs the fake third-party package as `<root>/node_modules/fakelib`. */
export async function installFakeLibrary(root: string): Promise<void> {
  await cp(join(FIXTURE_ROOT, 'vendor', 'fakelib'), join(root, 'node_modules', 'fakelib'), {
    recursive: true,
  });
}

async function shiftTree(root: string): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !/\.(?:mjs|cjs|ts)$/.test(entry.name)) continue;
    if (entry.parentPath.includes('node_modules')) continue;
    const file = join(entry.parentPath, entry.name);
    await writeFile(file, shiftSource(await readFile(file, 'utf8')));
  }
}

/** Compiles one TypeScript file as tsc would (ES2022 module) with a source map pointing back at it. */
async function compileTypeScript(source: string, outDir: string): Promise<void> {
  const name = source.slice(source.lastIndexOf('/') + 1, -'.ts'.length);
  const output = ts.transpileModule(await readFile(source, 'utf8'), {
    fileName: `${name}.ts`,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      sourceMap: true,
    },
  });
  const map = JSON.parse(output.sourceMapText ?? '{}') as { sources?: string[] };
  map.sources = [`../ts/${name}.ts`];
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, `${name}.js`), output.outputText);
  await writeFile(join(outDir, `${name}.js.map`), JSON.stringify(map));
}
