import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * give `null`.
 */
export function moduleName(file: string | null, options: ModuleNameOptions = {}): string | null {
  if (file === null || file === '' || file.startsWith('data:')) return null;
  if (file.startsWith('node:')) return file;
  const isWindows = options.isWindows ?? defaults.isWindows;
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
  const baseDir = trimSlashes(normalize(options.baseDir ?? defaults.baseDir(), isWindows));
  if (dir === baseDir) return base;
  if (baseDir !== '' && dir.startsWith(`${baseDir}/`)) {
    return `${dir.slice(baseDir.length + 1).replace(/\//g, '.')}:${base}`;
  }
  return base;
}
