import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoizeString } from './memoizeString.ts';

/** Options of {@link moduleName}. */
export interface ModuleNameOptions {
  /** Files under this directory are named by their path relative to it. Default: `process.cwd()`. */
  baseDir?: string;
  /** Read paths as Windows paths (drive letter dropped, `\` as separator). Default: `path.sep === '\\'`. */
  isWindows?: boolean;
}

const defaults = {
  baseDir: (): string => process.cwd(),
  isWindows: sep === '\\',
};

// Files remembered per base directory (a few MB at worst), and base directories remembered.
const MEMO_BOUNDS = { maxEntries: 1024, maxKeyLength: 512 };
const MAX_BASE_DIRS = 4;
const STRIPPED_EXTENSIONS = ['.js', '.mjs', '.cjs'];
const NODE_MODULES = '/node_modules/';

function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

function normalize(path: string, isWindows: boolean): string {
  return isWindows ? path.replace(/^[a-z]:/i, '').replace(/\\/g, '/') : path;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A stable module name for a frame's file, as Sentry derives it: `pkg.sub.dir:file` inside
 * `node_modules` (scoped: `@scope.pkg…`), `sub.dir:file` under `baseDir`, else the bare file name;
 * `.js`/`.mjs`/`.cjs` are dropped, the file part is percent-decoded. `node:` built-ins keep their
 * specifier (`node:internal/fs/utils`), `file://` URLs are read as paths, `data:` URLs and `null`
 * give `null`. Results are memoised per base directory and platform.
 */
export function moduleName(file: string | null, options: ModuleNameOptions = {}): string | null {
  if (file === null || file === '' || file.startsWith('data:')) return null;
  if (file.startsWith('node:')) return file;
  const isWindows = options.isWindows ?? defaults.isWindows;
  const baseDir = options.baseDir ?? defaults.baseDir();
  return memoFor(baseDir, isWindows)(file);
}

// One memo per base directory and platform (a process uses one or two), keyed by the file alone.
const memos = { posix: new Map<string, Memo>(), windows: new Map<string, Memo>() };
type Memo = (file: string) => string | null;

function memoFor(baseDir: string, isWindows: boolean): Memo {
  const byBase = isWindows ? memos.windows : memos.posix;
  let memo = byBase.get(baseDir);
  if (memo === undefined) {
    if (byBase.size >= MAX_BASE_DIRS) byBase.clear();
    memo = memoizeString(file => computeModuleName(file, baseDir, isWindows), MEMO_BOUNDS);
    byBase.set(baseDir, memo);
  }
  return memo;
}

function computeModuleName(file: string, baseDirOption: string, isWindows: boolean): string | null {
  let path = file;
  if (file.startsWith('file:')) {
    try {
      path = fileURLToPath(file, { windows: isWindows });
    } catch {
      return null;
    }
  }
  const normalized = normalize(path, isWindows);
  const slash = normalized.lastIndexOf('/');
  const dir = slash < 0 ? '.' : normalized.slice(0, slash);
  let base = normalized.slice(slash + 1);
  const ext = STRIPPED_EXTENSIONS.find(e => base.endsWith(e) && base.length > e.length);
  if (ext) base = base.slice(0, -ext.length);
  base = decode(base);
  const nodeModules = `${dir}/`.lastIndexOf(NODE_MODULES);
  if (nodeModules >= 0) {
    const pkgDir = dir.slice(nodeModules + NODE_MODULES.length);
    return `${pkgDir.replace(/\//g, '.')}:${base}`;
  }
  const baseDir = trimSlashes(normalize(baseDirOption, isWindows));
  if (dir === baseDir) return base;
  if (baseDir !== '' && dir.startsWith(`${baseDir}/`)) {
    return `${dir.slice(baseDir.length + 1).replace(/\//g, '.')}:${base}`;
  }
  return base;
}
